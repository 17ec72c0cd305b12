import { DEMO } from '../../src/simulator';
import type { Fault } from '../../src/simulator';
import { startHarness, type Harness } from '../support/harness';

/**
 * The fault matrix against the loopback simulator: each misbehaviour gives a typed error or partial data, never a
 * crash or an unhandled rejection, and retries are counted from the simulator's call log. Waits run on the
 * harness's FakeClock (random fixed at 0.5), so the recorded backoffs are exact: full jitter of a 250 ms base is
 * 125, 250, 500 ms; Atlas's rate-limit schedule is 10, 20, 40 s plus that jitter.
 */
const loc = { p: DEMO.projectId, c: DEMO.clusters.FLEX };
const GET = `query($p: ObjectID!, $c: String!, $j: ObjectID!) { restoreJob(kind: FLEX, projectId: $p, clusterName: $c, jobId: $j) { jobId status } }`;
const TWO = `query($p: ObjectID!, $c: String!, $ok: ObjectID!, $bad: ObjectID!) {
  ok: restoreJob(kind: FLEX, projectId: $p, clusterName: $c, jobId: $ok) { jobId }
  bad: restoreJob(kind: FLEX, projectId: $p, clusterName: $c, jobId: $bad) { jobId }
}`;
const none = { status: null, errorCode: null, detail: null };
const atlasError = (status: number, errorCode: string, detail: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ error: status, errorCode, detail, reason: 'Reason', ...extra });

const trapped: unknown[] = [];
const trap = (reason: unknown): void => {
  trapped.push(reason);
};

beforeAll(() => process.on('unhandledRejection', trap));
afterAll(() => {
  process.off('unhandledRejection', trap);
  expect(trapped).toEqual([]);
});

function jobIdsOf(h: Harness): string[] {
  const cluster = h.sim.seed.projects.find((p) => p.id === loc.p)!.clusters.find((c) => c.name === loc.c)!;
  return (cluster.flex ?? []).map((j) => j.id!);
}

