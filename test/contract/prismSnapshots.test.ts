import fc from 'fast-check';
import { Agent, request } from 'undici';
import { PassthroughAuth } from '../../src/atlas/auth/PassthroughAuth';
import type { UpstreamCallEvent } from '../../src/atlas/AtlasClient';
import { encodeCursor } from '../../src/atlas/pagination';
import { ClusterKindCache } from '../../src/clusters/ClusterKindCache';
import { SNAPSHOT_LISTS, type SnapshotList } from '../../src/clusters/snapshots/BackupSnapshotModel';
import { encodeSnapshotId } from '../../src/clusters/snapshots/snapshotGlobalId';
import { SNAPSHOT_LIST_DEFINITIONS } from '../../src/clusters/snapshots/snapshotLists';
import { buildSchema } from '../../src/schema';
import { startPrismContractRun, type PrismContractRun } from '../support/prism';
import { checkTypes, fullSelection } from './graphqlTypes';
import { loadContract, SNAPSHOTS_SPEC_PATH } from './specSchemas';

/**
 * The gateway against Stoplight Prism serving atlas/snapshots.openapi.yaml in dynamic mode: each of the four snapshot
 * lists the gateway reads, and each list's get-one (`node(id:)`), meets random bodies that conform to the spec, and
 * every request the gateway sends must pass Prism's request validation (versioned Accept, path and query patterns, the
 * paging parameters' bounds, the legacy list's `completed`, a Bearer credential). Prism runs once, on loopback.
 * NOTE: the cluster lookup that tells a Cloud Backup replica set from a sharded cluster is in successors.openapi.yaml,
 * not here; the run fills the gateway's cluster memory first (as a lookup would), so those calls go to the lists.
 */

const ITERATIONS = 50;
const CONCURRENCY = 8;
const PRISM_CREDENTIAL = 'Bearer prism-contract-run';
/** fast-check's seed for the arguments; printed in every failure (`CONTRACT_SEED=... npx jest prismSnapshots`). */
const SEED = Number(process.env.CONTRACT_SEED ?? Math.floor(Math.random() * 2 ** 31));

const schema = buildSchema();
const LIST = `query($p: ObjectID!, $c: String!, $kind: RestoreJobKind, $first: Int, $after: String) {
  snapshots(projectId: $p, clusterName: $c, kind: $kind, first: $first, after: $after) { ${fullSelection(schema, 'SnapshotConnection')} }
}`;
const NODE = `query($id: ID!) { node(id: $id) { __typename id ... on BackupSnapshot { ${fullSelection(schema, 'BackupSnapshot')} } } }`;

const objectId = fc.stringMatching(/^[a-f0-9]{24}$/);
const clusterName = fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9-]{0,30}$/);
const args = fc.record({ p: objectId, c: clusterName, first: fc.integer({ min: 1, max: 500 }), after: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }) });

/** The `kind` argument that reaches each list: legacy and flex name theirs; Cloud Backup's come from the cluster's type. */
const KIND_ARG: Record<SnapshotList, string | null> = { CLOUD_BACKUP_REPLICA_SET: null, CLOUD_BACKUP_SHARDED: 'CLOUD_BACKUP', FLEX: 'FLEX', LEGACY_BACKUP: 'LEGACY_BACKUP' };

const clusterKinds = new ClusterKindCache();
const identity = new PassthroughAuth(PRISM_CREDENTIAL).identity;
const agent = new Agent({ connections: CONCURRENCY });
let run: PrismContractRun;
let upstream: UpstreamCallEvent[];

beforeAll(async () => {
  run = await startPrismContractRun({ spec: SNAPSHOTS_SPEC_PATH, credential: PRISM_CREDENTIAL, concurrency: CONCURRENCY, deps: { clusterKinds } });
  upstream = run.upstream;
}, 60_000);

afterAll(async () => {
  await run?.stop();
  await agent.close();
});

/** Which operation of snapshots.openapi.yaml an upstream call was, with its status. */
function classify(call: UpstreamCallEvent): string {
  const path = call.path.replace(/^\/api\/atlas\/v2\/groups\/[a-f0-9]{24}\/(clusters|flexClusters)\/[^/]+/, '/$1/{name}').replace(/\/[a-f0-9]{24}$/, '/{id}');
  const operation =
    {
      '/clusters/{name}/backup/snapshots': 'listGroupClusterBackupSnapshots',
      '/clusters/{name}/backup/snapshots/shardedClusters': 'listGroupClusterBackupSnapshotShardedClusters',
      '/flexClusters/{name}/backup/snapshots': 'listGroupFlexClusterBackupSnapshots',
      '/clusters/{name}/snapshots': 'listGroupClusterSnapshots',
      '/clusters/{name}/backup/snapshots/{id}': 'getGroupClusterBackupSnapshot',
      '/clusters/{name}/backup/snapshots/shardedCluster/{id}': 'getGroupClusterBackupSnapshotShardedCluster',
      '/flexClusters/{name}/backup/snapshots/{id}': 'getGroupFlexClusterBackupSnapshot',
      '/clusters/{name}/snapshots/{id}': 'getGroupClusterSnapshot',
    }[path] ?? `other ${call.path}`;
  return `${operation} ${call.status}`;
}

