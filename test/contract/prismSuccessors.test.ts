import fc from 'fast-check';
import { getNamedType, isObjectType, type GraphQLObjectType } from 'graphql';
import { Agent, request } from 'undici';
import { AtlasClient } from '../../src/atlas/AtlasClient';
import { PassthroughAuth } from '../../src/atlas/auth/PassthroughAuth';
import type { UpstreamCallEvent } from '../../src/atlas/AtlasClient';
import { loadConfig } from '../../src/config';
import type { RestoreRequest } from '../../src/restoreJobs/RestoreJobSource';
import { createSources } from '../../src/restoreJobs/sources';
import { buildSchema } from '../../src/schema';
import type { Gateway } from '../../src/server';
import { createLogger } from '../../src/observability/logger';
import { startGateway, type GraphQLResponse } from '../support/harness';
import { startPrism, type PrismServer } from '../support/prism';
import { checkTypes, fullSelection } from './graphqlTypes';
import { loadContract, SUCCESSORS_SPEC_PATH } from './specSchemas';

/**
 * The gateway against Stoplight Prism serving atlas/successors.openapi.yaml in dynamic mode: every operation of that
 * file the gateway calls (Cloud Backup list, get, create and cancel; the cluster lookup; the two cluster lists) meets random bodies that
 * conform to the spec, and every request the gateway sends must pass Prism's request validation (versioned Accept and
 * Content-Type, path and query patterns, the create body's schema, a Bearer credential). Prism runs once, on loopback.
 */

const ITERATIONS = 100;
const CONCURRENCY = 8;
/** fast-check's seed for the arguments; printed in every failure (`CONTRACT_SEED=... npx jest prismSuccessors`). */
const SEED = Number(process.env.CONTRACT_SEED ?? Math.floor(Math.random() * 2 ** 31));
const CREDENTIAL = 'Bearer prism-contract-run';

const schema = buildSchema();
const GET = `query($p: ObjectID!, $c: String!, $j: ObjectID!) {
  restoreJob(kind: CLOUD_BACKUP, projectId: $p, clusterName: $c, jobId: $j) { ${fullSelection(schema, 'RestoreJob')} }
}`;
const LIST = `query($p: ObjectID!, $c: String!, $first: Int, $last: Int) {
  restoreJobs(kind: CLOUD_BACKUP, projectId: $p, clusterName: $c, first: $first, last: $last) { ${fullSelection(schema, 'RestoreJobConnection')} }
}`;
// NOTE: the fields with arguments (`Cluster.restoreJobs`) are left out: a random cluster may be of any kind, whose jobs live in the other cut of the
// spec (prism.test.ts covers those operations).
const clusterType = schema.getType('Cluster') as GraphQLObjectType;
const CLUSTER_FIELDS = Object.values(clusterType.getFields())
  .filter((field) => field.args.length === 0)
  .map((field) => (isObjectType(getNamedType(field.type)) ? `${field.name} { ${fullSelection(schema, getNamedType(field.type).name)} }` : field.name));
const CLUSTER = `query($p: ObjectID!, $c: String!) { cluster(projectId: $p, name: $c) { ${CLUSTER_FIELDS.join(' ')} } }`;
const CLUSTERS = `query($p: ObjectID!, $n: Int) { clusters(projectId: $p, first: $n) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { ${CLUSTER_FIELDS.join(' ')} } } } }`;

const objectId = fc.stringMatching(/^[a-f0-9]{24}$/);
const clusterName = fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9-]{0,30}$/);
const window = fc.oneof(fc.record({ first: fc.integer({ min: 1, max: 500 }) }), fc.record({ last: fc.integer({ min: 1, max: 500 }) }));

const agent = new Agent({ connections: CONCURRENCY });
let prism: PrismServer;
let gateway: Gateway;
const upstream: UpstreamCallEvent[] = [];

beforeAll(async () => {
  prism = await startPrism({ spec: SUCCESSORS_SPEC_PATH });
  gateway = await startGateway(
    {
      ...loadConfig({}),
      port: 0,
      host: '127.0.0.1',
      atlasBaseUrl: prism.url,
      apiVersion: 'v2',
      // NOTE: as in prism.test.ts, the spec requires a credential and Prism checks that one is there.
      auth: { mode: 'passthrough' },
      timeouts: { connectMs: 2_000, attemptMs: 10_000, requestMs: 20_000 },
      nodeEnv: 'test',
    },
    { onUpstreamCall: (event) => upstream.push(event), logger: createLogger({ level: 'silent' }) },
  );
}, 60_000);

afterAll(async () => {
  await gateway?.stop();
  await prism?.stop();
  await agent.close();
});

