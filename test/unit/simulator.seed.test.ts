import { AtlasSimulator, DEMO, FOREIGN_PROJECT_ID, bigClusterJobId, createDemoSeed } from '../../src/simulator';
import { createTestSeed, EDGE_CASES, OTHER_PROJECT } from '../support/seeds';
import { seedCluster as cluster } from '../support/simulatorHttp';

const P = DEMO.projectId;

describe('seed', () => {
  it('is deterministic, with unique 24-hex job ids', () => {
    const seed = createTestSeed();
    expect(createTestSeed()).toEqual(seed);
    const ids = seed.projects.flatMap((p) =>
      p.clusters.flatMap((c) => [...(c.legacy ?? []), ...(c.tenant ?? []), ...(c.flex ?? []), ...(c.serverless ?? []), ...(c.cloudBackup ?? [])].map((j) => j.id)),
    );
    expect(ids.length).toBe(1364);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !/^[a-f0-9]{24}$/.test(id ?? ''))).toEqual([]);
  });

  it('holds what the demo banner names', () => {
    const demo = createTestSeed().projects.find((p) => p.id === DEMO.projectId)!;
    expect(demo.clusters.map((c) => [c.name, c.kind])).toEqual([
      ['legacy-cluster-0', 'LEGACY_BACKUP'],
      ['m2-cluster-0', 'SHARED_TIER'],
      ['flex-cluster-0', 'FLEX'],
      ['serverless-0', 'SERVERLESS'],
      ['big-cluster', 'LEGACY_BACKUP'],
      ['dedicated-cluster-0', 'CLOUD_BACKUP'],
      ['sharded-cluster-0', 'CLOUD_BACKUP'],
      ['m2-now-flex-0', 'FLEX'],
      ['serverless-now-dedicated-0', 'CLOUD_BACKUP'],
      ['free-cluster-0', 'FREE'],
    ]);
    expect([DEMO.clusters.CLOUD_BACKUP, DEMO.today.sharded, DEMO.today.formerM2, DEMO.today.formerServerless, DEMO.today.free]).toEqual([
      'dedicated-cluster-0',
      'sharded-cluster-0',
      'm2-now-flex-0',
      'serverless-now-dedicated-0',
      'free-cluster-0',
    ]);
    const big = cluster(P, DEMO.bigCluster.name).legacy!;
    expect(big.length).toBe(DEMO.bigCluster.jobCount);
    expect([big[0]!.id, big[1249]!.id]).toEqual([bigClusterJobId(0), bigClusterJobId(1249)]);
    expect(bigClusterJobId(1249)).toBe('66b16c0000000000000004e1');
    expect(cluster(P, DEMO.clusters.SHARED_TIER).tenant!.length).toBe(25);
  });

  it('covers every status and delivery type of each kind', () => {
    const uniq = (values: (string | undefined)[]): string[] => [...new Set(values.map(String))].sort();
    const legacy = cluster(P, DEMO.clusters.LEGACY_BACKUP).legacy!;
    expect(uniq(legacy.map((j) => j.statusName))).toEqual(['BROKEN', 'FINISHED', 'IN_PROGRESS', 'KILLED']);
    expect(uniq(legacy.map((j) => j.delivery.methodName))).toEqual([
      'AUTOMATED_RESTORE',
      'CLIENT_PIT_HTTP',
      'CLIENT_PIT_SCP',
      'HTTP',
      'QUERY',
      'SCP',
      'THIRD_PARTY_COPY',
    ]);
    expect(uniq(legacy.map((j) => j.delivery.statusName))).toEqual([
      'EXPIRED',
      'FAILED',
      'INTERRUPTED',
      'IN_PROGRESS',
      'MAX_DOWNLOADS_EXCEEDED',
      'NOT_STARTED',
      'PENDING',
      'READY',
    ]);
    const tenant = cluster(P, DEMO.clusters.SHARED_TIER).tenant!;
    const flex = cluster(P, DEMO.clusters.FLEX).flex!;
    for (const jobs of [tenant, flex]) {
      expect(uniq(jobs.map((j) => j.status))).toEqual(['COMPLETED', 'FAILED', 'PENDING', 'QUEUED', 'RUNNING']);
      expect(uniq(jobs.map((j) => j.deliveryType))).toEqual(['DOWNLOAD', 'RESTORE']);
      expect(jobs.filter((j) => j.deliveryType === 'DOWNLOAD' && !(j.snapshotUrl && j.expirationDate))).toEqual([]);
    }
    const serverless = cluster(P, DEMO.clusters.SERVERLESS).serverless!;
    expect(uniq(serverless.map((j) => j.deliveryType))).toEqual(['automated', 'download', 'pointInTime']);
    const flags = uniq(serverless.map((j) => `${j.cancelled}/${j.failed}/${j.expired}/${j.finishedAt !== undefined}`));
    expect(flags).toEqual(['false/false/false/false', 'false/false/false/true', 'false/false/true/true', 'false/true/false/true', 'true/false/false/false', 'true/true/false/true']);
  });

  it('keeps odd bodies apart from the demo data', () => {
    expect(cluster(EDGE_CASES.projectId, EDGE_CASES.clusters.FLEX).flex!.map((j) => [j.status, j.deliveryType])).toEqual([
      ['ARCHIVED', 'DOWNLOAD'],
      ['COMPLETED', 'TELEPORT'],
      [undefined, undefined],
    ]);
    expect(cluster(EDGE_CASES.projectId, EDGE_CASES.emptyClusters.SERVERLESS).serverless).toEqual([]);
  });
});

describe('demo seed', () => {
  it("is the test seed's demo project alone: the same clusters, the same bodies before today's Atlas, no test data", () => {
    const demo = createDemoSeed();
    const testDemo = createTestSeed().projects[0]!;
    expect(createDemoSeed()).toEqual(demo);
    expect(demo.projects.map((p) => [p.id, p.name])).toEqual([
      [DEMO.projectId, 'demo-project'],
      [DEMO.bigProject.projectId, 'demo-big-project'],
    ]);
    expect(demo.projects[0]!.clusters.map((c) => [c.name, c.kind])).toEqual(testDemo.clusters.map((c) => [c.name, c.kind]));
    // The original clusters come first from the same factory, so their bodies are the same; today's Atlas is drawn
    // before the test seed's other projects in the one and after them in the other, so only its ids differ.
    expect(demo.projects[0]!.clusters.slice(0, 5)).toEqual(testDemo.clusters.slice(0, 5));
    expect(demo.projects[0]!.clusters.slice(5).map((c) => (c.cloudBackup ?? c.flex ?? []).length)).toEqual([12, 3, 3, 2, 0]);
  });

  it('names a foreign project as some restores\' source or target: the test seed\'s second project', () => {
    expect(OTHER_PROJECT.projectId).toBe(FOREIGN_PROJECT_ID);
    const targets = cluster(P, DEMO.clusters.SERVERLESS).serverless!.map((j) => j.targetGroupId);
    expect(targets).toContain(FOREIGN_PROJECT_ID);
  });

  it('is what a simulator serves by default (demo mode)', () => {
    expect(new AtlasSimulator().seed).toEqual(createDemoSeed());
  });
});
