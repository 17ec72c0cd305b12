import { AtlasSimulator, DEMO, isSnapshotCompleted, seedSnapshots, snapshotIdOf, SnapshotStore, type SeedSnapshot } from '../../src/simulator';
import { createTestSeed, EDGE_CASES } from '../support/seeds';
import { seedCluster } from '../support/simulatorHttp';

/** The snapshots restores start from: per backup-capable cluster, three completed and the newest still in progress. */

const P = DEMO.projectId;
const states = (snapshots: SeedSnapshot[]) => snapshots.map((s) => [s.shape, isSnapshotCompleted(s)]);

describe('seeded snapshots', () => {
  it('gives every backup-capable cluster of the test seed four snapshots, newest (in progress) first, none to a free cluster', () => {
    const seed = createTestSeed();
    const store = new SnapshotStore(seed);
    const summary = seed.projects.flatMap((p) => p.clusters.map((c) => [c.name, c.kind, store.of(p.id, c.name).map((s) => `${s.shape}:${isSnapshotCompleted(s) ? 'done' : 'running'}`).join(',')]));
    const shape = (kind: string, name: string): string => {
      if (kind === 'FREE') return '';
      const s = kind === 'LEGACY_BACKUP' ? 'legacy' : kind === 'FLEX' || kind === 'SHARED_TIER' ? 'flex' : name === DEMO.today.sharded ? 'shardedCluster' : 'replicaSet';
      return [`${s}:running`, `${s}:done`, `${s}:done`, `${s}:done`].join(',');
    };
    expect(summary).toEqual(summary.map(([name, kind]) => [name, kind, shape(kind!, name!)]));
    expect(summary.filter(([, kind]) => kind === 'FREE').map(([name]) => name)).toEqual([DEMO.today.free]);
  });

  it('has ids unique across the seed, none of them a job id, deterministic, and leaves the seed as it was', () => {
    const seed = createTestSeed();
    const before = JSON.stringify(seed);
    const all = seed.projects.flatMap((p) => p.clusters.flatMap((c) => seedSnapshots(p.id, c).map(snapshotIdOf)));
    const jobIds = new Set(seed.projects.flatMap((p) => p.clusters.flatMap((c) => [...(c.legacy ?? []), ...(c.tenant ?? []), ...(c.flex ?? []), ...(c.serverless ?? []), ...(c.cloudBackup ?? [])].map((j) => j.id))));
    // Four for each of the 25 clusters but the free one.
    expect({ count: all.length, unique: new Set(all).size, format: all.filter((id) => !/^[a-f0-9]{24}$/.test(id)), asJobIds: all.filter((id) => jobIds.has(id)) }).toEqual({
      count: 4 * 24,
      unique: 4 * 24,
      format: [],
      asJobIds: [],
    });
    expect(seed.projects.flatMap((p) => p.clusters.flatMap((c) => seedSnapshots(p.id, c).map(snapshotIdOf)))).toEqual(all);
    expect(JSON.stringify(seed)).toBe(before);
  });

  it('shapes a Cloud Backup replica-set snapshot as DiskBackupReplicaSet', () => {
    const [inProgress, newest, , onDemand] = seedSnapshots(P, seedCluster(P, DEMO.clusters.CLOUD_BACKUP));
    const self = (id: string) => [{ href: `https://cloud.mongodb.com/api/atlas/v2/groups/${P}/clusters/${DEMO.clusters.CLOUD_BACKUP}/backup/snapshots/${id}`, rel: 'self' }];
    const body = (s: SeedSnapshot) => ({ ...s.body, id: snapshotIdOf(s) });
    const common = { cloudProvider: 'AWS', copyRegions: [], frequencyType: 'daily', mongodVersion: '8.0.4', replicaSetName: `${DEMO.clusters.CLOUD_BACKUP}-shard-0`, type: 'replicaSet' };
    expect([inProgress, newest, onDemand].map((s) => ({ shape: s!.shape, body: body(s!) }))).toEqual([
      {
        shape: 'replicaSet',
        body: { ...common, createdAt: '2026-01-21T06:00:00Z', expiresAt: '2026-01-28T06:00:00Z', id: snapshotIdOf(inProgress!), links: self(snapshotIdOf(inProgress!)), policyItems: [expect.stringMatching(/^[a-f0-9]{24}$/)], snapshotType: 'scheduled', status: 'inProgress', storageSizeBytes: 2_600_000_000 },
      },
      {
        shape: 'replicaSet',
        body: { ...common, createdAt: '2026-01-20T06:00:00Z', expiresAt: '2026-01-27T06:00:00Z', id: snapshotIdOf(newest!), links: self(snapshotIdOf(newest!)), policyItems: [expect.stringMatching(/^[a-f0-9]{24}$/)], snapshotType: 'scheduled', status: 'completed', storageSizeBytes: 2_637_000_000 },
      },
      {
        shape: 'replicaSet',
        body: {
          ...common,
          createdAt: '2026-01-18T06:00:00Z',
          description: 'Before the schema migration',
          expiresAt: '2026-01-25T06:00:00Z',
          id: snapshotIdOf(onDemand!),
          links: self(snapshotIdOf(onDemand!)),
          policyItems: [expect.stringMatching(/^[a-f0-9]{24}$/)],
          snapshotType: 'onDemand',
          status: 'completed',
          storageSizeBytes: 2_711_000_000,
        },
      },
    ]);
  });

  it('shapes a sharded cluster\'s snapshot with one member per shard and the config host, flex and legacy ones in their own shapes', () => {
    const [sharded] = seedSnapshots(P, seedCluster(P, DEMO.today.sharded));
    const members = sharded!.shape === 'shardedCluster' ? sharded!.body.members! : [];
    expect({ names: members.map((m) => m.replicaSetName), ids: sharded!.shape === 'shardedCluster' ? sharded!.body.snapshotIds : null }).toEqual({
      names: [`${DEMO.today.sharded}-shard-0`, `${DEMO.today.sharded}-shard-1`, `${DEMO.today.sharded}-config-0`],
      ids: members.map((m) => m.id),
    });
    const [running, done] = seedSnapshots(P, seedCluster(P, DEMO.clusters.FLEX));
    expect([running!.body, done!.body]).toEqual([
      { expiration: '2026-01-29T06:00:00Z', id: snapshotIdOf(running!), links: [{ href: `https://cloud.mongodb.com/api/atlas/v2/groups/${P}/flexClusters/${DEMO.clusters.FLEX}/backup/snapshots/${snapshotIdOf(running!)}`, rel: 'self' }], mongoDBVersion: '8.0.4', scheduledTime: '2026-01-21T06:00:00Z', startTime: '2026-01-21T06:00:30Z', status: 'RUNNING' },
      { expiration: '2026-01-28T06:00:00Z', finishTime: '2026-01-20T06:06:00Z', id: snapshotIdOf(done!), links: [{ href: `https://cloud.mongodb.com/api/atlas/v2/groups/${P}/flexClusters/${DEMO.clusters.FLEX}/backup/snapshots/${snapshotIdOf(done!)}`, rel: 'self' }], mongoDBVersion: '8.0.4', scheduledTime: '2026-01-20T06:00:00Z', startTime: '2026-01-20T06:00:30Z', status: 'COMPLETED' },
    ]);
    const legacy = seedSnapshots(P, seedCluster(P, DEMO.clusters.LEGACY_BACKUP));
    expect(legacy.map((s) => (s.shape === 'legacy' ? [s.body.complete, s.body.created?.date, s.body.parts?.map((p) => p.typeName)] : null))).toEqual([
      [false, '2026-01-21T06:00:00Z', ['REPLICA_SET']],
      [true, '2026-01-20T06:00:00Z', ['REPLICA_SET']],
      [true, '2026-01-19T06:00:00Z', ['REPLICA_SET']],
      [true, '2026-01-18T06:00:00Z', ['REPLICA_SET']],
    ]);
  });

  it('are kept per simulator and editable: a test can complete the in-progress snapshot before its requests', () => {
    const sim = new AtlasSimulator({ seed: createTestSeed() });
    const snapshots = sim.snapshots.of(P, DEMO.clusters.FLEX);
    const running = sim.snapshots.inProgressId(P, DEMO.clusters.FLEX);
    expect(sim.snapshots.of(P, DEMO.clusters.FLEX)).toBe(snapshots);
    const first = snapshots[0]!;
    if (first.shape === 'flex') first.body.status = 'COMPLETED';
    expect({ completed: sim.snapshots.completedId(P, DEMO.clusters.FLEX), states: states(sim.snapshots.of(P, DEMO.clusters.FLEX)) }).toEqual({
      completed: running,
      states: [['flex', true], ['flex', true], ['flex', true], ['flex', true]],
    });
    expect(() => sim.snapshots.inProgressId(P, DEMO.clusters.FLEX)).toThrow(`${DEMO.clusters.FLEX} has no in-progress snapshot`);
    expect([sim.snapshots.of(P, 'nope'), sim.snapshots.of(EDGE_CASES.projectId, EDGE_CASES.emptyClusters.FLEX).length]).toEqual([[], 4]);
  });
});
