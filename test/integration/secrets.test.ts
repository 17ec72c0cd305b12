import { DEMO, type SeedData } from '../../src/simulator';
import type { AuthConfig } from '../../src/config';
import type { SimulatorAuth } from '../../src/simulator';
import { startHarness, type Harness } from '../support/harness';
import { captureLogs } from '../support/logs';

/**
 * Known secrets through the fault scenarios: every response body, every log line (debug level) and the metrics text
 * are scanned for them. Some faults echo secrets in Atlas's error detail or an HTML page, as misbehaving upstreams do.
 */
const CLIENT_SECRET = 'sa-secret-c7f1e2d9a4b8';
const DIGEST_PUBLIC = 'digestpub7';
const DIGEST_PRIVATE = 'digest-private-5e9a1c7b3d';
const CALLER_TOKEN = 'caller-token-9f8e7d6c5b4a';

/** The seed's download secrets: every `authValue`, and the token of every signed URL. */
function seedSecrets(seed: SeedData): string[] {
  const found = new Set<string>();
  const walk = (value: unknown, key: string): void => {
    if (typeof value === 'string') {
      if (key === 'authValue') found.add(value);
      for (const m of value.matchAll(/[?&](?:token|sig)=([^&\s"]+)/g)) found.add(m[1]!);
    } else if (Array.isArray(value)) value.forEach((v) => walk(v, key));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  walk(seed, '');
  return [...found];
}

/** What the gateway sent upstream that is secret: bearer tokens, digest nonces, cnonces and responses. */
function sentSecrets(h: Harness): string[] {
  const found = new Set<string>();
  for (const { authorization } of h.sim.calls) {
    if (!authorization) continue;
    const bearer = /^Bearer (\S+)$/.exec(authorization)?.[1];
    if (bearer) found.add(bearer);
    for (const m of authorization.matchAll(/\b(nonce|cnonce|response)="([^"]+)"/g)) found.add(m[2]!);
  }
  return [...found];
}

const scenarios: { name: string; fault?: (h: Harness, secrets: { download: string[] }) => void }[] = [
  { name: 'a healthy call' },
  {
    name: 'a 400 whose detail echoes the credentials and a signed URL',
    fault: (h, s) =>
      h.sim.inject({
        status: 400,
        body: JSON.stringify({
          error: 400,
          errorCode: 'INVALID_PARAMETER',
          reason: 'Bad Request',
          detail: `Rejected Authorization: Bearer ${CALLER_TOKEN} / Digest username="${DIGEST_PUBLIC}", response="abc" for https://restore.example.net/x.tar.gz?token=${s.download[1]} (authValue: ${s.download[0]}, secret=${CLIENT_SECRET})`,
        }),
        times: Infinity,
      }),
  },
  {
    name: 'a 502 HTML page that echoes the request headers',
    fault: (h) =>
      h.sim.inject({ status: 502, body: `<html><pre>authorization: Bearer ${CALLER_TOKEN}\nkey=${DIGEST_PRIVATE}</pre></html>`, headers: { 'Content-Type': 'text/html' }, times: Infinity }),
  },
  { name: 'a 429 with Retry-After', fault: (h) => h.sim.inject({ status: 429, headers: { 'Retry-After': '1' }, times: 2 }) },
  { name: 'a 503 on every attempt', fault: (h) => h.sim.inject({ status: 503, times: Infinity }) },
  { name: 'a connection reset', fault: (h) => h.sim.inject({ destroy: true, times: Infinity }) },
  { name: 'a hang', fault: (h) => h.sim.inject({ delayMs: 5_000, times: Infinity }) },
  { name: 'a malformed 200 body that holds a secret', fault: (h, s) => h.sim.inject({ status: 200, body: `{"authValue": "${s.download[0]}", oops`, times: Infinity }) },
  { name: 'a truncated body', fault: (h, s) => h.sim.inject({ status: 200, body: `{"results": [], "secret": "${s.download[0]}"}`, truncateAt: 10, times: Infinity }) },
];

const modes: { mode: string; simulator: SimulatorAuth; auth: AuthConfig; headers: Record<string, string>; secrets: string[] }[] = [
  {
    mode: 'service account',
    simulator: { mode: 'bearer', clientId: 'sa-client', clientSecret: CLIENT_SECRET },
    auth: { mode: 'serviceAccount', clientId: 'sa-client', clientSecret: CLIENT_SECRET },
    headers: {},
    secrets: [CLIENT_SECRET],
  },
  {
    mode: 'digest',
    simulator: { mode: 'digest', publicKey: DIGEST_PUBLIC, privateKey: DIGEST_PRIVATE },
    auth: { mode: 'digest', publicKey: DIGEST_PUBLIC, privateKey: DIGEST_PRIVATE },
    headers: {},
    secrets: [DIGEST_PRIVATE],
  },
  {
    mode: 'passthrough',
    simulator: { mode: 'bearer', clientId: 'x', clientSecret: 'y', acceptedTokens: [CALLER_TOKEN] },
    auth: { mode: 'passthrough' },
    headers: { authorization: `Bearer ${CALLER_TOKEN}` },
    secrets: [CALLER_TOKEN],
  },
];

describe.each(modes)('no secret in any response, log line or metric ($mode)', ({ simulator, auth, headers, secrets }) => {
  let h: Harness;
  const { logger, lines } = captureLogs('debug');
  const bodies: string[] = [];
  const sent = new Set<string>();
  let download: string[];

  beforeAll(async () => {
    h = await startHarness({ simulator: { auth: simulator }, auth, logger, timeouts: { attemptMs: 200 } });
    download = seedSecrets(h.sim.seed);
  });
  afterAll(() => h.stop());

  it.each(scenarios)('$name', async ({ fault }) => {
    h.sim.clearFaults();
    h.clock.advance(3_600_000);
    fault?.(h, { download });
    const res = await h.post(
      `query($p: ObjectID!, $c: String!) { restoreJobs(kind: LEGACY_BACKUP, projectId: $p, clusterName: $c, first: 3) { nodes { id jobId status } } }`,
      { p: DEMO.projectId, c: DEMO.clusters.LEGACY_BACKUP },
      headers,
    );
    bodies.push(res.text);
    for (const s of sentSecrets(h)) sent.add(s);
    expect(res.status).toBeLessThan(500);
  });

  it('scans: zero hits', async () => {
    bodies.push(await h.gateway.metrics.text());
    const known = [...secrets, ...download, ...sent];
    // The scan would find something: the secrets exist, the gateway logged and answered.
    expect(download.length).toBeGreaterThan(10);
    expect(sent.size).toBeGreaterThan(0);
    expect(lines.filter((l) => l.includes('"msg":"upstream call"')).length).toBeGreaterThan(scenarios.length);
    expect(lines.filter((l) => l.includes('"msg":"request"'))).toHaveLength(scenarios.length);
    const hits = known.flatMap((secret) => [...bodies, ...lines].filter((text) => text.includes(secret)).map((text) => `${secret} in ${text.slice(0, 200)}`));
    expect(hits).toEqual([]);
  });
});

describe("no created job's download secret in a mutation's answer, an error or a log line", () => {
  let h: Harness;
  const { logger, lines } = captureLogs('debug');

  beforeAll(async () => {
    // Jobs move a state every millisecond: the created download is ready, with its signed URLs, at once.
    h = await startHarness({ logger, simulator: { jobStepMs: 1 } });
  });
  afterAll(() => h.stop());

  it('scans: zero hits', async () => {
    const P = DEMO.projectId;
    const cluster = DEMO.clusters.CLOUD_BACKUP;
    const input = { idempotencyKey: 'secrets-1', projectId: P, clusterName: cluster, kind: 'CLOUD_BACKUP', snapshotId: h.sim.snapshots.completedId(P, cluster) };
    const MUTATION = `mutation ($input: StartDownloadRestoreInput!) { startDownloadRestore(input: $input) { restoreJob { id jobId status } userErrors { message code atlasErrorCode } replayed } }`;
    const bodies: string[] = [];
    const first = await h.post(MUTATION, { input });
    bodies.push(first.text);
    const job = (first.body.data?.startDownloadRestore as { restoreJob: { id: string; jobId: string } }).restoreJob;
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The caller may read the job's URLs; that answer is the only place they belong, so it is not scanned.
    const read = await h.query(`query ($id: ID!) { node(id: $id) { ... on RestoreJob { status downloadUrls } } }`, { id: job.id });
    const urls = (read.data?.node as { downloadUrls: string[] }).downloadUrls;
    const secrets = urls.flatMap((u) => [u, ...[...u.matchAll(/[?&](?:token|sig|signature)=([^&\s"]+)/gi)].map((m) => m[1]!)]);
    // A replay, a cancel of the finished job, and Atlas refusing a create with a detail that echoes the URL.
    bodies.push((await h.post(MUTATION, { input })).text);
    bodies.push((await h.post(`mutation ($id: ID!) { cancelRestoreJob(input: { id: $id }) { userErrors { message code } } }`, { id: job.id })).text);
    h.sim.inject({ match: (c) => c.method === 'POST', status: 400, body: JSON.stringify({ error: 400, errorCode: 'SOMETHING', reason: 'Bad Request', detail: `See ${urls[0]} (token=${secrets.at(-1)})` }) });
    bodies.push((await h.post(MUTATION, { input: { ...input, idempotencyKey: 'secrets-2' } })).text);
    expect([(read.data?.node as { status: string }).status, urls.length > 0, secrets.length > urls.length]).toEqual(['COMPLETED', true, true]);
    const hits = secrets.flatMap((secret) => [...bodies, ...lines].filter((text) => text.includes(secret)).map((text) => `${secret} in ${text.slice(0, 200)}`));
    expect(hits).toEqual([]);
  });
});
