import fc from 'fast-check';
import { encodeCursor } from '../../src/atlas/pagination';
import { encodeGlobalId } from '../../src/restoreJobs/globalId';
import { RESTORE_JOB_KINDS, type RestoreJobKind } from '../../src/restoreJobs/RestoreJobKind';
import { typeNameOf } from '../../src/restoreJobs/sources';
import { DEMO } from '../../src/simulator';
import { EDGE_CASES } from '../support/seeds';
import { startHarness, type Harness } from '../support/harness';

/**
 * Random and malformed queries and variables against the real server and simulator: nothing a caller sends may cause
 * a 5xx or an INTERNAL_SERVER_ERROR, and every answer is a GraphQL response. Bounded: 300 cases, stopped after 15 s;
 * then 40 per kind (every kind, each reaching its own Atlas API), stopped after 5 s each.
 */
const KINDS: RestoreJobKind[] = [...RESTORE_JOB_KINDS];
/** Every kind's GraphQL type (fragments and `_entities` representations name each of them). */
const TYPE_NAMES = KINDS.map(typeNameOf);
const CLUSTERS = [...Object.values(DEMO.clusters), ...Object.values(EDGE_CASES.clusters), DEMO.bigCluster.name];
const CODES = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'QUERY_TOO_COMPLEX',
  'JOB_NOT_MIGRATED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'RATE_LIMITED',
]);

const literal = fc.oneof(
  fc.integer().map(String),
  fc.constantFrom('-1', '0', '1', '2147483648', '1e309', '3.5', 'null', 'true', '[]', '{}', '""', '$v', '$missing'),
  fc.string({ maxLength: 30 }).map((s) => JSON.stringify(s)),
  fc.constantFrom(...KINDS, 'TAPE', 'flex'),
  fc.constantFrom(DEMO.projectId, EDGE_CASES.projectId, 'ffffffffffffffffffffffff').map((s) => JSON.stringify(s)),
  fc.constantFrom(...CLUSTERS, '../x', 'a/b', '', '-x').map((s) => JSON.stringify(s)),
  fc.nat(3_000).map((n) => JSON.stringify(encodeCursor(n))),
);
const argName = fc.constantFrom('kind', 'projectId', 'clusterName', 'jobId', 'first', 'last', 'after', 'before', 'id', 'ids', 'representations', 'bogus');
const args = fc.array(fc.tuple(argName, literal), { maxLength: 6 }).map((pairs) => (pairs.length ? `(${pairs.map(([n, v]) => `${n}: ${v}`).join(', ')})` : ''));
const leaf = fc.constantFrom('id', 'jobId', 'status', 'atlasStatus', 'kind', 'createdAt', 'downloadUrls', 'totalCount', '__typename', 'cursor', 'nope');
const selection: fc.Arbitrary<string> = fc.letrec<{ sel: string }>((tie) => ({
  sel: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(fc.constantFrom('nodes', 'edges', 'node', 'pageInfo', 'links', 'delivery'), fc.array(tie('sel'), { minLength: 1, maxLength: 4 })).map(([f, s]) => `${f} { ${s.join(' ')} }`),
    fc.tuple(fc.constantFrom(...TYPE_NAMES, 'RestoreJob', 'Query'), fc.array(tie('sel'), { minLength: 1, maxLength: 3 })).map(([t, s]) => `... on ${t} { ${s.join(' ')} }`),
  ),
})).sel;
const root = fc
  .tuple(fc.constantFrom('restoreJob', 'restoreJobs', 'node', 'nodes', '_entities', '__typename', '_service', 'mutationField'), args, fc.array(selection, { maxLength: 4 }))
  .map(([field, a, sel]) => `${field}${a}${sel.length ? ` { ${sel.join(' ')} }` : ''}`);
const structured = fc
  .tuple(fc.constantFrom('', 'query', 'query Q($v: Int)', 'query($v: String!)', 'mutation', 'subscription', 'query($v: [ID!]!)'), fc.array(root, { minLength: 1, maxLength: 4 }))
  .map(([op, roots]) => `${op} { ${roots.map((r, i) => `a${i}: ${r}`).join(' ')} }`);
