import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

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
});
