import { DEMO } from '../../src/simulator';
import { OTHER_PROJECT } from '../support/seeds';
import { encodeGlobalId } from '../../src/restoreJobs/globalId';
import { startHarness, type Harness } from '../support/harness';

const forbidden = (path: (string | number)[]) => ({
  message: `This gateway does not serve project ${OTHER_PROJECT.projectId}.`,
  locations: expect.any(Array),
  path,
  extensions: { code: 'FORBIDDEN' },
});

function firstJobId(h: Harness, projectId: string, cluster: string): string {
  return h.sim.seed.projects.find((p) => p.id === projectId)!.clusters.find((c) => c.name === cluster)!.flex![0]!.id!;
}

describe('ALLOWED_PROJECT_IDS', () => {
  let h: Harness;
  let mine: string;
  let theirs: string;
  beforeAll(async () => {
    h = await startHarness({ access: { allowedProjectIds: [DEMO.projectId] } });
    mine = firstJobId(h, DEMO.projectId, DEMO.clusters.FLEX);
    theirs = firstJobId(h, OTHER_PROJECT.projectId, OTHER_PROJECT.clusters.FLEX);
  });
  afterAll(() => h.stop());
  beforeEach(() => h.sim.resetCalls());

  it('serves an allowed project', async () => {
    const res = await h.query(`query($p: ObjectID!, $c: String!) { restoreJobs(kind: FLEX, projectId: $p, clusterName: $c, first: 1) { nodes { jobId } } }`, {
      p: DEMO.projectId,
      c: DEMO.clusters.FLEX,
    });
    expect(res).toEqual({ data: { restoreJobs: { nodes: [{ jobId: mine }] } } });
  });

  it('any other project is FORBIDDEN, through every root field, with no upstream call', async () => {
    const theirId = encodeGlobalId({ kind: 'FLEX', projectId: OTHER_PROJECT.projectId, clusterName: OTHER_PROJECT.clusters.FLEX, jobId: theirs });
    const myId = encodeGlobalId({ kind: 'FLEX', projectId: DEMO.projectId, clusterName: DEMO.clusters.FLEX, jobId: mine });
    const res = await h.query(
      `query($p: ObjectID!, $c: String!, $j: ObjectID!, $id: ID!, $ids: [ID!]!, $reps: [_Any!]!) {
        one: restoreJob(kind: FLEX, projectId: $p, clusterName: $c, jobId: $j) { jobId }
        node(id: $id) { id }
        nodes(ids: $ids) { id }
        _entities(representations: $reps) { ... on RestoreJob { jobId } }
      }`,
      {
        p: OTHER_PROJECT.projectId,
        c: OTHER_PROJECT.clusters.FLEX,
        j: theirs,
        id: theirId,
        ids: [myId, theirId],
        reps: [{ __typename: 'FlexRestoreJob', id: theirId }],
      },
    );
    expect(res).toEqual({
      data: { one: null, node: null, nodes: [{ id: myId }, null], _entities: [null] },
      errors: expect.arrayContaining([forbidden(['one']), forbidden(['node']), forbidden(['nodes', 1]), forbidden(['_entities', 0])]),
    });
    expect(res.errors).toHaveLength(4);
    const list = await h.query(`query($p: ObjectID!, $c: String!) { list: restoreJobs(kind: FLEX, projectId: $p, clusterName: $c) { nodes { jobId } } }`, {
      p: OTHER_PROJECT.projectId,
      c: OTHER_PROJECT.clusters.FLEX,
    });
    expect(list).toEqual({ data: { list: null }, errors: [forbidden(['list'])] });
    expect(h.sim.calls.map((c) => c.path)).toEqual([expect.stringContaining(`/groups/${DEMO.projectId}/`)]);
  });
});

describe('GATEWAY_TOKENS (server credentials)', () => {
  let h: Harness;
  const TOKEN = 'gw-token-1a2b3c4d5e6f7a8b';
  const Q = `query($p: ObjectID!, $c: String!) { restoreJobs(kind: FLEX, projectId: $p, clusterName: $c, first: 1) { nodes { jobId } } }`;
  const vars = { p: DEMO.projectId, c: DEMO.clusters.FLEX };
  beforeAll(async () => {
    h = await startHarness({ access: { gatewayTokens: ['another-token-000000', TOKEN] } });
  });
  afterAll(() => h.stop());
  beforeEach(() => h.sim.resetCalls());

  it('a caller with a listed token is served', async () => {
    const res = await h.post(Q, vars, { authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
  });

  it.each([
    ['no header', {}],
    ['a wrong token', { authorization: 'Bearer gw-token-1a2b3c4d5e6f7a8c' }],
    ['a prefix of the token', { authorization: 'Bearer gw-token-1a2b' }],
    ['the token in another scheme', { authorization: `Basic ${TOKEN}` }],
  ])('%s: 401 UNAUTHENTICATED, no upstream call', async (_name, headers) => {
    const res = await h.post(Q, vars, headers);
    expect({ status: res.status, body: res.body }).toEqual({
      status: 401,
      body: { errors: [{ message: 'This gateway requires `Authorization: Bearer <gateway token>`.', extensions: { code: 'UNAUTHENTICATED' } }] },
    });
    expect(h.sim.calls).toHaveLength(0);
  });
});

describe('passthrough: nothing cached or coalesced between callers', () => {
  let h: Harness;
  const Q = `query($p: ObjectID!, $c: String!, $j: ObjectID!) { restoreJob(kind: FLEX, projectId: $p, clusterName: $c, jobId: $j) { jobId } }`;
  let vars: Record<string, string>;
  beforeAll(async () => {
    h = await startHarness({
      simulator: { auth: { mode: 'bearer', clientId: 'x', clientSecret: 'y', acceptedTokens: ['caller-token-A', 'caller-token-B'] } },
      auth: { mode: 'passthrough' },
    });
    vars = { p: DEMO.projectId, c: DEMO.clusters.FLEX, j: firstJobId(h, DEMO.projectId, DEMO.clusters.FLEX) };
  });
  afterAll(() => h.stop());
  beforeEach(() => {
    h.sim.resetCalls();
    h.sim.clearFaults();
    h.clock.advance(3_600_000);
  });

  it('the same query at the same time by three callers: three upstream calls, each with its own token and its own answer', async () => {
    const as = (token: string) => h.query(Q, vars, { authorization: `Bearer ${token}` });
    const [a, revoked, b] = await Promise.all([as('caller-token-A'), as('caller-token-revoked'), as('caller-token-B')]);
    expect(a).toEqual({ data: { restoreJob: { jobId: vars.j } } });
    expect(b).toEqual(a);
    expect(revoked.data).toEqual({ restoreJob: null });
    expect(revoked.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(h.sim.calls.map((c) => c.authorization).sort()).toEqual(['Bearer caller-token-A', 'Bearer caller-token-B', 'Bearer caller-token-revoked']);
  });

  it("one caller's rate limit does not hold back another caller", async () => {
    h.sim.inject({ match: () => true, status: 429, headers: { 'Retry-After': '600' } });
    const limited = await h.query(Q, vars, { authorization: 'Bearer caller-token-A' });
    expect(limited.errors?.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
    expect(await h.query(Q, vars, { authorization: 'Bearer caller-token-B' })).toEqual({ data: { restoreJob: { jobId: vars.j } } });
    expect((await h.query(Q, vars, { authorization: 'Bearer caller-token-A' })).errors?.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
    expect(h.sim.calls.map((c) => [c.authorization, c.status])).toEqual([
      ['Bearer caller-token-A', 429],
      ['Bearer caller-token-B', 200],
    ]);
  });
});
