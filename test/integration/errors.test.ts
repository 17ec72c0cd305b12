import { DEMO } from '../../src/simulator';
import { startHarness, type Harness } from '../support/harness';

const CLIENT_ID = 'errors-test-client';
const CLIENT_SECRET = 'errors-test-secret-8f3a61c2';

describe('upstream failures through the real server', () => {
  let h: Harness;
  let jobIds: string[];
  const loc = { p: DEMO.projectId, c: DEMO.clusters.FLEX };
  const responses: string[] = [];
  const sent = new Set<string>();

  const GET = `query($p: ObjectID!, $c: String!, $j: ObjectID!) { restoreJob(kind: FLEX, projectId: $p, clusterName: $c, jobId: $j) { jobId status } }`;
  const LIST = `query($p: ObjectID!, $c: String!) { restoreJobs(kind: FLEX, projectId: $p, clusterName: $c, first: 2) { nodes { jobId } } }`;

  beforeAll(async () => {
    h = await startHarness({
      simulator: { auth: { mode: 'bearer', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET } },
      auth: { mode: 'serviceAccount', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
      timeouts: { attemptMs: 400, requestMs: 5_000 },
    });
    const cluster = h.sim.seed.projects.find((p) => p.id === DEMO.projectId)!.clusters.find((c) => c.name === loc.c)!;
    jobIds = (cluster.flex ?? []).map((j) => j.id!);
  });
  afterAll(async () => {
    // No credential in any error: not the secret, not a token the gateway sent, not an Authorization header.
    expect(sent.size).toBeGreaterThan(0);
    for (const text of responses) {
      expect(text).not.toContain(CLIENT_SECRET);
      expect(text).not.toMatch(/bearer/i);
      for (const header of sent) expect(text).not.toContain(header.replace(/^Bearer /, ''));
    }
    await h.stop();
  });
  afterEach(() => {
    for (const call of h.sim.calls) if (call.authorization) sent.add(call.authorization);
  });
  beforeEach(() => {
    h.sim.clearFaults();
    h.sim.resetCalls();
    // Past any rate-limit window an earlier test left behind.
    h.clock.advance(3_600_000);
  });

  async function run(query: string, variables: Record<string, unknown>) {
    const res = await h.post(query, variables);
    responses.push(res.text);
    return res.body;
  }

  const atlasError = (status: number, errorCode: string, detail: string) =>
    JSON.stringify({ error: status, errorCode, detail, reason: 'Reason' });

  it.each([
    [400, atlasError(400, 'INVALID_PARAMETER', 'Invalid parameter.'), {}, 'BAD_USER_INPUT', { status: 400, errorCode: 'INVALID_PARAMETER', detail: 'Invalid parameter.' }],
    [401, atlasError(401, 'NOT_ORG_GROUP_CREATOR', 'No.'), {}, 'UNAUTHENTICATED', { status: 401, errorCode: 'NOT_ORG_GROUP_CREATOR', detail: 'No.' }],
    [403, atlasError(403, 'USER_CANNOT_ACCESS_GROUP', 'Forbidden here.'), {}, 'FORBIDDEN', { status: 403, errorCode: 'USER_CANNOT_ACCESS_GROUP', detail: 'Forbidden here.' }],
    [429, atlasError(429, 'RATE_LIMITED', 'Slow down.'), { 'retry-after': '7' }, 'RATE_LIMITED', { status: 429, errorCode: 'RATE_LIMITED', detail: 'Slow down.' }],
    [500, atlasError(500, 'UNEXPECTED_ERROR', 'Oops.'), {}, 'UPSTREAM_ERROR', { status: 500, errorCode: 'UNEXPECTED_ERROR', detail: 'Oops.' }],
    [502, '<html><body>Bad gateway</body></html>', { 'content-type': 'text/html' }, 'UPSTREAM_UNAVAILABLE', { status: 502, errorCode: null, detail: null }],
    [200, '{"id": "unterminated', {}, 'UPSTREAM_ERROR', { status: 200, errorCode: null, detail: null }],
  ])('HTTP %i gives its code with extensions.atlas, partial data intact', async (status, body, headers, code, atlas) => {
    const failing = jobIds[1]!;
    h.sim.inject({ match: (c) => c.path.endsWith(`/${failing}`), status, body, headers, times: Infinity });
    const res = await run(
      `query($p: ObjectID!, $c: String!, $ok: ObjectID!, $bad: ObjectID!) {
        ok: restoreJob(kind: FLEX, projectId: $p, clusterName: $c, jobId: $ok) { jobId }
        bad: restoreJob(kind: FLEX, projectId: $p, clusterName: $c, jobId: $bad) { jobId }
      }`,
      { ...loc, ok: jobIds[0], bad: failing },
    );
    expect(res).toEqual({
      data: { ok: { jobId: jobIds[0] }, bad: null },
      errors: [
        {
          message: expect.any(String),
          locations: expect.any(Array),
          path: ['bad'],
          extensions: { code, atlas, ...(status === 429 ? { retryAfter: 7 } : {}) },
        },
      ],
    });
  });

  it('a 404 on a lookup is null, with no error', async () => {
    const res = await run(GET, { ...loc, j: 'ffffffffffffffffffffffff' });
    expect(res).toEqual({ data: { restoreJob: null } });
  });

  it('a 404 on a list (unknown cluster) is NOT_FOUND with the Atlas code', async () => {
    const res = await run(LIST, { ...loc, c: 'no-such-cluster' });
    expect(res).toEqual({
      data: { restoreJobs: null },
      errors: [
        {
          message: 'Atlas has no such resource.',
          locations: expect.any(Array),
          path: ['restoreJobs'],
          extensions: { code: 'NOT_FOUND', atlas: { status: 404, errorCode: expect.any(String), detail: expect.any(String) } },
        },
      ],
    });
  });

  it('a hang past the attempt timeout is UPSTREAM_TIMEOUT', async () => {
    h.sim.inject({ delayMs: 3_000 });
    const res = await run(GET, { ...loc, j: jobIds[0] });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['UPSTREAM_TIMEOUT']);
    expect(res.data).toEqual({ restoreJob: null });
  });

  it('a connection reset on every attempt is UPSTREAM_UNAVAILABLE after 3 retries', async () => {
    h.sim.inject({ destroy: true, times: Infinity });
    const res = await run(GET, { ...loc, j: jobIds[0] });
    expect(res.errors?.map((e) => e.extensions)).toEqual([{ code: 'UPSTREAM_UNAVAILABLE', atlas: { status: null, errorCode: null, detail: null } }]);
    expect(h.sim.calls).toHaveLength(4);
  });

  it('a job id that is not an ObjectID is rejected before any upstream call', async () => {
    const res = await run(GET, { ...loc, j: 'not-an-id' });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(h.sim.calls).toHaveLength(0);
  });

  it('a malformed global id is BAD_USER_INPUT; in nodes() it nulls that item alone', async () => {
    const res = await run(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: ['bogus!', 'YWJj'] });
    expect(res).toEqual({
      data: { nodes: [null, null] },
      errors: [
        { message: expect.any(String), locations: expect.any(Array), path: ['nodes', 0], extensions: { code: 'BAD_USER_INPUT', argument: 'id' } },
        { message: expect.any(String), locations: expect.any(Array), path: ['nodes', 1], extensions: { code: 'BAD_USER_INPUT', argument: 'id' } },
      ],
    });
  });
});
