import { DEMO } from '../../src/simulator';
import { createShutdownHandler } from '../../src/shutdown';
import { startHarness, type Harness } from '../support/harness';
import { captureLogs } from '../support/logs';

const LIST = `query($p: ObjectID!, $c: String!) { restoreJobs(kind: FLEX, projectId: $p, clusterName: $c, first: 2) { nodes { jobId } } }`;
const vars = { p: DEMO.projectId, c: DEMO.clusters.FLEX };

/** The lines of a Prometheus text whose name starts with `prefix` and that are samples (not HELP/TYPE). */
async function samples(h: Harness, prefix: string): Promise<string[]> {
  const res = await fetch(h.gateway.url.replace('/graphql', '/metrics'));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return (await res.text()).split('\n').filter((l) => l.startsWith(prefix));
}

describe('request ids, logs and metrics', () => {
  let h: Harness;
  const { logger, lines } = captureLogs('debug');
  beforeAll(async () => {
    h = await startHarness({ logger });
  });
  afterAll(() => h.stop());

  it('honours a well-formed x-request-id, echoes it, and logs with it', async () => {
    const res = await h.post(LIST, vars, { 'x-request-id': 'req-1234.abc' });
    expect(res.headers.get('x-request-id')).toBe('req-1234.abc');
    const mine = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.reqId === 'req-1234.abc');
    expect(mine.map((l) => l.msg)).toEqual(['upstream call', 'request']);
    expect(mine[1]).toEqual({ level: 'info', time: expect.any(String), service: 'atlas-restore-gateway', reqId: 'req-1234.abc', method: 'POST', path: '/graphql', status: 200, ms: expect.any(Number), msg: 'request' });
    expect(mine[0]).toMatchObject({ level: 'debug', upstream: { kind: 'FLEX', operation: 'list', status: 200, failure: null } });
  });

  it.each([['a'.repeat(129)], ['has space'], ['semi;colon'], ['<script>']])('replaces a malformed id (%s) with a fresh UUID', async (id) => {
    const res = await h.post(LIST, vars, { 'x-request-id': id });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('counts upstream calls by kind and status, retries, operation durations and errors by code (breaker state: faults.test.ts)', async () => {
    h.sim.inject({ status: 503, times: 1 });
    await h.query(LIST, vars);
    await h.query(`{ node(id: "bogus!") { id } }`);
    expect(await samples(h, 'atlas_upstream_requests_total')).toEqual(
      expect.arrayContaining(['atlas_upstream_requests_total{kind="FLEX",operation="list",status="503"} 1', expect.stringMatching(/^atlas_upstream_requests_total\{kind="FLEX",operation="list",status="200"\} [3-9]$/)]),
    );
    expect(await samples(h, 'atlas_upstream_retries_total')).toEqual(['atlas_upstream_retries_total{kind="FLEX",operation="list",reason="503"} 1']);
    expect(await samples(h, 'atlas_upstream_request_duration_seconds_count{kind="FLEX",operation="list",status="503"}')).toEqual([
      'atlas_upstream_request_duration_seconds_count{kind="FLEX",operation="list",status="503"} 1',
    ]);
    expect(await samples(h, 'graphql_errors_total')).toEqual(['graphql_errors_total{code="BAD_USER_INPUT"} 1']);
    expect(await samples(h, 'graphql_operation_duration_seconds_count')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^graphql_operation_duration_seconds_count\{operation_type="query",outcome="ok"\} \d+$/), 'graphql_operation_duration_seconds_count{operation_type="query",outcome="error"} 1']),
    );
    expect(await samples(h, 'process_cpu_user_seconds_total')).toHaveLength(1);
  });

  it('keeps a registry per gateway instance', async () => {
    const other = await startHarness();
    try {
      expect(await samples(other, 'atlas_upstream_requests_total{')).toEqual([]);
      expect((await samples(h, 'atlas_upstream_requests_total{')).length).toBeGreaterThan(0);
    } finally {
      await other.stop();
    }
  });

  it('redacts credentials even when a log object carries them', () => {
    const capture = captureLogs('info');
    capture.logger.info({ req: { headers: { authorization: 'Bearer leak-me', cookie: 'c=leak-me' } }, delivery: { authValue: 'leak-me' }, auth: { clientSecret: 'leak-me' } }, 'x');
    expect(capture.lines).toHaveLength(1);
    expect(capture.lines[0]).not.toContain('leak-me');
    expect(JSON.parse(capture.lines[0]!)).toMatchObject({ req: { headers: { authorization: '[redacted]', cookie: '[redacted]' } }, delivery: { authValue: '[redacted]' } });
  });
});

