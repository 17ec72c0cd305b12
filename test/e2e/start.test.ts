import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
/** What a browser's navigation sends. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

/** `npm start` with only these variables (plus PATH and HOME), as a new user runs it. */
function npmStart(vars: Record<string, string>): { child: ChildProcess; stdout: () => string; stderr: () => string; closed: Promise<number | null> } {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...vars };
  const child = spawn('npm', ['start', '--silent'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  // Everything the process printed has arrived once both pipes closed (the gateway, npm's child, may outlive npm).
  const pipes = Promise.all([new Promise((r) => child.stdout!.once('close', r)), new Promise((r) => child.stderr!.once('close', r))]);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, closed: pipes.then(() => exited) };
}

/** Resolves once `done` holds for the output; rejects when the process exits first or after 90 s. */
function waitFor(run: ReturnType<typeof npmStart>, done: (stdout: string) => boolean): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner within 90 s:\n${run.stdout()}${run.stderr()}`)), 90_000);
    const check = setInterval(() => {
      if (done(run.stdout())) {
        clearInterval(check);
        clearTimeout(timer);
        resolve();
      }
    }, 100);
    run.child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${run.stdout()}${run.stderr()}`)));
  });
}

/** SIGTERM to npm and the gateway; resolves once their output has all arrived. */
async function stop(run: ReturnType<typeof npmStart>): Promise<void> {
  if (run.child.exitCode === null) process.kill(-run.child.pid!, 'SIGTERM');
  await run.closed;
}

/** The banner: stdout's lines that are not JSON log lines, up to and including the cache line. */
function bannerOf(stdout: string): string[] {
  const lines = stdout.split('\n').filter((line) => line !== '' && !line.startsWith('{'));
  return lines.slice(0, lines.findIndex((line) => line.startsWith('Cache: ')) + 1);
}

