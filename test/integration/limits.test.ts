import { DEMO } from '../../src/simulator';
import { startHarness, type Harness } from '../support/harness';

/** Each query limit, at small values so the queries stay readable: HTTP 400 (413 for the body), QUERY_TOO_COMPLEX, no upstream call. */
describe('query limits', () => {
  let h: Harness;
  const job = (alias: string) =>
    `${alias}: restoreJob(kind: FLEX, projectId: "${DEMO.projectId}", clusterName: "${DEMO.clusters.FLEX}", jobId: "ffffffffffffffffffffffff") { jobId }`;
  const list = (args: string) => `restoreJobs(kind: LEGACY_BACKUP, projectId: "${DEMO.projectId}", clusterName: "${DEMO.clusters.LEGACY_BACKUP}", ${args}) { nodes { jobId } }`;

  beforeAll(async () => {
    h = await startHarness({
      limits: { maxDepth: 4, maxAliases: 3, maxRootFields: 4, maxTokens: 120, maxDirectives: 2, maxFieldCost: 36, maxCost: 600, maxBodyBytes: 2_048 },
    });
  });
  afterAll(() => h.stop());
  beforeEach(() => h.sim.resetCalls());

  const rejected = (limit: string, max: number, message: string) => ({
    status: 400,
    body: { errors: [{ message, extensions: { code: 'QUERY_TOO_COMPLEX', limit, max } }] },
  });

  async function send(query: string, variables?: Record<string, unknown>) {
    const res = await h.post(query, variables);
    return { status: res.status, body: res.body };
  }

  it.each([
    ['depth', `{ restoreJobs(kind: FLEX, projectId: "${DEMO.projectId}", clusterName: "x", first: 1) { edges { node { ... on LegacyBackupRestoreJob { delivery { method } } } } } }`, 4, 'Query depth limit of 4 exceeded, found 6.'],
    ['aliases', `{ ${job('a')} ${job('b')} c: __typename ${job('d')} ${job('e')} }`, 3, 'Aliases limit of 3 exceeded, found 4.'],
    ['rootFields', `query { ...F } fragment F on Query { a1: __schema { queryType { name } } ${job('z')} node(id: "x") { id } restoreJobs: __type(name: "Query") { name } nodes(ids: []) { id } }`, 4, 'Root field limit of 4 exceeded, found 5.'],
    ['directives', `{ a: __typename @include(if: true) b: __typename @skip(if: false) c: __typename @include(if: true) }`, 2, 'Directives limit of 2 exceeded, found 3.'],
    ['fieldCost', `{ ${list('first: 1')} }`.replace('nodes { jobId }', 'nodes { jobId status atlasStatus createdAt finishedAt expiresAt isTerminal snapshotId targetProjectId downloadUrls links { href rel } }'), 36, 'Query Cost limit of 36 exceeded, found 38.75.'],
  ])('%s', async (limit, query, max, message) => {
    expect(await send(query)).toEqual(rejected(limit, max, message as string));
    expect(h.sim.calls).toHaveLength(0);
  });

  it('tokens (graphql-js parser limit)', async () => {
    const query = `{ ${Array.from({ length: 40 }, () => '__typename').join(' ')} }`.replace(/__typename/g, 'a: __typename');
    expect(await send(query)).toEqual(rejected('tokens', 120, 'Token limit of 120 exceeded.'));
  });

  it('upstream cost counts first/last and the calls, with variables', async () => {
    const two = `query($n: Int) { a: ${list('first: $n')} b: ${list('last: $n')} }`;
    // 100 + 2 calls and 100 + 3 calls (last without before probes first): 200 + 50 = 250, under 600.
    expect((await send(two, { n: 100 })).status).toBe(200);
    h.sim.resetCalls();
    expect(await send(two, { n: 300 })).toEqual(
      rejected('cost', 600, 'Query cost limit of 600 exceeded, found 650 (600 items, 5 upstream calls at 10 each).'),
    );
    expect(h.sim.calls).toHaveLength(0);
  });

  it('upstream cost counts nodes() ids', async () => {
    const ids = Array.from({ length: 60 }, () => 'UmVzdG9yZUpvYg');
    expect(await send(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids })).toEqual(
      rejected('cost', 600, 'Query cost limit of 600 exceeded, found 660 (60 items, 60 upstream calls at 10 each).'),
    );
  });

  it('request body size: 413', async () => {
    const res = await h.post(`{ __typename }`, { padding: 'x'.repeat(4_000) });
    expect({ status: res.status, body: res.body }).toEqual({
      status: 413,
      body: { errors: [{ message: 'Request body larger than 2048 bytes.', extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'bodyBytes', max: 2048 } }] },
    });
  });

  it('introspection is exempt from depth and cost', async () => {
    const res = await h.post(`{ __schema { types { fields { type { ofType { ofType { name } } } } } } }`);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
  });
});