function tally(calls: readonly UpstreamCallEvent[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of calls) counts[classify(call)] = (counts[classify(call)] ?? 0) + 1;
  return counts;
}

describe('the gateway against Prism over snapshots.openapi.yaml (dynamic mock)', () => {
  it.each(SNAPSHOT_LISTS.map((list, i) => [list, i] as const))(`%s: ${ITERATIONS} lists and ${ITERATIONS} node(id:) gets of random bodies, no error, every selected field of its declared type`, async (list, i) => {
    const samples = fc.sample(args, { numRuns: ITERATIONS, seed: SEED + i });
    if (list.startsWith('CLOUD_BACKUP')) {
      const clusterType = list === 'CLOUD_BACKUP_SHARDED' ? 'SHARDED' : 'REPLICASET';
      for (const { p, c } of samples) clusterKinds.set(identity, p, c, { kind: 'CLOUD_BACKUP', tier: 'M30', clusterType, backupEnabled: true, source: 'clusters-api' });
    }
    const before = upstream.length;
    const problems: string[] = [];
    let snapshots = 0;
    await run.mapLimit(samples, async ({ p, c, first, after }) => {
      const variables = { p, c, kind: KIND_ARG[list], first, after: after === null ? null : encodeCursor(after) };
      const body = await run.graphql(LIST, variables);
      if (body.errors) problems.push(`list ${JSON.stringify(variables)}: ${JSON.stringify(body.errors)}`);
      problems.push(...checkTypes(schema, LIST, body.data).map((line) => `list: ${line}`));
      snapshots += (body.data?.snapshots as { nodes: unknown[] } | undefined)?.nodes.length ?? 0;
      const id = encodeSnapshotId({ list, projectId: p, clusterName: c, snapshotId: p });
      const one = await run.graphql(NODE, { id });
      const node = one.data?.node as { __typename?: unknown } | null | undefined;
      if (one.errors || node?.__typename !== 'BackupSnapshot') problems.push(`node ${id}: ${JSON.stringify(one)}`);
      problems.push(...checkTypes(schema, NODE, one.data).map((line) => `node: ${line}`));
    });
    const counts = tally(upstream.slice(before));
    expect({ seed: SEED, problems: problems.slice(0, 20), problemCount: problems.length }).toEqual({ seed: SEED, problems: [], problemCount: 0 });
    // Only this list's two operations reached Prism, and Prism accepted every request (a window may take two pages).
    const operations = Object.keys(counts).sort();
    const get = operations.find((o) => o.startsWith('get'))!;
    const listed = operations.find((o) => o.startsWith('list'))!;
    expect([operations.length, get.endsWith(' 200'), listed.endsWith(' 200'), counts[get]]).toEqual([2, true, true, ITERATIONS]);
    expect(counts[listed]).toBeGreaterThanOrEqual(ITERATIONS);
    expect(snapshots).toBeGreaterThan(0);
  }, 60_000);

  it("Prism's own snapshot bodies conform to the spec", async () => {
    const contract = loadContract({ specPath: SNAPSHOTS_SPEC_PATH });
    const P = '0123456789abcdef01234567';
    const observed: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      for (const list of SNAPSHOT_LISTS) {
        const definition = SNAPSHOT_LIST_DEFINITIONS[list];
        const at = { list, projectId: P, clusterName: 'cluster-0' };
        for (const path of [definition.listPath(at), definition.onePath(at, P)]) {
          const res = await request(`${run.prism.url}/api/atlas/v2${path}`, { dispatcher: agent, headers: { accept: definition.mediaType, authorization: PRISM_CREDENTIAL } });
          const body: unknown = await res.body.json();
          const check = contract.checkResponse({ method: 'GET', path: `/api/atlas/v2${path}`, status: res.statusCode, contentType: String(res.headers['content-type']), body });
          observed.push(...check.errors.map((line) => `${path} ${line}`), ...(res.statusCode === 200 ? [] : [`${path} status ${res.statusCode}`]));
        }
      }
    }
    expect(observed).toEqual([]);
  }, 60_000);
});
