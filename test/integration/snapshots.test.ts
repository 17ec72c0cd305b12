import { ClusterKindCache } from '../../src/clusters/ClusterKindCache';
import { DEMO, FOREIGN_PROJECT_ID, type SeedSnapshot } from '../../src/simulator';
import { encodeGlobalId } from '../../src/restoreJobs/globalId';
import { startHarness, type Harness } from '../support/harness';
import { metricValue, scrape } from '../support/metrics';

/**
 * `snapshots(...)` and `Cluster.snapshots` (issue 13, item 2) through the real server against the simulator's snapshot
 * lists (snapshots.openapi.yaml): whole results per list, the status and type vocabularies, paging across Atlas's
 * pages, discovery, `node(id:)`, and the failures that null only their own field. Upstream calls are counted.
 */

const P = DEMO.projectId;
const O = FOREIGN_PROJECT_ID;
const UNKNOWN_PROJECT = '000000000000000000000000';
const FIELDS = 'id snapshotId kind projectId clusterName status atlasStatus createdAt expiresAt type sizeBytes mongoDBVersion';
const DAYS = ['2026-01-21', '2026-01-20', '2026-01-19', '2026-01-18'];

/** A snapshot's global id, spelt out (base64url of `BackupSnapshot:<list>:<project>:<cluster>:<snapshot>`). */
const gid = (list: string, projectId: string, cluster: string, id: string): string => Buffer.from(`BackupSnapshot:${list}:${projectId}:${cluster}:${id}`).toString('base64url');

/** The simulator's calls as `METHOD path?query status`. */
function calls(h: Harness): string[] {
  return h.sim.calls.map((c) => `${c.method} ${c.path.replace(`/api/atlas/v2/groups/${P}`, '')}${Object.keys(c.query).length ? `?${new URLSearchParams(c.query).toString()}` : ''} ${c.status}`);
}

