import { DEFAULT_CACHE } from '../../src/config';
import { DEMO } from '../../src/simulator';
import { startHarness, type Harness } from '../support/harness';
import { metricValue, scrape } from '../support/metrics';

const P = DEMO.projectId;
const C = DEMO.clusters.LEGACY_BACKUP;
const JOB = `query($j: ObjectID!) { restoreJob(kind: LEGACY_BACKUP, projectId: "${P}", clusterName: "${C}", jobId: $j) { id jobId status createdAt } }`;
const SHORT = 400;
const TOKENS = ['rc-token-A', 'rc-token-B', 'rc-token-C', 'rc-token-D', 'rc-token-E', 'rc-token-F'];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function legacyJobs(h: Harness) {
  return h.sim.seed.projects.find((p) => p.id === P)!.clusters.find((c) => c.name === C)!.legacy!;
}

/** Raw POST: the body exactly as given, so two requests are byte-identical. */
async function post(h: Harness, body: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; contentType: string | null }> {
  const res = await fetch(h.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, text: await res.text(), contentType: res.headers.get('content-type') };
}

describe('whole answers served again while their data is fresh (the response cache)', () => {
  let h: Harness;
  let finished: string;
  let running: string;
  const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

  beforeAll(async () => {
    h = await startHarness({
      simulator: { auth: { mode: 'bearer', clientId: 'x', clientSecret: 'y', acceptedTokens: TOKENS } },
      auth: { mode: 'passthrough' },
      cache: { ...DEFAULT_CACHE, ttls: { terminalMs: 3_600_000, runningMs: SHORT, pageMs: SHORT } },
    });
    finished = legacyJobs(h).find((j) => j.statusName === 'FINISHED')!.id!;
    running = legacyJobs(h).find((j) => j.statusName === 'IN_PROGRESS')!.id!;
  });
  afterAll(() => h.stop());
  beforeEach(() => h.sim.resetCalls());

  it('a repeated read of a finished job is answered without executing GraphQL, byte for byte the same', async () => {
    const body = JSON.stringify({ query: JOB, variables: { j: finished } });
    const before = await scrape(h.gateway);
    const first = await post(h, body, bearer(TOKENS[0]!));
    expect(first.status).toBe(200);
    expect(JSON.parse(first.text)).toMatchObject({ data: { restoreJob: { jobId: finished, status: 'COMPLETED' } } });
    for (let i = 0; i < 5; i += 1) expect(await post(h, body, bearer(TOKENS[0]!))).toEqual(first);
    const after = await scrape(h.gateway);
    expect(h.sim.calls).toHaveLength(1);
    expect(metricValue(after, 'graphql_response_cache_total', 'result="hit"') - metricValue(before, 'graphql_response_cache_total', 'result="hit"')).toBe(5);
    // Apollo ran once: its operation histogram counted one more operation, not six.
    const ops = (t: string) => metricValue(t, 'graphql_operation_duration_seconds_count');
    expect(ops(after) - ops(before)).toBe(1);
  });

  it('an answer with a running job is served again for runningMs only', async () => {
    const body = JSON.stringify({ query: JOB, variables: { j: running } });
    const first = await post(h, body, bearer(TOKENS[1]!));
    expect(JSON.parse(first.text)).toMatchObject({ data: { restoreJob: { status: 'IN_PROGRESS' } } });
    expect(await post(h, body, bearer(TOKENS[1]!))).toEqual(first);
    expect(h.sim.calls).toHaveLength(1);
    await sleep(SHORT + 100);
    expect(await post(h, body, bearer(TOKENS[1]!))).toEqual(first);
    expect(h.sim.calls).toHaveLength(2);
  });

  it('is never shared across credentials, and a refused credential gets its own refusal', async () => {
    const body = JSON.stringify({ query: JOB, variables: { j: finished } });
    const a = await post(h, body, bearer(TOKENS[2]!));
    const b = await post(h, body, bearer(TOKENS[3]!));
    expect(b).toEqual(a);
    expect(h.sim.calls.map((c) => c.authorization)).toEqual([`Bearer ${TOKENS[2]}`, `Bearer ${TOKENS[3]}`]);
    const stranger = await post(h, body, bearer('rc-token-not-accepted'));
    expect(JSON.parse(stranger.text).errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
    const none = await post(h, body);
    expect(none.status).toBe(401);
  });

  it('keeps answers for different Accept headers apart (the media type of the answer differs)', async () => {
    const body = JSON.stringify({ query: JOB, variables: { j: finished } });
    const t = bearer(TOKENS[4]!);
    const json = await post(h, body, { ...t, accept: 'application/json' });
    const gql = await post(h, body, { ...t, accept: 'application/graphql-response+json' });
    expect(json.contentType).toMatch(/^application\/json/);
    expect(gql.contentType).toMatch(/^application\/graphql-response\+json/);
    expect((await post(h, body, { ...t, accept: 'application/json' })).contentType).toMatch(/^application\/json/);
    expect((await post(h, body, { ...t, accept: 'application/graphql-response+json' })).contentType).toMatch(/^application\/graphql-response\+json/);
  });

  it('answers a body that is not JSON with BAD_USER_INPUT (HTTP 400), never from or into the cache', async () => {
    const broken = JSON.stringify({ query: JOB, variables: { j: finished } }).slice(0, -1);
    const before = await scrape(h.gateway);
    const answers = [await post(h, broken, bearer(TOKENS[5]!)), await post(h, broken, bearer(TOKENS[5]!))];
    expect(answers.map((a) => [a.status, JSON.parse(a.text)])).toEqual(
      Array(2).fill([400, { errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_USER_INPUT' } }] }]),
    );
    const after = await scrape(h.gateway);
    const results = (t: string, result: string) => metricValue(t, 'graphql_response_cache_total', `result="${result}"`);
    expect([results(after, 'hit') - results(before, 'hit'), results(after, 'store') - results(before, 'store'), h.sim.calls.length]).toEqual([0, 0, 0]);
  });

  it('never keeps an answer with an error, a 404, or a call that is not cacheable', async () => {
    const t = bearer(TOKENS[5]!);
    const missing = JSON.stringify({ query: JOB, variables: { j: 'ffffffffffffffffffffffff' } });
    await post(h, missing, t);
    await post(h, missing, t);
    expect(h.sim.calls).toHaveLength(2);
    h.sim.resetCalls();
    // The cluster field asks the clusters API, which is not cached (the gateway remembers only which API serves a
    // cluster): its answers are never stored, so each is built again.
    const cluster = JSON.stringify({ query: `{ cluster(projectId: "${P}", name: "${DEMO.today.sharded}") { kind } }` });
    const before = await scrape(h.gateway);
    const one = await post(h, cluster, t);
    expect(JSON.parse(one.text).errors).toBeUndefined();
    expect(h.sim.calls.length).toBeGreaterThan(0);
    expect(await post(h, cluster, t)).toEqual(one);
    const after = await scrape(h.gateway);
    for (const result of ['store', 'hit']) {
      const label = `result="${result}"`;
      expect(metricValue(after, 'graphql_response_cache_total', label) - metricValue(before, 'graphql_response_cache_total', label)).toBe(0);
    }
    h.sim.resetCalls();
    const invalid = JSON.stringify({ query: '{ restoreJob { nope } }' });
    const bad = await post(h, invalid, t);
    expect(bad.status).toBe(400);
    expect(await post(h, invalid, t)).toEqual(bad);
  });
});

describe('the response cache with server credentials and GATEWAY_TOKENS', () => {
  const TOKEN = 'gateway-token-0123456789';
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ access: { gatewayTokens: [TOKEN] }, cache: DEFAULT_CACHE });
  });
  afterAll(() => h.stop());

  it('checks the gateway token before serving a stored answer', async () => {
    const finished = legacyJobs(h).find((j) => j.statusName === 'FINISHED')!.id!;
    const body = JSON.stringify({ query: JOB, variables: { j: finished } });
    const ok = await post(h, body, { authorization: `Bearer ${TOKEN}` });
    expect(JSON.parse(ok.text).data.restoreJob.jobId).toBe(finished);
    expect(await post(h, body, { authorization: `Bearer ${TOKEN}` })).toEqual(ok);
    const refused = await post(h, body, { authorization: 'Bearer not-the-gateway-token-000' });
    expect(refused.status).toBe(401);
    expect(refused.text).not.toContain(finished);
    expect((await post(h, body)).status).toBe(401);
  });
});