describe('draining on stop', () => {
  async function waitFor(condition: () => boolean): Promise<void> {
    for (let i = 0; i < 500 && !condition(); i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(condition()).toBe(true);
  }

  it('readyz turns 503 at once; an in-flight request finishes with its data; then new connections are refused', async () => {
    const h = await startHarness({ shutdown: { delayMs: 300, graceMs: 5_000 } });
    h.sim.inject({ delayMs: 400 });
    const inFlight = h.post(LIST, vars);
    await waitFor(() => h.sim.calls.length === 1);
    const stopped = h.gateway.stop();
    const ready = await fetch(h.gateway.url.replace('/graphql', '/readyz'));
    expect({ status: ready.status, body: await ready.json() }).toEqual({ status: 503, body: { status: 'stopping' } });
    const res = await inFlight;
    expect({ status: res.status, errors: res.body.errors }).toEqual({ status: 200, errors: undefined });
    await stopped;
    await expect(fetch(h.gateway.url.replace('/graphql', '/healthz'))).rejects.toThrow();
    await h.sim.stop();
  });

  // stop() resolving at all proves the upstream call was aborted: closing the dispatcher waits for calls in flight.
  // #14 item 7: the requests cut at the end of the grace still get an answer, a GraphQL error, before the sockets close.
  it('requests still running at the end of the grace period get a SHUTTING_DOWN error, their upstream calls aborted: stopping is bounded', async () => {
    const h = await startHarness({ shutdown: { delayMs: 0, graceMs: 200 }, timeouts: { attemptMs: 60_000, requestMs: 60_000 } });
    h.sim.inject({ delayMs: 60_000, times: 2 });
    const cut = (path: string) => ({ message: 'The gateway is shutting down and cut this request short; send it again.', locations: [{ line: 1, column: expect.any(Number) }], path: [path], extensions: { code: 'SHUTTING_DOWN' } });
    const answer = (p: Promise<{ status: number; body: unknown }>) => p.then(({ status, body }) => ({ status, body }), () => 'no answer');
    const list = answer(h.post(LIST, vars));
    const lookup = answer(h.post(`query($p: ObjectID!, $c: String!) { cluster(projectId: $p, name: $c) { name } }`, { p: DEMO.projectId, c: DEMO.clusters.CLOUD_BACKUP }));
    try {
      await waitFor(() => h.sim.calls.length === 2);
      await h.gateway.stop();
      expect({ list: await list, lookup: await lookup }).toEqual({
        // restoreJobs is nullable at the root (#13), so its error nulls only that field.
        list: { status: 200, body: { data: { restoreJobs: null }, errors: [cut('restoreJobs')] } },
        lookup: { status: 200, body: { data: { cluster: null }, errors: [cut('cluster')] } },
      });
      await waitFor(() => !h.gateway.httpServer.listening);
    } finally {
      await h.sim.stop();
    }
    expect(h.sim.calls.map((c) => c.status)).toEqual([0, 0]);
  });

  it('the SIGTERM handler drains once, then exits 0 (1 when stopping fails)', async () => {
    const h = await startHarness();
    h.sim.inject({ delayMs: 200 });
    const inFlight = h.post(LIST, vars);
    await waitFor(() => h.sim.calls.length === 1);
    const exits: number[] = [];
    const written: string[] = [];
    let stops = 0;
    const handler = createShutdownHandler({
      stop: async () => {
        stops += 1;
        await h.gateway.stop();
      },
      forceAfterMs: 10_000,
      exit: (code) => exits.push(code),
      write: (line) => written.push(line),
    });
    handler('SIGTERM');
    handler('SIGINT');
    expect((await inFlight).status).toBe(200);
    await waitFor(() => exits.length === 1);
    expect({ exits, written, stops }).toEqual({ exits: [0], written: ['SIGTERM: draining in-flight requests, then exiting.\n'], stops: 1 });
    await h.sim.stop();

    const failing: number[] = [];
    createShutdownHandler({ stop: () => Promise.reject(new Error('x')), forceAfterMs: 10_000, exit: (c) => failing.push(c), write: () => undefined })('SIGTERM');
    await waitFor(() => failing.length === 1);
    expect(failing).toEqual([1]);
  });
});