describe('snapshots: whole results per list', () => {
  let h: Harness;
  const clusterKinds = new ClusterKindCache();
  beforeAll(async () => {
    h = await startHarness({ deps: { clusterKinds } });
  });
  afterAll(() => h.stop());
  beforeEach(() => {
    h.sim.resetCalls();
    clusterKinds.clear();
  });
  const ids = (cluster: string) => h.sim.snapshots.of(P, cluster).map((s) => s.body.id!);

  it('a Cloud Backup replica set: discovery, then the replica-set list; every field mapped', async () => {
    const name = DEMO.clusters.CLOUD_BACKUP;
    const r = await h.query(`{ snapshots(projectId: "${P}", clusterName: "${name}") { totalCount pageInfo { hasNextPage hasPreviousPage } nodes { ${FIELDS} } } }`);
    const node = (i: number, status: string, atlasStatus: string, type: string, sizeBytes: number) => ({
      id: gid('CLOUD_BACKUP_REPLICA_SET', P, name, ids(name)[i]!),
      snapshotId: ids(name)[i],
      kind: 'CLOUD_BACKUP',
      projectId: P,
      clusterName: name,
      status,
      atlasStatus,
      createdAt: `${DAYS[i]}T06:00:00.000Z`,
      expiresAt: `2026-01-${28 - i}T06:00:00.000Z`,
      type,
      sizeBytes,
      mongoDBVersion: '8.0.4',
    });
    expect(r).toEqual({
      data: {
        snapshots: {
          totalCount: 4,
          pageInfo: { hasNextPage: false, hasPreviousPage: false },
          nodes: [
            node(0, 'IN_PROGRESS', 'inProgress', 'SCHEDULED', 2_600_000_000),
            node(1, 'COMPLETED', 'completed', 'SCHEDULED', 2_637_000_000),
            node(2, 'COMPLETED', 'completed', 'SCHEDULED', 2_674_000_000),
            node(3, 'COMPLETED', 'completed', 'ON_DEMAND', 2_711_000_000),
          ],
        },
      },
    });
    expect(calls(h)).toEqual([`GET /clusters/${name} 200`, `GET /clusters/${name}/backup/snapshots?pageNum=1&itemsPerPage=21&includeCount=true 200`]);
  });

  it('a sharded cluster: its snapshots come from the sharded list, which takes no paging; sizes pass 2^31', async () => {
    const name = DEMO.today.sharded;
    const r = await h.query(`{ snapshots(projectId: "${P}", clusterName: "${name}", kind: CLOUD_BACKUP) { totalCount nodes { id snapshotId status atlasStatus createdAt type sizeBytes } } }`);
    const node = (i: number, status: string, type: string, sizeBytes: number) => ({
      id: gid('CLOUD_BACKUP_SHARDED', P, name, ids(name)[i]!),
      snapshotId: ids(name)[i],
      status,
      atlasStatus: status === 'COMPLETED' ? 'completed' : 'inProgress',
      createdAt: `${DAYS[i]}T06:00:00.000Z`,
      type,
      sizeBytes,
    });
    expect(r).toEqual({
      data: {
        snapshots: {
          totalCount: 4,
          nodes: [
            node(0, 'IN_PROGRESS', 'SCHEDULED', 7_800_000_000),
            node(1, 'COMPLETED', 'SCHEDULED', 7_911_000_000),
            node(2, 'COMPLETED', 'SCHEDULED', 8_022_000_000),
            node(3, 'COMPLETED', 'ON_DEMAND', 8_133_000_000),
          ],
        },
      },
    });
    expect(calls(h)).toEqual([`GET /clusters/${name} 200`, `GET /clusters/${name}/backup/snapshots/shardedClusters 200`]);
  });

  it('a flex cluster: discovery through the flex API, then the flex list (RUNNING is IN_PROGRESS; no size)', async () => {
    const name = DEMO.clusters.FLEX;
    const r = await h.query(`{ snapshots(projectId: "${P}", clusterName: "${name}", first: 2) { totalCount pageInfo { hasNextPage } nodes { ${FIELDS} } } }`);
    const node = (i: number, status: string, atlasStatus: string) => ({
      id: gid('FLEX', P, name, ids(name)[i]!),
      snapshotId: ids(name)[i],
      kind: 'FLEX',
      projectId: P,
      clusterName: name,
      status,
      atlasStatus,
      createdAt: `${DAYS[i]}T06:00:30.000Z`,
      expiresAt: `2026-01-${29 - i}T06:00:00.000Z`,
      type: 'SCHEDULED',
      sizeBytes: null,
      mongoDBVersion: '8.0.4',
    });
    expect(r).toEqual({ data: { snapshots: { totalCount: 4, pageInfo: { hasNextPage: true }, nodes: [node(0, 'IN_PROGRESS', 'RUNNING'), node(1, 'COMPLETED', 'COMPLETED')] } } });
    expect(calls(h)).toEqual([
      `GET /clusters/${name} 400`,
      `GET /flexClusters/${name} 200`,
      `GET /flexClusters/${name}/backup/snapshots?pageNum=1&itemsPerPage=3&includeCount=true 200`,
    ]);
  });

  it('a Legacy Backup cluster, named: one call, every snapshot asked for (completed=all), the in-progress one included', async () => {
    const name = DEMO.clusters.LEGACY_BACKUP;
    const r = await h.query(`{ snapshots(projectId: "${P}", clusterName: "${name}", kind: LEGACY_BACKUP) { totalCount nodes { ${FIELDS} } } }`);
    const node = (i: number, status: string, sizeBytes: number, expiresAt: string | null) => ({
      id: gid('LEGACY_BACKUP', P, name, ids(name)[i]!),
      snapshotId: ids(name)[i],
      kind: 'LEGACY_BACKUP',
      projectId: P,
      clusterName: name,
      status,
      atlasStatus: null,
      createdAt: `${DAYS[i]}T06:00:00.000Z`,
      expiresAt,
      type: 'SCHEDULED',
      sizeBytes,
      mongoDBVersion: '8.0.4',
    });
    expect(r).toEqual({
      data: {
        snapshots: {
          totalCount: 4,
          nodes: [
            node(0, 'IN_PROGRESS', 1_040_000_000, '2026-01-28T06:00:00.000Z'),
            node(1, 'COMPLETED', 1_054_800_000, '2026-01-27T06:00:00.000Z'),
            node(2, 'COMPLETED', 1_069_600_000, '2026-01-26T06:00:00.000Z'),
            // The on-demand legacy snapshot is kept (`doNotDelete`), so it has no `expires`.
            node(3, 'COMPLETED', 1_084_400_000, null),
          ],
        },
      },
    });
    expect(calls(h)).toEqual([`GET /clusters/${name}/snapshots?completed=all&pageNum=1&itemsPerPage=21&includeCount=true 200`]);
  });

  it('retired kinds: a former M2 named SHARED_TIER is listed by its flex list; clusters a retired API still serves are KIND_RETIRED; a free cluster has none', async () => {
    const r = await h.query(`{
      formerM2: snapshots(projectId: "${P}", clusterName: "${DEMO.today.formerM2}", kind: SHARED_TIER) { totalCount nodes { kind } }
      formerServerless: snapshots(projectId: "${P}", clusterName: "${DEMO.today.formerServerless}", kind: SERVERLESS) { totalCount nodes { kind } }
      m2: snapshots(projectId: "${P}", clusterName: "${DEMO.clusters.SHARED_TIER}") { totalCount }
      serverless: snapshots(projectId: "${P}", clusterName: "${DEMO.clusters.SERVERLESS}", kind: SERVERLESS) { totalCount }
      free: snapshots(projectId: "${P}", clusterName: "${DEMO.today.free}") { totalCount nodes { id } }
    }`);
    const retired = (name: string, kind: string, line: number, path: string) => ({
      message: `"${name}" is still served by the retired ${kind} API, whose snapshots Atlas's snapshot APIs do not list; once Atlas has migrated it (to flex or a dedicated cluster), its snapshots are listed.`,
      locations: [{ line, column: 7 }],
      path: [path],
      extensions: { code: 'KIND_RETIRED' },
    });
    expect(r).toEqual({
      data: {
        formerM2: { totalCount: 4, nodes: Array(4).fill({ kind: 'FLEX' }) },
        formerServerless: { totalCount: 4, nodes: Array(4).fill({ kind: 'CLOUD_BACKUP' }) },
        m2: null,
        serverless: null,
        free: { totalCount: 0, nodes: [] },
      },
      errors: [retired(DEMO.clusters.SHARED_TIER, 'SHARED_TIER', 4, 'm2'), retired(DEMO.clusters.SERVERLESS, 'SERVERLESS', 5, 'serverless')],
    });
    // Lookups and the two successors' lists: no snapshot list of a retired API is ever asked for.
    expect(calls(h).filter((c) => c.includes('snapshots')).sort()).toEqual([
      `GET /clusters/${DEMO.today.formerServerless}/backup/snapshots?pageNum=1&itemsPerPage=21&includeCount=true 200`,
      `GET /flexClusters/${DEMO.today.formerM2}/backup/snapshots?pageNum=1&itemsPerPage=21&includeCount=true 200`,
    ]);
  });

  it('labels the upstream calls with the snapshots route (metrics)', async () => {
    await h.query(`{ snapshots(projectId: "${P}", clusterName: "${DEMO.clusters.LEGACY_BACKUP}", kind: LEGACY_BACKUP, first: 1) { totalCount } }`);
    const text = await scrape(h.gateway);
    expect(metricValue(text, 'atlas_upstream_requests_total', 'kind="LEGACY_BACKUP",operation="snapshots",status="200"')).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain('kind="other"');
  });
});

