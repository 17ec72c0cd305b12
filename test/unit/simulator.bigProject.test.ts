import { BIG_PROJECT_HANG_MS, buildBigProject, createDemoSeed, DEMO, type SeedCluster } from '../../src/simulator';

/** The project view's demo project (DEMO.bigProject): what the project view needs to be tried and paged in demo mode. */
const BIG = DEMO.bigProject;
const project = buildBigProject();
const byName = (name: string): SeedCluster => project.clusters.find((c) => c.name === name)!;
const jobsOf = (c: SeedCluster) => [...(c.cloudBackup ?? []), ...(c.legacy ?? []), ...(c.flex ?? []), ...(c.tenant ?? [])];
/** The time in a 24-hex ObjectId, in ms. */
const idMs = (id: string): number => parseInt(id.slice(0, 8), 16) * 1000;

describe('the demo seed\'s big project', () => {
  it('is in the demo seed, deterministic, with 32 clusters of mixed kinds named by DEMO.bigProject', () => {
    expect(createDemoSeed().projects[1]).toEqual(project);
    expect(buildBigProject()).toEqual(project);
    expect([project.id, project.name, project.clusters.map((c) => c.name)]).toEqual([BIG.projectId, BIG.name, BIG.clusterNames]);
    const kinds: Record<string, number> = {};
    for (const c of project.clusters) kinds[c.kind] = (kinds[c.kind] ?? 0) + 1;
    expect(kinds).toEqual({ CLOUD_BACKUP: 19, LEGACY_BACKUP: 3, FLEX: 7, SHARED_TIER: 1, FREE: 2 });
    expect(project.clusters.length).toBe(32);
    expect(BIG.sharded.map((n) => byName(n).description?.clusterType)).toEqual(['SHARDED', 'GEOSHARDED']);
    expect([byName(BIG.backupOff).description?.backupEnabled, jobsOf(byName(BIG.backupOff)).length]).toEqual([false, 0]);
    expect(BIG.free.map((n) => [byName(n).kind, jobsOf(byName(n)).length])).toEqual([['FREE', 0], ['FREE', 0]]);
    expect(byName(BIG.flexInBothLists).description?.viaClustersApi).toBe(true);
    expect([byName(BIG.failing).misbehaves, byName(BIG.hanging).misbehaves]).toEqual([{ restoreJobs: 'error' }, { restoreJobs: 'hang', hangMs: BIG_PROJECT_HANG_MS }]);
    expect(BIG.legacyToo.map((n) => [byName(n).kind, byName(n).description?.backupEnabled, (byName(n).cloudBackup ?? []).length > 0, (byName(n).legacy ?? []).length > 0])).toEqual(
      BIG.legacyToo.map(() => ['LEGACY_BACKUP', true, true, true]),
    );
  });

  it('holds 1,240 jobs of the kinds their clusters serve, unique ids, newest first in each list, several lists past 100', () => {
    const ids = project.clusters.flatMap((c) => jobsOf(c).map((j) => j.id!));
    expect([ids.length, BIG.jobCount, new Set(ids).size]).toEqual([1240, 1240, 1240]);
    expect(BIG.manyJobs).toEqual(['prod-rs-0', 'prod-rs-1', 'prod-rs-2', 'prod-sharded-0', 'migrated-legacy-2', 'flex-0']);
    const unordered = project.clusters.flatMap((c) =>
      (['cloudBackup', 'legacy', 'flex', 'tenant'] as const).flatMap((field) => {
        const times = ((c[field] ?? []) as { id?: string }[]).map((j) => idMs(j.id!));
        return times.some((t, i) => i > 0 && t > times[i - 1]!) ? [`${c.name} ${field}`] : [];
      }),
    );
    expect(unordered).toEqual([]);
    const [a, b] = BIG.sameSecond;
    expect(idMs(byName(a).cloudBackup![0]!.id!)).toBe(idMs(byName(b).cloudBackup![0]!.id!));
    // Sharded clusters' jobs name every replica set.
    expect(byName(BIG.sharded[1]!).cloudBackup![0]!.components!.map((m) => m.replicaSetName)).toEqual([
      'prod-geo-sharded-0-shard-0',
      'prod-geo-sharded-0-shard-1',
      'prod-geo-sharded-0-shard-2',
      'prod-geo-sharded-0-config-0',
    ]);
  });
});