/** Well-typed operations whose argument values are random: these reach the resolvers, the loaders and Atlas. */
const objectId = fc.oneof(fc.constantFrom(DEMO.projectId, EDGE_CASES.projectId, 'ffffffffffffffffffffffff'), fc.stringMatching(/^[a-f0-9]{24}$/), fc.string({ maxLength: 30 }));
const cluster = fc.oneof(fc.constantFrom(...CLUSTERS), fc.string({ maxLength: 70 }));
const int32 = fc.oneof(fc.integer({ min: -5, max: 600 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }));
const someCursor = fc.oneof(fc.nat(1_500).map(encodeCursor), fc.string({ maxLength: 20 }));
const globalId = fc.oneof(
  fc.tuple(fc.constantFrom(...KINDS), fc.constantFrom(...CLUSTERS), fc.stringMatching(/^[a-f0-9]{24}$/)).map(([kind, clusterName, jobId]) =>
    encodeGlobalId({ kind, projectId: DEMO.projectId, clusterName, jobId }),
  ),
  fc.string({ maxLength: 40 }),
);
const JOB = 'id jobId kind status atlasStatus isTerminal deliveryType createdAt finishedAt expiresAt downloadUrls links { href rel }';
const typed = fc.oneof(
  fc.record({ k: fc.constantFrom(...KINDS), p: objectId, c: cluster, f: fc.option(int32), a: fc.option(someCursor), l: fc.option(int32), b: fc.option(someCursor) }).map(({ k, ...v }) => ({
    query: `query($p: ObjectID!, $c: String!, $f: Int, $a: String, $l: Int, $b: String) { restoreJobs(kind: ${k}, projectId: $p, clusterName: $c, first: $f, after: $a, last: $l, before: $b) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { ${JOB} } } } }`,
    variables: v as Record<string, unknown>,
  })),
  fc.record({ k: fc.constantFrom(...KINDS), p: objectId, c: cluster, j: objectId }).map(({ k, ...v }) => ({
    query: `query($p: ObjectID!, $c: String!, $j: ObjectID!) { restoreJob(kind: ${k}, projectId: $p, clusterName: $c, jobId: $j) { ${JOB} } }`,
    variables: v as Record<string, unknown>,
  })),
  fc.record({ id: globalId, ids: fc.array(globalId, { maxLength: 120 }) }).map((v) => ({
    query: `query($id: ID!, $ids: [ID!]!) { node(id: $id) { id ... on RestoreJob { status } } nodes(ids: $ids) { id } }`,
    variables: v as Record<string, unknown>,
  })),
  fc.array(fc.oneof(fc.record({ __typename: fc.constantFrom(...TYPE_NAMES, 'RestoreJob', 'Nope'), id: globalId }), fc.jsonValue({ maxDepth: 2 })), { maxLength: 5 }).map((reps) => ({
    query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on RestoreJob { id status } } }`,
    variables: { r: reps } as Record<string, unknown>,
  })),
);
const query = fc.oneof(structured, fc.string({ maxLength: 200 }), structured.map((q) => q.slice(0, q.length - 3)), fc.constant('{'.repeat(500)));
const variables = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 3 }),
  fc.record({ v: fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(globalId, { maxLength: 120 })) }),
);
/** Which kind's Atlas API a simulator call went to (null: another path, e.g. a cluster lookup). */
function apiOf(path: string): RestoreJobKind | null {
  if (/\/backup\/tenant\/restores(\/|$)/.test(path)) return 'SHARED_TIER';
  if (/\/flexClusters\/[^/]+\/backup\/restoreJobs(\/|$)/.test(path)) return 'FLEX';
  if (/\/serverless\/[^/]+\/backup\/restoreJobs(\/|$)/.test(path)) return 'SERVERLESS';
  if (/\/clusters\/[^/]+\/backup\/restoreJobs(\/|$)/.test(path)) return 'CLOUD_BACKUP';
  if (/\/clusters\/[^/]+\/restoreJobs(\/|$)/.test(path)) return 'LEGACY_BACKUP';
  return null;
}
/** Random lists and lookups of one kind: its own cluster among random ones, so its API is reached. */
function typedOf(kind: RestoreJobKind): fc.Arbitrary<{ query: string; variables: Record<string, unknown> }> {
  const own = fc.oneof(fc.constant(DEMO.clusters[kind]), cluster);
  return fc.oneof(
    fc.record({ c: own, f: fc.option(int32), a: fc.option(someCursor), l: fc.option(int32), b: fc.option(someCursor) }).map((v) => ({
      query: `query($c: String!, $f: Int, $a: String, $l: Int, $b: String) { restoreJobs(kind: ${kind}, projectId: "${DEMO.projectId}", clusterName: $c, first: $f, after: $a, last: $l, before: $b) { totalCount pageInfo { hasNextPage hasPreviousPage } nodes { ${JOB} ... on ${typeNameOf(kind)} { __typename } } } }`,
      variables: v as Record<string, unknown>,
    })),
    fc.record({ c: own, j: objectId }).map((v) => ({
      query: `query($c: String!, $j: ObjectID!) { restoreJob(kind: ${kind}, projectId: "${DEMO.projectId}", clusterName: $c, jobId: $j) { ${JOB} } }`,
      variables: v as Record<string, unknown>,
    })),
  );
}
const request = fc.oneof(
  { weight: 3, arbitrary: typed },
  { weight: 2, arbitrary: fc.record({ query, variables }) },
);

describe('fuzzing the server', () => {
  let h: Harness;
  const trapped: unknown[] = [];
  const trap = (reason: unknown): void => void trapped.push(reason);
  beforeAll(async () => {
    process.on('unhandledRejection', trap);
    h = await startHarness();
  });
  afterAll(async () => {
    process.off('unhandledRejection', trap);
    await h.stop();
  });

  async function send(body: string, contentType = 'application/json'): Promise<{ status: number; text: string }> {
    const res = await fetch(h.gateway.url, { method: 'POST', headers: { 'content-type': contentType, 'apollo-require-preflight': '1' }, body });
    return { status: res.status, text: await res.text() };
  }

  let executed = 0;
  function check({ status, text }: { status: number; text: string }): void {
    expect(status).toBeLessThan(500);
    const body = JSON.parse(text) as { data?: unknown; errors?: { message: unknown; extensions?: { code?: unknown } }[] };
    if (body.data !== undefined) executed += 1;
    expect(body.data !== undefined || body.errors !== undefined).toBe(true);
    for (const error of body.errors ?? []) {
      expect(typeof error.message).toBe('string');
      expect(CODES).toContain(error.extensions?.code);
    }
  }

  it('random queries and variables: no 5xx, no INTERNAL_SERVER_ERROR, no unhandled rejection', async () => {
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        cases += 1;
        check(await send(JSON.stringify(r)));
      }),
      { numRuns: 300, interruptAfterTimeLimit: 15_000, markInterruptAsFailure: false },
    );
    expect(cases).toBeGreaterThan(50);
    // The run reached resolvers and Atlas, not only the parser and validation.
    expect(executed).toBeGreaterThan(10);
    expect(h.sim.calls.length).toBeGreaterThan(0);
    expect(trapped).toEqual([]);
  }, 30_000);

  // #14: every kind, Cloud Backup included, gets random arguments that reach its own Atlas API.
  it.each(KINDS)('%s: random arguments reach its Atlas API; no 5xx, no INTERNAL_SERVER_ERROR', async (kind) => {
    const before = h.sim.calls.length;
    const first = { query: `{ restoreJobs(kind: ${kind}, projectId: "${DEMO.projectId}", clusterName: "${DEMO.clusters[kind]}", first: 1) { nodes { id } } }`, variables: {} };
    await fc.assert(
      fc.asyncProperty(typedOf(kind), async (r) => check(await send(JSON.stringify(r)))),
      { numRuns: 40, interruptAfterTimeLimit: 5_000, markInterruptAsFailure: false, examples: [[first]] },
    );
    const reached = new Set(h.sim.calls.slice(before).map((c) => apiOf(c.path)));
    expect(reached).toContain(kind);
    expect(trapped).toEqual([]);
  });

  it('malformed HTTP bodies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.jsonValue().map((j) => JSON.stringify(j)), fc.constantFrom('', '{', '{"query": 1}', '{"query": null}', '[{"query": "{ __typename }"}]', '{"query": "{ __typename }", "variables": "x"}', '{"query": "{ __typename }", "operationName": 7}')),
        fc.constantFrom('application/json', 'text/plain', 'application/graphql'),
        async (body, type) => {
          const res = await send(body, type);
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 100, interruptAfterTimeLimit: 5_000, markInterruptAsFailure: false },
    );
    expect(trapped).toEqual([]);
  });
});