describe('snapshots: the status and type vocabularies, through the server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    const set = (cluster: string, snapshots: SeedSnapshot[]) => h.sim.snapshots.of(O, cluster).splice(0, Infinity, ...snapshots);
    const id = (n: number) => `6a0000000000000000000${String(n).padStart(3, '0')}`;
    set('dedicated-cluster-1', [
      { shape: 'replicaSet', body: { id: id(1), status: 'queued', snapshotType: 'fallback', createdAt: '2026-02-01T00:00:00Z' } },
      { shape: 'replicaSet', body: { id: id(2), status: 'failed', snapshotType: 'onDemand', storageSizeBytes: 9_007_199_254_740_991 } },
      { shape: 'replicaSet', body: { id: id(3), status: 'exploding', snapshotType: 'continuous' } },
      { shape: 'replicaSet', body: { id: id(4) } },
      // No usable id: left out, the list still served.
      { shape: 'replicaSet', body: { id: 'not-an-id', status: 'completed' } },
    ]);
    set('flex-cluster-1', [
      { shape: 'flex', body: { id: id(11), status: 'PENDING', scheduledTime: '2026-02-01T00:00:00Z' } },
      { shape: 'flex', body: { id: id(12), status: 'QUEUED' } },
      { shape: 'flex', body: { id: id(13), status: 'FAILED' } },
      { shape: 'flex', body: { id: id(14), status: 'DEFROSTING' } },
    ]);
    set('legacy-cluster-1', [
      { shape: 'legacy', body: { id: id(21), complete: false, parts: [{ storageSizeBytes: 2_000_000_000 }, { storageSizeBytes: 2_000_000_000 }, { mongodVersion: '7.0.2' }] } },
      { shape: 'legacy', body: { id: id(22) } },
    ]);
  });
  afterAll(() => h.stop());

  it('maps Cloud Backup, flex and legacy words, keeping an unknown word in atlasStatus', async () => {
    const r = await h.query(`{
      cloud: snapshots(projectId: "${O}", clusterName: "dedicated-cluster-1", kind: CLOUD_BACKUP) { totalCount nodes { snapshotId status atlasStatus type createdAt sizeBytes } }
      flex: snapshots(projectId: "${O}", clusterName: "flex-cluster-1", kind: FLEX) { nodes { status atlasStatus type createdAt } }
      legacy: snapshots(projectId: "${O}", clusterName: "legacy-cluster-1", kind: LEGACY_BACKUP) { nodes { status atlasStatus sizeBytes mongoDBVersion } }
    }`);
    expect(r).toEqual({
      data: {
        cloud: {
          totalCount: 5,
          nodes: [
            { snapshotId: '6a0000000000000000000001', status: 'QUEUED', atlasStatus: 'queued', type: 'FALLBACK', createdAt: '2026-02-01T00:00:00.000Z', sizeBytes: null },
            { snapshotId: '6a0000000000000000000002', status: 'FAILED', atlasStatus: 'failed', type: 'ON_DEMAND', createdAt: null, sizeBytes: 9_007_199_254_740_991 },
            { snapshotId: '6a0000000000000000000003', status: 'UNKNOWN', atlasStatus: 'exploding', type: 'UNKNOWN', createdAt: null, sizeBytes: null },
            { snapshotId: '6a0000000000000000000004', status: 'UNKNOWN', atlasStatus: null, type: 'UNKNOWN', createdAt: null, sizeBytes: null },
          ],
        },
        flex: {
          nodes: [
            { status: 'QUEUED', atlasStatus: 'PENDING', type: 'SCHEDULED', createdAt: '2026-02-01T00:00:00.000Z' },
            { status: 'QUEUED', atlasStatus: 'QUEUED', type: 'SCHEDULED', createdAt: null },
            { status: 'FAILED', atlasStatus: 'FAILED', type: 'SCHEDULED', createdAt: null },
            { status: 'UNKNOWN', atlasStatus: 'DEFROSTING', type: 'SCHEDULED', createdAt: null },
          ],
        },
        legacy: {
          nodes: [
            { status: 'IN_PROGRESS', atlasStatus: null, sizeBytes: 4_000_000_000, mongoDBVersion: '7.0.2' },
            { status: 'UNKNOWN', atlasStatus: null, sizeBytes: null, mongoDBVersion: null },
          ],
        },
      },
    });
  });
});

