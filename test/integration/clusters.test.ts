import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClusterKindCache } from '../../src/clusters/ClusterKindCache';
import { buildBigProject, createDemoSeed, DEMO } from '../../src/simulator';
import { startHarness, type Harness } from '../support/harness';
import { metricValue, scrape } from '../support/metrics';

/**
 * `clusters(projectId, first, after)`, the project view's cluster list, and the `Cluster` fields read from a
 * description (`stateName`, `mongoDBVersion`, `paused`, `pitEnabled`, `createdAt`), with the real server against the
 * simulator: whole answers, upstream calls counted.
 */
const P = DEMO.projectId;
const UNKNOWN_PROJECT = '000000000000000000000000';
const LISTS = [`GET /api/atlas/v2/groups/${P}/clusters 200`, `GET /api/atlas/v2/groups/${P}/flexClusters 200`];
const FIELDS = 'projectId name kind tier clusterType backupEnabled stateName mongoDBVersion paused pitEnabled createdAt';

/** A dedicated cluster as the simulator describes it by default (created 2024-01-02, 8.0.4, IDLE, not paused). */
const dedicated = (name: string, over: Record<string, unknown> = {}) => ({
  projectId: P,
  name,
  kind: 'CLOUD_BACKUP',
  tier: 'M30',
  clusterType: 'REPLICASET',
  backupEnabled: true,
  stateName: 'IDLE',
  mongoDBVersion: '8.0.4',
  paused: false,
  pitEnabled: false,
  createdAt: '2024-01-02T03:04:05.000Z',
  ...over,
});
const flex = (name: string) => ({
  projectId: P,
  name,
  kind: 'FLEX',
  tier: 'FLEX',
  clusterType: 'REPLICASET',
  backupEnabled: true,
  stateName: 'IDLE',
  mongoDBVersion: '8.0.4',
  paused: null,
  pitEnabled: null,
  createdAt: '2025-02-01T00:00:00.000Z',
});

/** The demo project's clusters as `clusters` lists them: the clusters API's list, then the flex clusters it lacks. */
const DEMO_CLUSTERS = [
  dedicated(DEMO.clusters.LEGACY_BACKUP, { backupEnabled: false }),
  dedicated(DEMO.clusters.SHARED_TIER, { kind: 'SHARED_TIER', tier: 'M2' }),
  dedicated(DEMO.bigCluster.name, { backupEnabled: false }),
  dedicated(DEMO.clusters.CLOUD_BACKUP, { pitEnabled: true }),
  dedicated(DEMO.today.sharded, { tier: 'M40', clusterType: 'SHARDED' }),
  dedicated(DEMO.today.formerServerless, { tier: 'M10' }),
  dedicated(DEMO.today.free, { kind: null, tier: 'M0', backupEnabled: false }),
  flex(DEMO.clusters.FLEX),
  flex(DEMO.today.formerM2),
];

/**
 * A gateway for the describe block, with a kind cache of its own emptied before each test (as are the simulator's
 * recorded calls), and the calls as `METHOD path status` lines.
 */
function useClusterHarness(): { clusterKinds: ClusterKindCache; harness: () => Harness; calls: () => string[] } {
  const clusterKinds = new ClusterKindCache();
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ deps: { clusterKinds } });
  });
  afterAll(() => h.stop());
  beforeEach(() => {
    clusterKinds.clear();
    h.sim.resetCalls();
  });
  return { clusterKinds, harness: () => h, calls: () => h.sim.calls.map((c) => `${c.method} ${c.path} ${c.status}`) };
}