describe('fault matrix (request deadline 120 s, attempt timeout 300 ms)', () => {
  let h: Harness;
  let ids: string[];
  const onJob = (jobId: string, fault: Omit<Fault, 'match'>): void =>
    h.sim.inject({ match: (c) => c.path.endsWith(`/${jobId}`), ...fault });
  const statuses = (): number[] => h.sim.calls.map((c) => c.status);

  beforeAll(async () => {
    h = await startHarness({ timeouts: { attemptMs: 300, requestMs: 120_000 } });
    ids = jobIdsOf(h);
  });
  afterAll(() => h.stop());
  beforeEach(() => {
    h.sim.clearFaults();
    h.sim.resetCalls();
    h.clock.sleeps.length = 0;
    h.clock.advance(3_600_000);
  });

  it('429 with Retry-After, then success: one retry after the wait Atlas asked for', async () => {
    onJob(ids[0]!, { status: 429, headers: { 'Retry-After': '2' } });
    expect(await h.query(GET, { ...loc, j: ids[0] })).toEqual({ data: { restoreJob: { jobId: ids[0], status: expect.any(String) } } });
    expect(statuses()).toEqual([429, 200]);
    expect(h.clock.sleeps).toEqual([2_125]);
  });

  it('429 without Retry-After on every attempt: Atlas\'s 10, 20, 40 s schedule, then RATE_LIMITED with the next wait', async () => {
    onJob(ids[0]!, { status: 429, times: Infinity });
    expect(await h.query(GET, { ...loc, j: ids[0] })).toEqual({
      data: { restoreJob: null },
      errors: [
        {
          message: 'Atlas rate-limited the request; try again later.',
          locations: expect.any(Array),
          path: ['restoreJob'],
          extensions: { code: 'RATE_LIMITED', retryAfter: 80, atlas: { status: 429, errorCode: 'RATE_LIMITED', detail: 'Simulated fault.' } },
        },
      ],
    });
    expect(statuses()).toEqual([429, 429, 429, 429]);
    expect(h.clock.sleeps).toEqual([10_125, 20_250, 40_500]);
  });

  it('a token-bucket 429 without the header: the wait comes from the body\'s parameters', async () => {
    const body = atlasError(429, 'RATE_LIMITED_TOKEN_BUCKET', 'Rate limit exceeded. Please retry after 3 seconds.', {
      parameters: ['api/atlas/v2/groups', 3, 10, 5, 60],
    });
    onJob(ids[0]!, { status: 429, body });
    expect((await h.query(GET, { ...loc, j: ids[0] })).errors).toBeUndefined();
    expect(statuses()).toEqual([429, 200]);
    expect(h.clock.sleeps).toEqual([3_125]);
  });

  it('a Retry-After beyond ATLAS_MAX_RETRY_AFTER_MS (3600 s asked, 60 s cap) is cut: one wait of 60 s, then data', async () => {
    onJob(ids[0]!, { status: 429, headers: { 'Retry-After': '3600' } });
    expect(await h.query(GET, { ...loc, j: ids[0] })).toEqual({ data: { restoreJob: { jobId: ids[0], status: expect.any(String) } } });
    expect(statuses()).toEqual([429, 200]);
    expect(h.clock.sleeps).toEqual([60_125]);
  });

  it('Retry-After: 3600 on every attempt: RATE_LIMITED told 60 s and what Atlas asked; the route opens again after 60 s, not an hour', async () => {
    onJob(ids[0]!, { status: 429, headers: { 'Retry-After': '3600' }, times: Infinity });
    expect(await h.query(GET, { ...loc, j: ids[0] })).toEqual({
      data: { restoreJob: null },
      errors: [
        {
          message: 'Atlas rate-limited the request; try again later. Atlas asked to wait 3600 s; the gateway caps that wait at 60 s (ATLAS_MAX_RETRY_AFTER_MS).',
          locations: expect.any(Array),
          path: ['restoreJob'],
          extensions: { code: 'RATE_LIMITED', retryAfter: 60, atlas: { status: 429, errorCode: 'RATE_LIMITED', detail: 'Simulated fault.' } },
        },
      ],
    });
    // The first wait (60 s + jitter) fits the 120 s deadline; the second would not.
    expect([statuses(), h.clock.sleeps]).toEqual([[429, 429], [60_125]]);
    h.clock.advance(60_000);
    expect(await h.query(GET, { ...loc, j: ids[1] })).toEqual({ data: { restoreJob: { jobId: ids[1], status: expect.any(String) } } });
    expect([statuses(), h.clock.sleeps]).toEqual([[429, 429, 200], [60_125]]);
  });

  it.each([
    [503, 'UPSTREAM_UNAVAILABLE', '{"error":503,"errorCode":"SERVICE_UNAVAILABLE","detail":"Down.","reason":"Service Unavailable"}', 'application/json', { status: 503, errorCode: 'SERVICE_UNAVAILABLE', detail: 'Down.' }],
    [502, 'UPSTREAM_UNAVAILABLE', '<html><body><h1>502 Bad Gateway</h1></body></html>', 'text/html', { status: 502, errorCode: null, detail: null }],
    [504, 'UPSTREAM_TIMEOUT', '<html><body>Gateway Timeout</body></html>', 'text/html', { status: 504, errorCode: null, detail: null }],
  ])('%i on every attempt: 3 retries with full jitter, then %s; the sibling field keeps its data', async (status, code, body, type, atlas) => {
    onJob(ids[1]!, { status, body, headers: { 'Content-Type': type }, times: Infinity });
    expect(await h.query(TWO, { ...loc, ok: ids[0], bad: ids[1] })).toEqual({
      data: { ok: { jobId: ids[0] }, bad: null },
      errors: [{ message: expect.any(String), locations: expect.any(Array), path: ['bad'], extensions: { code, atlas } }],
    });
    expect(h.sim.calls.filter((c) => c.path.endsWith(`/${ids[1]}`)).map((c) => c.status)).toEqual([status, status, status, status]);
    expect(h.clock.sleeps).toEqual([125, 250, 500]);
  });

  it('503 once: one retry, then data', async () => {
    onJob(ids[0]!, { status: 503 });
    expect((await h.query(GET, { ...loc, j: ids[0] })).errors).toBeUndefined();
    expect(statuses()).toEqual([503, 200]);
  });

  it('a connection reset once: one retry, then data', async () => {
    onJob(ids[0]!, { destroy: true });
    expect((await h.query(GET, { ...loc, j: ids[0] })).errors).toBeUndefined();
    expect(statuses()).toEqual([0, 200]);
  });

  it('an HTML 500 page is UPSTREAM_ERROR, not retried', async () => {
    onJob(ids[0]!, { status: 500, body: '<!doctype html><title>Oops</title>', headers: { 'Content-Type': 'text/html' }, times: Infinity });
    expect((await h.query(GET, { ...loc, j: ids[0] })).errors?.map((e) => e.extensions)).toEqual([
      { code: 'UPSTREAM_ERROR', atlas: { status: 500, errorCode: null, detail: null } },
    ]);
    expect(statuses()).toEqual([500]);
  });

  it('#14 item 1: a 500 whose detail is 1 MB is answered at once, the detail cut to 500 characters', async () => {
    // Before the fix the gateway scrubbed the whole detail with a pattern quadratic on "a.a.a.…": minutes for 1 MB,
    // with every other request (and /healthz) waiting behind it.
    onJob(ids[0]!, { status: 500, body: atlasError(500, 'UNEXPECTED_ERROR', 'a.'.repeat(512 * 1024)) });
    expect(await h.query(GET, { ...loc, j: ids[0] })).toEqual({
      data: { restoreJob: null },
      errors: [
        {
          message: 'Atlas failed with HTTP 500.',
          locations: expect.any(Array),
          path: ['restoreJob'],
          extensions: { code: 'UPSTREAM_ERROR', atlas: { status: 500, errorCode: 'UNEXPECTED_ERROR', detail: 'a.'.repeat(250) } },
        },
      ],
    });
    expect(statuses()).toEqual([500]);
  });

  it.each([
    ['a hang', { delayMs: 60_000 }],
    ['a slow body that trickles', { status: 200, body: JSON.stringify({ id: 'x'.repeat(24), padding: 'y'.repeat(400) }), trickle: { bytes: 8, intervalMs: 100 } }],
  ])('%s past the attempt timeout is UPSTREAM_TIMEOUT, not retried', async (_name, fault) => {
    onJob(ids[0]!, { ...fault, times: Infinity });
    expect(await h.query(GET, { ...loc, j: ids[0] })).toEqual({
      data: { restoreJob: null },
      errors: [{ message: 'Atlas did not answer in time.', locations: expect.any(Array), path: ['restoreJob'], extensions: { code: 'UPSTREAM_TIMEOUT', atlas: expect.objectContaining({ errorCode: null, detail: null }) } }],
    });
    expect(h.sim.calls).toHaveLength(1);
  });

  it('a body cut short of its Content-Length is a broken connection: retried, then UPSTREAM_UNAVAILABLE', async () => {
    const body = JSON.stringify({ id: ids[0], status: 'QUEUED', deliveryType: 'DOWNLOAD' });
    onJob(ids[0]!, { status: 200, body, truncateAt: 20, times: Infinity });
    expect((await h.query(GET, { ...loc, j: ids[0] })).errors?.map((e) => e.extensions)).toEqual([{ code: 'UPSTREAM_UNAVAILABLE', atlas: { status: 200, errorCode: null, detail: null } }]);
    expect(h.sim.calls).toHaveLength(4);
  });

  it.each([
    ['truncated JSON (a complete response)', '{"id": "6650c1f2c3d4e5f6a7b8c9d0", "status": "QUEU'],
    ['malformed JSON', '{id: 6650c1f2c3d4e5f6a7b8c9d0,}'],
    ['an HTML page with status 200', '<html><body>Maintenance</body></html>'],
    ['a JSON array instead of a job', '[1, 2, 3]'],
    ['a job without an id', '{"status": "QUEUED"}'],
  ])('%s is UPSTREAM_ERROR, not retried', async (_name, body) => {
    onJob(ids[0]!, { status: 200, body, times: Infinity });
    expect(await h.query(GET, { ...loc, j: ids[0] })).toEqual({
      data: { restoreJob: null },
      errors: [
        {
          message: 'Atlas sent a response the gateway could not read.',
          locations: expect.any(Array),
          path: ['restoreJob'],
          extensions: { code: 'UPSTREAM_ERROR', atlas: { status: 200, errorCode: null, detail: null } },
        },
      ],
    });
    expect(h.sim.calls).toHaveLength(1);
  });

  it('unknown enum values, unknown extra fields and missing optional fields give data, never an error', async () => {
    const odd = { id: ids[0], status: 'TELEPORTING', deliveryType: 'CARRIER_PIGEON', brandNewField: { nested: [1, 2] }, restoreScheduledDate: 'not a date' };
    onJob(ids[0]!, { status: 200, body: JSON.stringify(odd) });
    onJob(ids[1]!, { status: 200, body: JSON.stringify({ id: ids[1] }) });
    const fields = 'jobId status atlasStatus deliveryType isTerminal createdAt finishedAt expiresAt snapshotId targetProjectId downloadUrls';
    const res = await h.query(
      `query($p: ObjectID!, $c: String!, $a: ObjectID!, $b: ObjectID!) {
        a: restoreJob(kind: FLEX, projectId: $p, clusterName: $c, jobId: $a) { ${fields} }
        b: restoreJob(kind: FLEX, projectId: $p, clusterName: $c, jobId: $b) { ${fields} }
      }`,
      { ...loc, a: ids[0], b: ids[1] },
    );
    const empty = { createdAt: null, finishedAt: null, expiresAt: null, snapshotId: null, targetProjectId: null, downloadUrls: [], isTerminal: false };
    expect(res).toEqual({
      data: {
        a: { ...empty, jobId: ids[0], status: 'UNKNOWN', atlasStatus: 'TELEPORTING', deliveryType: 'UNKNOWN' },
        b: { ...empty, jobId: ids[1], status: 'UNKNOWN', atlasStatus: null, deliveryType: 'UNKNOWN' },
      },
    });
  });

  it('a list whose results hold junk keeps the usable jobs', async () => {
    const body = JSON.stringify({ results: [null, 7, { id: ids[0], status: 'QUEUED' }, { status: 'RUNNING' }, 'x'], totalCount: 5, unknownTopLevel: true });
    h.sim.inject({ match: (c) => c.path.endsWith('/backup/restoreJobs'), status: 200, body });
    expect(await h.query(`query($p: ObjectID!, $c: String!) { restoreJobs(kind: FLEX, projectId: $p, clusterName: $c, first: 5) { nodes { jobId status } totalCount } }`, loc)).toEqual({
      data: { restoreJobs: { nodes: [{ jobId: ids[0], status: 'QUEUED' }], totalCount: 5 } },
    });
  });
});