/** `npm start` with no configuration: demo mode on the embedded simulator, as a new user would run it. */
describe('npm start (demo mode)', () => {
  let child: ChildProcess;
  let output = '';

  beforeAll(async () => {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0' };
    child = spawn('npm', ['start', '--silent'], { cwd: join(__dirname, '..', '..'), env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner within 90 s:\n${output}`)), 90_000);
      const check = setInterval(() => {
        if (/big-cluster|holds \d+ jobs/.test(output)) {
          clearInterval(check);
          clearTimeout(timer);
          resolve();
        }
      }, 100);
      child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
    });
  }, 120_000);

  afterAll(async () => {
    if (child.exitCode === null) {
      // npm exits on the signal at once; the gateway (npm's child) keeps the pipes open until it has drained, so the
      // end of its output, not npm's exit, is when everything it printed has arrived.
      const drained = Promise.all([new Promise((r) => child.stdout!.once('close', r)), new Promise((r) => child.stderr!.once('close', r))]);
      process.kill(-child.pid!, 'SIGTERM');
      await drained;
    }
    // src/index.ts's handler ran: it drained and said so, and the gateway's stop finished (without "stopped", the
    // force-exit backstop ended the process). npm's own exit code says nothing here: the signal reached it too.
    expect(output).toContain('SIGTERM: draining in-flight requests, then exiting.');
    expect(output).toContain('"msg":"stopped"');
  });

  it('prints the GraphQL URL, the demo project and one cluster per kind; a query for each kind returns data', async () => {
    const url = /GraphQL at (http:\/\/127\.0\.0\.1:\d+\/graphql)/.exec(output)?.[1];
    const projectId = /projectId: ([a-f0-9]{24})/.exec(output)?.[1];
    expect(url).toBeDefined();
    expect(projectId).toBeDefined();
    const clusters = Object.fromEntries([...output.matchAll(/kind: (\w+)\s+clusterName: (\S+)/g)].map((m) => [m[1], m[2]]));
    expect(Object.keys(clusters).sort()).toEqual(['CLOUD_BACKUP', 'FLEX', 'LEGACY_BACKUP', 'SERVERLESS', 'SHARED_TIER']);
    for (const [kind, clusterName] of Object.entries(clusters)) {
      const res = await fetch(url!, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `{ restoreJobs(kind: ${kind}, projectId: "${projectId}", clusterName: "${clusterName}", first: 2) { totalCount nodes { kind status } } }`,
        }),
      });
      const body = (await res.json()) as { data?: { restoreJobs: { totalCount: number; nodes: { kind: string }[] } }; errors?: unknown };
      expect(body.errors).toBeUndefined();
      expect(body.data!.restoreJobs.nodes).toHaveLength(2);
      expect(body.data!.restoreJobs.nodes.every((n) => n.kind === kind)).toBe(true);
    }
    const health = await fetch(url!.replace('/graphql', '/healthz'));
    expect(health.status).toBe(200);
  });

  it('prints the banner README\'s "Two commands" shows, line for line (the random ports aside)', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Two commands'), readme.indexOf('## Configuration'));
    const sample = /```\n(atlas-restore-gateway: GraphQL at [\s\S]*?)\n```/.exec(section)?.[1]?.split('\n');
    const port = new URL(/GraphQL at (\S+)/.exec(output)![1]!).port;
    const printed = bannerOf(output).map((line) =>
      line.replaceAll(`http://127.0.0.1:${port}/`, 'http://127.0.0.1:4000/').replace(/simulator at http:\/\/127\.0\.0\.1:\d+ /, 'simulator at http://127.0.0.1:<random port> '),
    );
    expect(printed).toEqual(sample);
  });

  it('serves the offline GraphiQL at /graphiql beside Sandbox, links it from the page at /graphql, and prints both URLs', async () => {
    const graphqlUrl = /GraphQL at (\S+)/.exec(output)![1]!;
    const graphiqlUrl = graphqlUrl.replace(/\/graphql$/, '/graphiql');
    expect(bannerOf(output).slice(0, 3)).toEqual([
      `atlas-restore-gateway: GraphQL at ${graphqlUrl}`,
      "Open it in a browser for Apollo Sandbox (loaded from Apollo's CDN: it needs internet).",
      `Offline GraphiQL (every asset served by the gateway): ${graphiqlUrl}`,
    ]);
    const sandbox = await fetch(graphqlUrl, { headers: { accept: BROWSER_ACCEPT } });
    const sandboxHtml = await sandbox.text();
    expect(sandbox.status).toBe(200);
    expect(sandboxHtml).toContain('https://embeddable-sandbox.cdn.apollographql.com/');
    const link = /<a href="([^"]+)">Open the bundled GraphiQL<\/a>/.exec(sandboxHtml)?.[1];
    expect(link && new URL(link, graphqlUrl).href).toBe(graphiqlUrl);

    const page = await fetch(graphiqlUrl);
    const html = await page.text();
    expect({ status: page.status, type: page.headers.get('content-type') }).toEqual({ status: 200, type: 'text/html; charset=utf-8' });
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs).toHaveLength(6);
    for (const ref of refs) {
      const asset = await fetch(new URL(ref, graphiqlUrl));
      expect([ref, asset.status]).toEqual([ref, 200]);
    }
    // The page sends GraphQL to its data-endpoint, resolved against its own URL: the GraphQL URL.
    const endpoint = new URL(/data-endpoint="([^"]+)"/.exec(html)![1]!, graphiqlUrl).href;
    expect(endpoint).toBe(graphqlUrl);
  });
});