describe('snapshots: paging across Atlas pages, Cluster.snapshots, node(id:), failures', () => {
  let h: Harness;
  const clusterKinds = new ClusterKindCache();
  const PAGED = DEMO.today.formerServerless;
  beforeAll(async () => {
    h = await startHarness({ deps: { clusterKinds } });
    const list = h.sim.snapshots.of(P, PAGED);
    const template = list[1]!;
    // 30 snapshots in all: the 4 seeded ones, then 26 older copies with ids of their own.
    for (let i = 0; i < 26; i += 1) {
      if (template.shape !== 'replicaSet') throw new Error('a replica-set cluster expected');
      list.push({ shape: 'replicaSet', body: { ...template.body, id: `6b00000000000000000000${String(i).padStart(2, '0')}` } });
    }
  });
  afterAll(() => h.stop());
  beforeEach(() => {
    h.sim.resetCalls();
    clusterKinds.clear();
  });

  it('walks 30 snapshots in windows of 12 with first/after: every one once, in order, one list call per window', async () => {
    const seen: string[] = [];
    const windows: unknown[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i += 1) {
      const r = await h.query(`query($after: String) { snapshots(projectId: "${P}", clusterName: "${PAGED}", kind: CLOUD_BACKUP, first: 12, after: $after) { totalCount edges { cursor node { snapshotId } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`, { after });
      const page = (r.data as { snapshots: { edges: { cursor: string; node: { snapshotId: string } }[]; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null }; totalCount: number } }).snapshots;
      expect(r.errors).toBeUndefined();
      seen.push(...page.edges.map((e) => e.node.snapshotId));
      windows.push([page.edges.length, page.pageInfo.hasPreviousPage, page.pageInfo.hasNextPage, page.totalCount, page.pageInfo.startCursor === page.edges[0]?.cursor]);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(windows).toEqual([
      [12, false, true, 30, true],
      [12, true, true, 30, true],
      [6, true, false, 30, true],
    ]);
    expect(seen).toEqual(h.sim.snapshots.of(P, PAGED).map((s) => s.body.id));
    // One lookup (the cluster's type), then one Atlas page per window, the smallest that holds the window and the item
    // after it ([0, 13) in a page of 13, [12, 25) in the first page of 25, [24, 31) in the second page of 19).
    expect(calls(h)).toEqual([
      `GET /clusters/${PAGED} 200`,
      `GET /clusters/${PAGED}/backup/snapshots?pageNum=1&itemsPerPage=13&includeCount=true 200`,
      `GET /clusters/${PAGED}/backup/snapshots?pageNum=1&itemsPerPage=25&includeCount=true 200`,
      `GET /clusters/${PAGED}/backup/snapshots?pageNum=2&itemsPerPage=19&includeCount=true 200`,
    ]);
  });

  it('pages the unpaged sharded list in the gateway: opaque cursors, one whole-list call per window', async () => {
    const name = DEMO.today.sharded;
    const first = await h.query(`{ snapshots(projectId: "${P}", clusterName: "${name}", first: 3) { nodes { snapshotId } pageInfo { hasNextPage endCursor } } }`);
    const end = (first.data as { snapshots: { pageInfo: { endCursor: string } } }).snapshots.pageInfo.endCursor;
    const next = await h.query(`query($after: String) { snapshots(projectId: "${P}", clusterName: "${name}", first: 3, after: $after) { nodes { snapshotId } pageInfo { hasNextPage hasPreviousPage } } }`, { after: end });
    const ids = h.sim.snapshots.of(P, name).map((s) => ({ snapshotId: s.body.id }));
    expect([first, next]).toEqual([
      { data: { snapshots: { nodes: ids.slice(0, 3), pageInfo: { hasNextPage: true, endCursor: end } } } },
      { data: { snapshots: { nodes: ids.slice(3), pageInfo: { hasNextPage: false, hasPreviousPage: true } } } },
    ]);
    // The second request knows the cluster (the process's memory): only the list.
    expect(calls(h)).toEqual([`GET /clusters/${name} 200`, `GET /clusters/${name}/backup/snapshots/shardedClusters 200`, `GET /clusters/${name}/backup/snapshots/shardedClusters 200`]);
  });

  it('Cluster.snapshots reads the list the description names, with no second lookup; a named kind reaches legacy snapshots', async () => {
    const r = await h.query(`{
      sharded: cluster(projectId: "${P}", name: "${DEMO.today.sharded}") { kind clusterType snapshots(first: 1) { totalCount nodes { id } } }
      legacy: cluster(projectId: "${P}", name: "${DEMO.clusters.LEGACY_BACKUP}") { kind discovered: snapshots { totalCount } legacy: snapshots(kind: LEGACY_BACKUP, first: 1) { totalCount nodes { status } } }
    }`);
    const sharded = h.sim.snapshots.of(P, DEMO.today.sharded)[0]!.body.id!;
    expect(r).toEqual({
      data: {
        sharded: { kind: 'CLOUD_BACKUP', clusterType: 'SHARDED', snapshots: { totalCount: 4, nodes: [{ id: gid('CLOUD_BACKUP_SHARDED', P, DEMO.today.sharded, sharded) }] } },
        // Discovery calls a Legacy Backup cluster CLOUD_BACKUP: it has no Cloud Backup snapshots.
        legacy: { kind: 'CLOUD_BACKUP', discovered: { totalCount: 0 }, legacy: { totalCount: 4, nodes: [{ status: 'IN_PROGRESS' }] } },
      },
    });
    expect(calls(h).sort()).toEqual(
      [
        `GET /clusters/${DEMO.today.sharded} 200`,
        `GET /clusters/${DEMO.today.sharded}/backup/snapshots/shardedClusters 200`,
        `GET /clusters/${DEMO.clusters.LEGACY_BACKUP} 200`,
        `GET /clusters/${DEMO.clusters.LEGACY_BACKUP}/backup/snapshots?pageNum=1&itemsPerPage=21&includeCount=true 200`,
        `GET /clusters/${DEMO.clusters.LEGACY_BACKUP}/snapshots?completed=all&pageNum=1&itemsPerPage=2&includeCount=true 200`,
      ].sort(),
    );
  });

  it('an unknown cluster or project is NOT_FOUND (with the Atlas errorCode when Atlas gave one), nulling only its field', async () => {
    const r = await h.query(`{
      ok: snapshots(projectId: "${P}", clusterName: "${DEMO.clusters.FLEX}", first: 1) { totalCount }
      noCluster: snapshots(projectId: "${P}", clusterName: "no-such-cluster") { totalCount }
      noClusterNamed: snapshots(projectId: "${P}", clusterName: "no-such-cluster", kind: LEGACY_BACKUP) { totalCount }
      noFlexNamed: snapshots(projectId: "${P}", clusterName: "no-such-cluster", kind: FLEX) { totalCount }
      noProject: snapshots(projectId: "${UNKNOWN_PROJECT}", clusterName: "x") { totalCount }
    }`);
    const atlas = (line: number, path: string, errorCode: string, detail: string) => ({
      message: 'Atlas has no such resource.',
      locations: [{ line, column: 7 }],
      path: [path],
      extensions: { code: 'NOT_FOUND', atlas: { status: 404, errorCode, detail } },
    });
    expect(r).toEqual({
      data: { ok: { totalCount: 4 }, noCluster: null, noClusterNamed: null, noFlexNamed: null, noProject: null },
      errors: expect.arrayContaining([
        { message: 'Atlas knows no cluster or flex cluster named "no-such-cluster" in this project.', locations: [{ line: 3, column: 7 }], path: ['noCluster'], extensions: { code: 'NOT_FOUND' } },
        atlas(4, 'noClusterNamed', 'CLUSTER_NOT_FOUND', `No cluster named no-such-cluster exists in group ${P}.`),
        atlas(5, 'noFlexNamed', 'FLEX_CLUSTER_NOT_FOUND', `Flex cluster no-such-cluster cannot be found in group ${P}.`),
        atlas(6, 'noProject', 'GROUP_NOT_FOUND', `No group with ID ${UNKNOWN_PROJECT} exists.`),
      ]),
    });
    expect(r.errors).toHaveLength(4);
  });

  it('node(id:) reads a snapshot again with one call; an unknown snapshot of a known cluster is null; a malformed id is BAD_USER_INPUT', async () => {
    const snapshot = h.sim.snapshots.of(P, DEMO.clusters.FLEX)[1]!.body.id!;
    const job = h.sim.seed.projects[0]!.clusters.find((c) => c.name === DEMO.clusters.FLEX)!.flex![0]!.id!;
    const id = gid('FLEX', P, DEMO.clusters.FLEX, snapshot);
    const missing = gid('FLEX', P, DEMO.clusters.FLEX, '0123456789abcdef01234567');
    const bad = Buffer.from(`BackupSnapshot:NO_SUCH_LIST:${P}:x:${snapshot}`).toString('base64url');
    const r = await h.query(`query($id: ID!, $ids: [ID!]!, $bad: ID!) {
      node(id: $id) { id ... on BackupSnapshot { snapshotId kind status } }
      nodes(ids: $ids) { __typename id }
      bad: node(id: $bad) { id }
    }`, { id, ids: [missing, encodeGlobalId({ kind: 'FLEX', projectId: P, clusterName: DEMO.clusters.FLEX, jobId: job })], bad });
    expect(r).toEqual({
      data: {
        node: { id, snapshotId: snapshot, kind: 'FLEX', status: 'COMPLETED' },
        nodes: [null, { __typename: 'FlexRestoreJob', id: encodeGlobalId({ kind: 'FLEX', projectId: P, clusterName: DEMO.clusters.FLEX, jobId: job }) }],
        bad: null,
      },
      errors: [{ message: `"${bad.slice(0, 64)}" is not an id of this graph.`, locations: [{ line: 4, column: 7 }], path: ['bad'], extensions: { code: 'BAD_USER_INPUT', argument: 'id' } }],
    });
    expect(calls(h).filter((c) => c.includes('/backup/snapshots')).sort()).toEqual(
      [`GET /flexClusters/${DEMO.clusters.FLEX}/backup/snapshots/${snapshot} 200`, `GET /flexClusters/${DEMO.clusters.FLEX}/backup/snapshots/0123456789abcdef01234567 404`].sort(),
    );
  });

  it('a full 500-snapshot page of every field passes the default limits (static field cost and GRAPHQL_MAX_COST), literal or variable', async () => {
    const selection = `totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { ${FIELDS} } } nodes { ${FIELDS} }`;
    const literal = await h.query(`{ snapshots(projectId: "${P}", clusterName: "${PAGED}", kind: CLOUD_BACKUP, first: 500) { ${selection} } }`);
    const variable = await h.query(`query($n: Int) { snapshots(projectId: "${P}", clusterName: "${PAGED}", kind: CLOUD_BACKUP, first: $n) { ${selection} } }`, { n: 500 });
    const page = literal.data?.snapshots as { nodes: unknown[]; pageInfo: { hasNextPage: boolean } } | undefined;
    expect([literal.errors, page?.nodes.length, page?.pageInfo.hasNextPage]).toEqual([undefined, 30, false]);
    expect(variable).toEqual(literal);
  });

  it("the README's flow: a COMPLETED snapshot of the list starts a download restore, an IN_PROGRESS one is refused (one store of snapshots)", async () => {
    const listed = await h.query(`{ snapshots(projectId: "${P}", clusterName: "${DEMO.clusters.FLEX}", first: 2) { nodes { snapshotId kind status } } }`);
    const [running, done] = (listed.data as { snapshots: { nodes: { snapshotId: string; kind: string; status: string }[] } }).snapshots.nodes;
    const start = (snapshot: { snapshotId: string; kind: string }, key: string) =>
      h.query(`mutation($input: StartDownloadRestoreInput!) { startDownloadRestore(input: $input) { restoreJob { kind snapshotId } userErrors { code } } }`, {
        input: { idempotencyKey: key, projectId: P, clusterName: DEMO.clusters.FLEX, kind: snapshot.kind, snapshotId: snapshot.snapshotId },
      });
    expect([running!.status, done!.status, await start(done!, 'snapshots-flow-1'), await start(running!, 'snapshots-flow-2')]).toEqual([
      'IN_PROGRESS',
      'COMPLETED',
      { data: { startDownloadRestore: { restoreJob: { kind: 'FLEX', snapshotId: done!.snapshotId }, userErrors: [] } } },
      { data: { startDownloadRestore: { restoreJob: null, userErrors: [{ code: 'SNAPSHOT_NOT_READY' }] } } },
    ]);
  });

  it('refuses a bad cursor or a negative first as BAD_USER_INPUT before any upstream call', async () => {
    const r = await h.query(`{
      a: snapshots(projectId: "${P}", clusterName: "${DEMO.clusters.FLEX}", after: "nope") { totalCount }
      b: snapshots(projectId: "${P}", clusterName: "${DEMO.clusters.FLEX}", first: -1) { totalCount }
    }`);
    expect(r).toEqual({
      data: { a: null, b: null },
      errors: [
        { message: '`after` is not a valid cursor for this connection.', locations: [{ line: 2, column: 7 }], path: ['a'], extensions: { code: 'BAD_USER_INPUT', argument: 'after' } },
        { message: '`first` must be a non-negative integer, got -1.', locations: [{ line: 3, column: 7 }], path: ['b'], extensions: { code: 'BAD_USER_INPUT', argument: 'first' } },
      ],
    });
    expect(h.sim.calls).toEqual([]);
  });
});