describe('clusters(projectId, first, after): every cluster of a project', () => {
  const setup = useClusterHarness();
  const { clusterKinds, calls } = setup;
  let h: Harness;
  beforeAll(() => {
    h = setup.harness();
  });

  it('lists both lists, each cluster once, free and shared-tier ones included, with the description fields, in two calls', async () => {
    const r = await h.query(`{ clusters(projectId: "${P}", first: 50) { totalCount nodes { ${FIELDS} } pageInfo { hasNextPage hasPreviousPage } } }`);
    expect(r).toEqual({ data: { clusters: { totalCount: 9, nodes: DEMO_CLUSTERS, pageInfo: { hasNextPage: false, hasPreviousPage: false } } } });
    // The two lists are read at once.
    expect(calls().sort()).toEqual(LISTS);
  });

  it('lists a flex cluster that both lists hold once, where the clusters API put it', async () => {
    const cluster = h.sim.seed.projects[0]!.clusters.find((c) => c.name === DEMO.clusters.FLEX)!;
    cluster.description = { viaClustersApi: true };
    try {
      const r = await h.query(`{ clusters(projectId: "${P}") { totalCount nodes { name kind tier paused } } }`);
      const names = DEMO_CLUSTERS.map((c) => c.name);
      const order = [...names.slice(0, 2), DEMO.clusters.FLEX, ...names.slice(2, 7), DEMO.today.formerM2];
      expect(r).toEqual({
        data: {
          clusters: {
            totalCount: 9,
            nodes: order.map((name) => {
              const c = DEMO_CLUSTERS.find((x) => x.name === name)!;
              // The clusters API's description of a flex cluster has `paused` (the flex API's has not).
              return { name, kind: c.kind, tier: c.tier, paused: name === DEMO.clusters.FLEX ? false : c.paused };
            }),
          },
        },
      });
    } finally {
      delete cluster.description;
    }
  });

  it('pages with first/after across Atlas pages of the big project: opaque cursors, no cluster repeated or skipped', async () => {
    const BIG = DEMO.bigProject;
    const PAGE = `query($after: String) { clusters(projectId: "${BIG.projectId}", first: 7, after: $after) { totalCount edges { cursor node { name } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    const h2 = await startHarness({ simulator: { seed: { projects: [buildBigProject()] } } });
    try {
      const seen: string[] = [];
      let after: string | null = null;
      const pages: { hasNextPage: boolean; hasPreviousPage: boolean }[] = [];
      for (let i = 0; i < 10; i += 1) {
        const r = await h2.query(PAGE, { after });
        expect(r.errors).toBeUndefined();
        const page = (r.data as { clusters: { totalCount: number; edges: { cursor: string; node: { name: string } }[]; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string } } }).clusters;
        expect([page.totalCount, page.pageInfo.startCursor, page.pageInfo.endCursor]).toEqual([32, page.edges[0]!.cursor, page.edges.at(-1)!.cursor]);
        // Cursors are opaque: no bare offset in them.
        expect(page.edges.filter((e) => /^\d+$/.test(e.cursor))).toEqual([]);
        seen.push(...page.edges.map((e) => e.node.name));
        pages.push({ hasNextPage: page.pageInfo.hasNextPage, hasPreviousPage: page.pageInfo.hasPreviousPage });
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual(BIG.clusterNames.filter((name) => name !== BIG.flexInBothLists).concat(BIG.flexInBothLists).sort((a, b) => order(a) - order(b)));
      expect(pages).toEqual([
        { hasNextPage: true, hasPreviousPage: false },
        { hasNextPage: true, hasPreviousPage: true },
        { hasNextPage: true, hasPreviousPage: true },
        { hasNextPage: true, hasPreviousPage: true },
        { hasNextPage: false, hasPreviousPage: true },
      ]);
      // Five pages, one reading of the lists: the list is remembered between requests.
      expect(h2.sim.calls.map((c) => `${c.path.replace(`/api/atlas/v2/groups/${BIG.projectId}`, '')} ${c.status}`).sort()).toEqual(['/clusters 200', '/flexClusters 200']);
    } finally {
      await h2.stop();
    }
    /** Where the project view lists a cluster: the clusters API's list first (seed order), then the flex-only ones. */
    function order(name: string): number {
      const index = BIG.clusterNames.indexOf(name);
      const flexOnly = BIG.flex.includes(name) && name !== BIG.flexInBothLists;
      return flexOnly ? 1000 + index : index;
    }
  });

  it('is cached: a second query costs no upstream call, and the listed kinds spare later lookups', async () => {
    await h.query(`{ clusters(projectId: "${P}") { totalCount } }`);
    expect(calls().sort()).toEqual(LISTS);
    h.sim.resetCalls();
    const r = await h.query(`{
      clusters(projectId: "${P}", first: 1) { nodes { name stateName } }
      cluster(projectId: "${P}", name: "${DEMO.today.sharded}") { kind tier stateName }
      restoreJobs(projectId: "${P}", clusterName: "${DEMO.clusters.FLEX}", first: 1) { totalCount }
    }`);
    expect(r).toEqual({
      data: {
        clusters: { nodes: [{ name: DEMO.clusters.LEGACY_BACKUP, stateName: 'IDLE' }] },
        cluster: { kind: 'CLOUD_BACKUP', tier: 'M40', stateName: 'IDLE' },
        restoreJobs: { totalCount: 10 },
      },
    });
    // Only the flex cluster's restore-job list: no list again, no lookup of either cluster.
    expect(calls()).toEqual([`GET /api/atlas/v2/groups/${P}/flexClusters/${DEMO.clusters.FLEX}/backup/restoreJobs 200`]);
  });

  it('an unknown project is NOT_FOUND with the Atlas errorCode, and only that field is null', async () => {
    const r = await h.query(`{
      bad: clusters(projectId: "${UNKNOWN_PROJECT}") { totalCount }
      ok: clusters(projectId: "${P}", first: 1) { totalCount }
    }`);
    expect(r).toEqual({
      data: { bad: null, ok: { totalCount: 9 } },
      errors: [
        {
          message: 'Atlas has no such resource.',
          locations: [{ line: 2, column: 7 }],
          path: ['bad'],
          extensions: { code: 'NOT_FOUND', atlas: { status: 404, errorCode: 'GROUP_NOT_FOUND', detail: `No group with ID ${UNKNOWN_PROJECT} exists.` } },
        },
      ],
    });
    // Both lists are asked at once, so an unknown project costs two 404s.
    expect(calls().sort()).toEqual([`GET /api/atlas/v2/groups/${UNKNOWN_PROJECT}/clusters 404`, `GET /api/atlas/v2/groups/${UNKNOWN_PROJECT}/flexClusters 404`, ...LISTS].sort());
  });

  it('refuses a bad first or after with BAD_USER_INPUT before any upstream call', async () => {
    const r = await h.query(`{ a: clusters(projectId: "${P}", first: -1) { totalCount } b: clusters(projectId: "${P}", after: "nope") { totalCount } }`);
    expect(r).toEqual({
      data: { a: null, b: null },
      errors: [
        { message: '`first` must be a non-negative integer, got -1.', locations: [{ line: 1, column: 3 }], path: ['a'], extensions: { code: 'BAD_USER_INPUT', argument: 'first' } },
        { message: '`after` is not a valid cursor for this connection.', locations: [{ line: 1, column: 80 }], path: ['b'], extensions: { code: 'BAD_USER_INPUT', argument: 'after' } },
      ],
    });
    expect(calls()).toEqual([]);
  });

  it('gives each listed cluster its restore jobs with no lookup: one list call per cluster asked', async () => {
    const r = await h.query(`{ clusters(projectId: "${P}", first: 2) { nodes { name restoreJobs(first: 1) { totalCount } } } }`);
    expect(r).toEqual({
      data: {
        clusters: {
          nodes: [
            // legacy-cluster-0 is dedicated: discovery reports Cloud Backup, which has no jobs of it.
            { name: DEMO.clusters.LEGACY_BACKUP, restoreJobs: { totalCount: 0 } },
            { name: DEMO.clusters.SHARED_TIER, restoreJobs: { totalCount: 25 } },
          ],
        },
      },
    });
    expect([calls().slice(0, 2).sort(), calls().slice(2).sort()]).toEqual([
      LISTS,
      [
        `GET /api/atlas/v2/groups/${P}/clusters/${DEMO.clusters.LEGACY_BACKUP}/backup/restoreJobs 200`,
        `GET /api/atlas/v2/groups/${P}/clusters/${DEMO.clusters.SHARED_TIER}/backup/tenant/restores 200`,
      ],
    ]);
  });

  it('labels the list calls CLUSTERS and FLEX_CLUSTERS with operation list in the metrics', async () => {
    await h.query(`{ clusters(projectId: "${P}") { totalCount } }`);
    const text = await scrape(h.gateway);
    expect([
      metricValue(text, 'atlas_upstream_requests_total', 'kind="CLUSTERS",operation="list",status="200"') > 0,
      metricValue(text, 'atlas_upstream_requests_total', 'kind="FLEX_CLUSTERS",operation="list",status="200"') > 0,
    ]).toEqual([true, true]);
  });
});

describe('the description fields of a Cluster: cluster(...) and entity references', () => {
  const setup = useClusterHarness();
  const { clusterKinds, calls } = setup;
  let h: Harness;
  beforeAll(() => {
    h = setup.harness();
  });
  const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Cluster { ${FIELDS} } } }`;
  const ref = (name: string) => ({ __typename: 'Cluster', projectId: P, name });

  it('an entity reference reads the new fields with one lookup per cluster, flex and serverless included', async () => {
    const r = await h.query(ENTITIES, { r: [ref(DEMO.clusters.CLOUD_BACKUP), ref(DEMO.today.formerM2), ref(DEMO.clusters.SERVERLESS), ref('no-such-cluster')] });
    expect(r).toEqual({
      data: {
        _entities: [
          DEMO_CLUSTERS.find((c) => c.name === DEMO.clusters.CLOUD_BACKUP),
          flex(DEMO.today.formerM2),
          {
            projectId: P,
            name: DEMO.clusters.SERVERLESS,
            kind: 'SERVERLESS',
            tier: null,
            clusterType: null,
            backupEnabled: null,
            stateName: null,
            mongoDBVersion: null,
            paused: null,
            pitEnabled: null,
            createdAt: null,
          },
          null,
        ],
      },
    });
    const g = `/api/atlas/v2/groups/${P}`;
    expect(calls().sort()).toEqual(
      [
        `GET ${g}/clusters/${DEMO.clusters.CLOUD_BACKUP} 200`,
        `GET ${g}/clusters/${DEMO.today.formerM2} 400`,
        `GET ${g}/flexClusters/${DEMO.today.formerM2} 200`,
        `GET ${g}/clusters/${DEMO.clusters.SERVERLESS} 400`,
        `GET ${g}/clusters/no-such-cluster 404`,
        `GET ${g}/flexClusters/no-such-cluster 404`,
      ].sort(),
    );
  });

  it('a cluster whose kind is remembered reads the new fields with one lookup, shared by every field and alias', async () => {
    await h.query(`{ cluster(projectId: "${P}", name: "${DEMO.today.sharded}") { kind } }`);
    h.sim.resetCalls();
    const r = await h.query(`{
      a: cluster(projectId: "${P}", name: "${DEMO.today.sharded}") { kind stateName mongoDBVersion }
      b: cluster(projectId: "${P}", name: "${DEMO.today.sharded}") { paused pitEnabled createdAt }
    }`);
    expect(r).toEqual({
      data: {
        a: { kind: 'CLOUD_BACKUP', stateName: 'IDLE', mongoDBVersion: '8.0.4' },
        b: { paused: false, pitEnabled: false, createdAt: '2024-01-02T03:04:05.000Z' },
      },
    });
    expect(calls()).toEqual([`GET /api/atlas/v2/groups/${P}/clusters/${DEMO.today.sharded} 200`]);
  });

  it('a cluster asked without the new fields costs no lookup when its kind is remembered', async () => {
    await h.query(`{ cluster(projectId: "${P}", name: "${DEMO.today.sharded}") { kind } }`);
    h.sim.resetCalls();
    expect(await h.query(`{ cluster(projectId: "${P}", name: "${DEMO.today.sharded}") { name tier } }`)).toEqual({
      data: { cluster: { name: DEMO.today.sharded, tier: 'M40' } },
    });
    expect(calls()).toEqual([]);
  });
});

describe("the README's project view example, in demo mode's Atlas", () => {
  it('runs as written on the demo seed: ten clusters of the big project, no error', async () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### The project view'));
    const query = /```graphql\n([\s\S]*?)```/.exec(section)![1]!;
    const h = await startHarness({ simulator: { seed: createDemoSeed() } });
    try {
      const r = await h.query(query);
      const clusters = (r.data as { clusters: { totalCount: number; pageInfo: { hasNextPage: boolean }; nodes: { name: string }[] } }).clusters;
      expect([r.errors, clusters.totalCount, clusters.pageInfo.hasNextPage, clusters.nodes.map((c) => c.name)]).toEqual([
        undefined,
        32,
        true,
        DEMO.bigProject.clusterNames.slice(0, 10),
      ]);
    } finally {
      await h.stop();
    }
  });
});