describe('the production deadline bounds Atlas\'s rate-limit schedule (request deadline 30 s)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ timeouts: { requestMs: 30_000 } });
  });
  afterAll(() => h.stop());

  it('a persistent 429 without Retry-After: wait 10 s, then the 20 s wait does not fit: RATE_LIMITED after 2 calls', async () => {
    const [j] = jobIdsOf(h);
    h.sim.inject({ match: (c) => c.path.endsWith(`/${j}`), status: 429, times: Infinity });
    expect((await h.query(GET, { ...loc, j })).errors?.map((e) => e.extensions)).toEqual([
      { code: 'RATE_LIMITED', retryAfter: 20, atlas: { status: 429, errorCode: 'RATE_LIMITED', detail: 'Simulated fault.' } },
    ]);
    expect(h.sim.calls.map((c) => c.status)).toEqual([429, 429]);
    expect(h.clock.sleeps).toEqual([10_125]);
  });
});

describe('circuit breaker per route (3 failures, 30 s cool-down)', () => {
  let h: Harness;
  let ids: string[];
  const getStatuses = (): number[] => h.sim.calls.filter((c) => /restoreJobs\/[a-f0-9]{24}$/.test(c.path)).map((c) => c.status);
  const breakerGauge = async (): Promise<string | undefined> =>
    (await h.gateway.metrics.text()).split('\n').find((l) => l.startsWith('atlas_circuit_breaker_state{kind="FLEX",operation="get"}'));

  beforeAll(async () => {
    h = await startHarness({ breaker: { failureThreshold: 3, cooldownMs: 30_000 } });
    ids = jobIdsOf(h);
  });
  afterAll(() => h.stop());
  beforeEach(() => {
    h.sim.clearFaults();
    h.sim.resetCalls();
  });

  it('4xx answers never open it', async () => {
    for (let i = 0; i < 5; i += 1) expect(await h.query(GET, { ...loc, j: 'ffffffffffffffffffffffff' })).toEqual({ data: { restoreJob: null } });
    expect(h.gateway.resilience.breakerState({ kind: 'FLEX', operation: 'get' })).toBe('closed');
  });

  it('opens on the third 503 and then fails fast with UPSTREAM_UNAVAILABLE, without calling Atlas; other routes still work', async () => {
    h.sim.inject({ match: (c) => /restoreJobs\/[a-f0-9]{24}$/.test(c.path), status: 503, times: Infinity });
    const failed = {
      data: { restoreJob: null },
      errors: [
        {
          message: 'Atlas is failing on this route; the gateway is not calling it for now.',
          locations: expect.any(Array),
          path: ['restoreJob'],
          extensions: { code: 'UPSTREAM_UNAVAILABLE', retryAfter: 30, atlas: none },
        },
      ],
    };
    expect(await h.query(GET, { ...loc, j: ids[0] })).toEqual(failed);
    expect(getStatuses()).toEqual([503, 503, 503]);
    expect(await h.query(GET, { ...loc, j: ids[1] })).toEqual(failed);
    expect(getStatuses()).toEqual([503, 503, 503]);
    expect(h.gateway.resilience.breakerState({ kind: 'FLEX', operation: 'get' })).toBe('open');
    expect(await breakerGauge()).toBe('atlas_circuit_breaker_state{kind="FLEX",operation="get"} 2');
    const list = await h.query(`query($p: ObjectID!, $c: String!) { restoreJobs(kind: FLEX, projectId: $p, clusterName: $c, first: 1) { nodes { jobId } } }`, loc);
    expect(list).toEqual({ data: { restoreJobs: { nodes: [{ jobId: ids[0] }] } } });
  });

  it('after the cool-down one probe goes through: a failed probe opens it again, a good one closes it', async () => {
    h.sim.inject({ match: (c) => /restoreJobs\/[a-f0-9]{24}$/.test(c.path), status: 503, times: 1 });
    h.clock.advance(30_000);
    expect((await h.query(GET, { ...loc, j: ids[0] })).errors?.map((e) => e.extensions?.code)).toEqual(['UPSTREAM_UNAVAILABLE']);
    expect(getStatuses()).toEqual([503]);
    expect(h.gateway.resilience.breakerState({ kind: 'FLEX', operation: 'get' })).toBe('open');
    h.clock.advance(30_000);
    expect(await h.query(GET, { ...loc, j: ids[0] })).toEqual({ data: { restoreJob: { jobId: ids[0], status: expect.any(String) } } });
    expect(getStatuses()).toEqual([503, 200]);
    expect(h.gateway.resilience.breakerState({ kind: 'FLEX', operation: 'get' })).toBe('closed');
    expect(await breakerGauge()).toBe('atlas_circuit_breaker_state{kind="FLEX",operation="get"} 0');
  });
});