/** `MONGODB_ATLAS_API_VERSION` and the time limits are not credentials: the gateway stays in demo mode on v1.0. */
describe('npm start with MONGODB_ATLAS_API_VERSION=v1.0 and time limits (demo mode)', () => {
  const run = npmStart({ PORT: '0', MONGODB_ATLAS_API_VERSION: 'v1.0', ATLAS_ATTEMPT_TIMEOUT_MS: '8000', REQUEST_TIMEOUT_MS: '20000', LOG_LEVEL: 'debug' });
  beforeAll(() => waitFor(run, (out) => out.includes('\nCache: ')), 120_000);
  afterAll(() => stop(run));

  it('starts the simulator, says v1.0, and a legacy list goes to the v1.0 path and carries v1.0 links', async () => {
    expect(run.stderr()).toBe('');
    const banner = bannerOf(run.stdout());
    expect(banner[3]).toMatch(/^Demo mode: no Atlas credentials set, so the gateway reads the embedded Atlas simulator at http:\/\/127\.0\.0\.1:\d+ \(API v1\.0\)\.$/);
    const url = /GraphQL at (\S+)/.exec(run.stdout())![1]!;
    const projectId = '65f1c0de2a4b6c8d0e1f2a3b';
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ restoreJobs(kind: LEGACY_BACKUP, projectId: "${projectId}", clusterName: "legacy-cluster-0", first: 1) { nodes { kind links { rel href } } } }` }),
    });
    const body = (await res.json()) as { data: { restoreJobs: { nodes: { kind: string; links: { rel: string; href: string }[] }[] } } };
    expect(body).toEqual({ data: { restoreJobs: { nodes: [{ kind: 'LEGACY_BACKUP', links: expect.any(Array) }] } } });
    const hrefs = body.data.restoreJobs.nodes[0]!.links.map((l) => new URL(l.href).pathname);
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs.filter((h) => !h.startsWith(`/api/atlas/v1.0/groups/${projectId}/`))).toEqual([]);
    // The debug log's upstream line: the call went to the v1.0 path.
    const upstream = run
      .stdout()
      .split('\n')
      .filter((line) => line.includes('"msg":"upstream call"'))
      .map((line) => (JSON.parse(line) as { upstream: { path: string } }).upstream.path);
    expect(upstream).toEqual([`/api/atlas/v1.0/groups/${projectId}/clusters/legacy-cluster-0/restoreJobs`]);
  });
});

describe('npm start with half a credential or a base URL alone', () => {
  it.each([
    [{ MONGODB_ATLAS_CLIENT_ID: 'my-client' }, 'Configuration error: MONGODB_ATLAS_CLIENT_SECRET: is required when MONGODB_ATLAS_CLIENT_ID is set.'],
    [
      { MONGODB_ATLAS_PRIVATE_API_KEY: 'my-private-key', MONGODB_ATLAS_API_VERSION: 'v1.0' },
      'Configuration error: MONGODB_ATLAS_PUBLIC_API_KEY: is required when MONGODB_ATLAS_PRIVATE_API_KEY is set.',
    ],
    [
      { MONGODB_ATLAS_BASE_URL: 'http://127.0.0.1:9' },
      'Configuration error: MONGODB_ATLAS_BASE_URL: is set, so the gateway calls that server and needs credentials: set MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET, MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY, or ATLAS_AUTH_MODE=passthrough (or unset MONGODB_ATLAS_BASE_URL for demo mode).',
    ],
  ])('%j: one line naming the variable set and the one missing, exit 2, nothing else', async (vars, line) => {
    const run = npmStart({ PORT: '0', ...vars });
    const code = await run.closed;
    expect({ code, stdout: run.stdout(), stderr: run.stderr() }).toEqual({ code: 2, stdout: '', stderr: `${line}\n` });
  }, 120_000);
});

describe('npm start on a taken port', () => {
  let taken: Server;
  let port: number;
  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    port = (taken.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())));

  it('says which address is taken and that PORT and HOST choose another; exits 1 with no stack', async () => {
    const run = npmStart({ PORT: String(port), HOST: '127.0.0.1' });
    const code = await run.closed;
    expect({ code, stderr: run.stderr() }).toEqual({
      code: 1,
      stderr: `atlas-restore-gateway cannot listen on 127.0.0.1:${port}: the address is already in use. Set PORT (and HOST) to choose another, e.g. PORT=${port + 1} npm start.\n`,
    });
    expect(bannerOf(run.stdout())).toEqual([]);
  }, 120_000);
});