describe('snapshots with MONGODB_ATLAS_API_VERSION=v1.0', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ apiVersion: 'v1.0' });
  });
  afterAll(() => h.stop());

  it('stay on v2, where the snapshot lists live (restore jobs go to v1.0)', async () => {
    const r = await h.query(`{
      snapshots(projectId: "${P}", clusterName: "${DEMO.clusters.LEGACY_BACKUP}", kind: LEGACY_BACKUP, first: 1) { totalCount }
      restoreJobs(projectId: "${P}", clusterName: "${DEMO.clusters.LEGACY_BACKUP}", kind: LEGACY_BACKUP, first: 1) { totalCount }
    }`);
    const jobs = h.sim.seed.projects[0]!.clusters.find((c) => c.name === DEMO.clusters.LEGACY_BACKUP)!.legacy!.length;
    expect(r).toEqual({ data: { snapshots: { totalCount: 4 }, restoreJobs: { totalCount: jobs } } });
    expect(h.sim.calls.map((c) => `${c.path.split('/groups/')[0]} ${c.path.endsWith('/snapshots') ? 'snapshots' : 'restoreJobs'} ${c.accept}`).sort()).toEqual([
      '/api/atlas/v1.0 restoreJobs application/json',
      '/api/atlas/v2 snapshots application/vnd.atlas.2023-01-01+json',
    ]);
  });
});