describe('a Retry-After longer than the request has left (ATLAS_MAX_RETRY_AFTER_MS raised to 1 h, request deadline 120 s)', () => {
  let h: Harness;
  let ids: string[];
  beforeAll(async () => {
    h = await startHarness({ timeouts: { attemptMs: 300, requestMs: 120_000 }, retry: { maxRetryAfterMs: 3_600_000 } });
    ids = jobIdsOf(h);
  });
  afterAll(() => h.stop());

  it('fails fast; the next request waits it out without calling Atlas', async () => {
    h.sim.inject({ match: (c) => c.path.endsWith(`/${ids[0]!}`), status: 429, headers: { 'Retry-After': '600' } });
    const expected = (atlas: object) => ({
      data: { restoreJob: null },
      errors: [{ message: expect.any(String), locations: expect.any(Array), path: ['restoreJob'], extensions: { code: 'RATE_LIMITED', retryAfter: 600, atlas } }],
    });
    expect(await h.query(GET, { ...loc, j: ids[0] })).toEqual(expected({ status: 429, errorCode: 'RATE_LIMITED', detail: 'Simulated fault.' }));
    expect(h.sim.calls.map((c) => c.status)).toEqual([429]);
    expect(await h.query(GET, { ...loc, j: ids[1] })).toEqual(expected(none));
    expect(h.sim.calls.map((c) => c.status)).toEqual([429]);
    expect(h.clock.sleeps).toEqual([]);
  });
});