async function graphql(query: string, variables: Record<string, unknown>): Promise<GraphQLResponse> {
  const res = await request(gateway.url, {
    method: 'POST',
    dispatcher: agent,
    headers: { 'content-type': 'application/json', authorization: CREDENTIAL },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.body.json()) as GraphQLResponse;
}

async function mapLimit<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

/** Which operation of successors.openapi.yaml an upstream call was, with its status. */
function classify(call: UpstreamCallEvent): string {
  const path = call.path.replace(/\/groups\/[a-f0-9]{24}/, '/groups/{groupId}').replace(/\/(clusters|flexClusters)\/[^/]+/, '/$1/{name}');
  const operation =
    {
      '/api/atlas/v2/groups/{groupId}/clusters/{name}': 'getGroupCluster',
      '/api/atlas/v2/groups/{groupId}/flexClusters/{name}': 'getGroupFlexCluster',
      '/api/atlas/v2/groups/{groupId}/clusters/{name}/backup/restoreJobs': 'listGroupClusterBackupRestoreJobs',
      '/api/atlas/v2/groups/{groupId}/clusters': 'listGroupClusters',
      '/api/atlas/v2/groups/{groupId}/flexClusters': 'listGroupFlexClusters',
    }[path] ?? (/\/backup\/restoreJobs\/[a-f0-9]{24}$/.test(path) ? 'getGroupClusterBackupRestoreJob' : `other ${call.path}`);
  return `${operation} ${call.status}`;
}

function tally(calls: readonly UpstreamCallEvent[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of calls) counts[classify(call)] = (counts[classify(call)] ?? 0) + 1;
  return counts;
}

describe('the gateway against Prism over successors.openapi.yaml (dynamic mock)', () => {
  it(`Cloud Backup: ${ITERATIONS} gets and ${ITERATIONS} lists of random bodies, no error, every selected field of its declared type`, async () => {
    const gets = fc.sample(fc.record({ p: objectId, c: clusterName, j: objectId }), { numRuns: ITERATIONS, seed: SEED });
    const lists = fc.sample(fc.record({ p: objectId, c: clusterName, w: window }), { numRuns: ITERATIONS, seed: SEED + 1 });
    const before = upstream.length;
    const problems: string[] = [];
    let jobs = 0;
    await mapLimit(gets, async ({ p, c, j }) => {
      const body = await graphql(GET, { p, c, j });
      const job = body.data?.restoreJob as { kind?: unknown } | null | undefined;
      if (body.errors) problems.push(`get ${JSON.stringify({ p, c, j })}: ${JSON.stringify(body.errors)}`);
      else if (job?.kind !== 'CLOUD_BACKUP') problems.push(`get ${JSON.stringify({ p, c, j })}: ${JSON.stringify(job)}`);
      problems.push(...checkTypes(schema, GET, body.data).map((line) => `get: ${line}`));
      jobs += job ? 1 : 0;
    });
    await mapLimit(lists, async ({ p, c, w }) => {
      const body = await graphql(LIST, { p, c, ...w });
      if (body.errors) problems.push(`list ${JSON.stringify({ p, c, w })}: ${JSON.stringify(body.errors)}`);
      problems.push(...checkTypes(schema, LIST, body.data).map((line) => `list: ${line}`));
      jobs += (body.data?.restoreJobs as { nodes: unknown[] } | undefined)?.nodes.length ?? 0;
    });
    const counts = tally(upstream.slice(before));
    expect({ seed: SEED, problems: problems.slice(0, 20), problemCount: problems.length }).toEqual({ seed: SEED, problems: [], problemCount: 0 });
    // Only the two Cloud Backup reads reached Prism, and Prism accepted every request.
    expect(Object.keys(counts).sort()).toEqual(['getGroupClusterBackupRestoreJob 200', 'listGroupClusterBackupRestoreJobs 200']);
    expect(counts['getGroupClusterBackupRestoreJob 200']).toBe(ITERATIONS);
    expect(counts['listGroupClusterBackupRestoreJobs 200']).toBeGreaterThanOrEqual(ITERATIONS);
    expect(jobs).toBeGreaterThan(ITERATIONS);
  }, 60_000);

  it(`the cluster lookup: ${ITERATIONS} random clusters, no error, every selected field of its declared type`, async () => {
    const lookups = fc.sample(fc.record({ p: objectId, c: clusterName }), { numRuns: ITERATIONS, seed: SEED + 2 });
    const before = upstream.length;
    const problems: string[] = [];
    await mapLimit(lookups, async ({ p, c }) => {
      const body = await graphql(CLUSTER, { p, c });
      const cluster = body.data?.cluster as { name?: unknown } | null | undefined;
      if (body.errors) problems.push(`cluster ${JSON.stringify({ p, c })}: ${JSON.stringify(body.errors)}`);
      else if (!cluster) problems.push(`cluster ${JSON.stringify({ p, c })}: null`);
      problems.push(...checkTypes(schema, CLUSTER, body.data).map((line) => `cluster: ${line}`));
    });
    const counts = tally(upstream.slice(before));
    expect({ seed: SEED, problems: problems.slice(0, 20), problemCount: problems.length }).toEqual({ seed: SEED, problems: [], problemCount: 0 });
    // Prism answers every lookup 200, so the flex lookup (asked only after a 404) is never needed.
    expect(counts).toEqual({ 'getGroupCluster 200': ITERATIONS });
  }, 60_000);

  it(`the cluster lists: ${ITERATIONS} random projects' clusters, no error, every selected field of its declared type`, async () => {
    const projects = fc.sample(fc.record({ p: objectId, n: fc.integer({ min: 0, max: 500 }) }), { numRuns: ITERATIONS, seed: SEED + 3 });
    const before = upstream.length;
    const problems: string[] = [];
    let clusters = 0;
    await mapLimit(projects, async ({ p, n }) => {
      const body = await graphql(CLUSTERS, { p, n });
      if (body.errors) problems.push(`clusters ${JSON.stringify({ p, n })}: ${JSON.stringify(body.errors)}`);
      problems.push(...checkTypes(schema, CLUSTERS, body.data).map((line) => `clusters: ${line}`));
      clusters += (body.data?.clusters as { edges: unknown[] } | undefined)?.edges.length ?? 0;
    });
    const counts = tally(upstream.slice(before));
    expect({ seed: SEED, problems: problems.slice(0, 20), problemCount: problems.length }).toEqual({ seed: SEED, problems: [], problemCount: 0 });
    // Both lists of every project, each accepted by Prism's request validation (pageNum, itemsPerPage, includeCount,
    // the versioned Accept); random pages are short, so one page of each.
    expect(counts).toEqual({ 'listGroupClusters 200': ITERATIONS, 'listGroupFlexClusters 200': ITERATIONS });
    expect(clusters).toBeGreaterThan(0);
  }, 60_000);

  describe("Cloud Backup's writes: the bodies the kind declares pass Prism's request validation", () => {
    const P = '0123456789abcdef01234567';
    const SNAPSHOT = '89abcdef0123456789abcdef';
    const none: RestoreRequest = { snapshotId: null, targetProjectId: null, targetClusterName: null, pointInTime: null, oplog: null };
    const location = { kind: 'CLOUD_BACKUP' as const, projectId: P, clusterName: 'cluster-0' };
    // NOTE: the cancel's 204 declares a media type without a schema, which Prism's dynamic mode cannot answer (it
    // says 500 "Tried to force a dynamic response ... but schema is not defined"); its static mode answers the
    // declared 204 after the same request validation, so DELETEs ask for it.
    const staticDeletes = agent.compose(
      (dispatch) => (options, handler) =>
        dispatch(options.method === 'DELETE' ? { ...options, headers: { ...(options.headers as Record<string, string>), prefer: 'dynamic=false' } } : options, handler),
    );
    const sources = () =>
      createSources(
        new AtlasClient({
          baseUrl: prism.url,
          dispatcher: staticDeletes,
          auth: new PassthroughAuth(CREDENTIAL),
          timeouts: { connectMs: 2_000, attemptMs: 10_000 },
        }),
        'v2',
      );

    it.each([
      ['DOWNLOAD', { ...none, snapshotId: SNAPSHOT }],
      ['AUTOMATED', { ...none, snapshotId: SNAPSHOT, targetProjectId: P, targetClusterName: 'cluster-1' }],
      ['POINT_IN_TIME', { ...none, targetProjectId: P, targetClusterName: 'cluster-1', pointInTime: new Date(Date.UTC(2026, 10, 1)) }],
      ['POINT_IN_TIME', { ...none, targetProjectId: P, targetClusterName: 'cluster-1', oplog: { ts: 1_761_955_200, inc: 3 } }],
    ] as const)('%s create %#: Prism accepts the request and its random answer maps to a Cloud Backup job', async (delivery, restore) => {
      const [job, ...more] = await sources().CLOUD_BACKUP.create(location, delivery, restore);
      expect([job?.kind, more]).toEqual(['CLOUD_BACKUP', []]);
    });

    it('cancel: Prism accepts the DELETE (204)', async () => {
      await expect(sources().CLOUD_BACKUP.cancel(location, SNAPSHOT)).resolves.toBeUndefined();
    });
  });

  it("Prism's own Cloud Backup and cluster bodies conform to the spec", async () => {
    const contract = loadContract({ specPath: SUCCESSORS_SPEC_PATH });
    const P = '0123456789abcdef01234567';
    const base = `${prism.url}/api/atlas/v2/groups/${P}`;
    const observed: string[] = [];
    for (let i = 0; i < 25; i += 1) {
      for (const [path, version] of [
        ['/clusters/cluster-0', '2024-08-05'],
        ['/clusters', '2024-08-05'],
        ['/clusters/cluster-0/backup/restoreJobs', '2023-01-01'],
        [`/clusters/cluster-0/backup/restoreJobs/${P}`, '2023-01-01'],
        ['/flexClusters/flex-0', '2024-11-13'],
        ['/flexClusters', '2024-11-13'],
      ] as const) {
        const res = await request(`${base}${path}`, { dispatcher: agent, headers: { accept: `application/vnd.atlas.${version}+json`, authorization: CREDENTIAL } });
        const body: unknown = await res.body.json();
        const check = contract.checkResponse({ method: 'GET', path: `/api/atlas/v2/groups/${P}${path}`, status: res.statusCode, contentType: String(res.headers['content-type']), body });
        observed.push(...check.errors.map((line) => `${path} ${line}`), ...(res.statusCode === 200 ? [] : [`${path} status ${res.statusCode}`]));
      }
    }
    expect(observed).toEqual([]);
  }, 60_000);
});