describe('circuit breakers per credential (passthrough mode, 3 failures, 30 s cool-down)', () => {
  let h: Harness;
  let ids: string[];
  const A = 'Bearer caller-token-A';
  const B = 'Bearer caller-token-B';
  beforeAll(async () => {
    h = await startHarness({
      simulator: { auth: { mode: 'bearer', clientId: 'x', clientSecret: 'y', acceptedTokens: ['caller-token-A', 'caller-token-B'] } },
      auth: { mode: 'passthrough' },
      breaker: { failureThreshold: 3, cooldownMs: 30_000 },
    });
    ids = jobIdsOf(h);
  });
  afterAll(() => h.stop());

  it("one caller whose calls Atlas fails opens the route for that caller only: the other's reads go on", async () => {
    h.sim.inject({ match: (c) => c.authorization === A && c.path.endsWith(`/${ids[0]!}`), status: 503, times: Infinity });
    const open = { code: 'UPSTREAM_UNAVAILABLE', retryAfter: 30, atlas: none };
    expect((await h.query(GET, { ...loc, j: ids[0] }, { authorization: A })).errors?.map((e) => e.extensions?.code)).toEqual(['UPSTREAM_UNAVAILABLE']);
    expect((await h.query(GET, { ...loc, j: ids[1] }, { authorization: A })).errors?.map((e) => e.extensions)).toEqual([open]);
    expect(await h.query(GET, { ...loc, j: ids[1] }, { authorization: B })).toEqual({ data: { restoreJob: { jobId: ids[1], status: expect.any(String) } } });
    expect(h.sim.calls.map((c) => [c.authorization === A ? 'A' : 'B', c.status])).toEqual([
      ['A', 503],
      ['A', 503],
      ['A', 503],
      ['B', 200],
    ]);
    expect(h.gateway.resilience.breakerState({ kind: 'FLEX', operation: 'get' })).toBe('open');
  });
});
