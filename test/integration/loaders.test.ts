import { Agent } from 'undici';
import { AtlasClient } from '../../src/atlas/AtlasClient';
import { DEMO, type SeedCluster } from '../../src/simulator';
import { createLoaders } from '../../src/restoreJobs/loaders';
import { createSources } from '../../src/restoreJobs/sources';
import { encodeGlobalId } from '../../src/restoreJobs/globalId';
import { NoAuth } from '../../src/atlas/auth/NoAuth';
import { startHarness, type Harness } from '../support/harness';

describe('per-request DataLoaders, counting upstream calls', () => {
  let h: Harness;
  let legacyIds: string[];
  const loc = { kind: 'LEGACY_BACKUP' as const, projectId: DEMO.projectId, clusterName: DEMO.clusters.LEGACY_BACKUP };

  beforeAll(async () => {
    h = await startHarness();
    const cluster: SeedCluster = h.sim.seed.projects.find((p) => p.id === DEMO.projectId)!.clusters.find((c) => c.name === loc.clusterName)!;
    legacyIds = (cluster.legacy ?? []).map((j) => j.id!);
    expect(legacyIds.length).toBeGreaterThanOrEqual(10);
  });
  afterAll(() => h.stop());
  beforeEach(() => h.sim.resetCalls());

  it('20 aliased lookups of 5 distinct jobs cost 5 calls', async () => {
    const fields = Array.from({ length: 20 }, (_, i) => {
      const jobId = legacyIds[i % 5];
      return `a${i}: restoreJob(kind: LEGACY_BACKUP, projectId: "${loc.projectId}", clusterName: "${loc.clusterName}", jobId: "${jobId}") { jobId }`;
    });
    const res = await h.query(`{ ${fields.join('\n')} }`);
    expect(res.errors).toBeUndefined();
    expect(Object.values(res.data!).map((j) => (j as { jobId: string }).jobId)).toEqual(
      Array.from({ length: 20 }, (_, i) => legacyIds[i % 5]),
    );
    expect(h.sim.calls).toHaveLength(5);
    expect(new Set(h.sim.calls.map((c) => c.path)).size).toBe(5);
  });

  it('two identical lists in one request cost 1 call', async () => {
    const list = `restoreJobs(kind: LEGACY_BACKUP, projectId: "${loc.projectId}", clusterName: "${loc.clusterName}", first: 5) { nodes { jobId } }`;
    const res = await h.query(`{ a: ${list} b: ${list} }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.a).toEqual(res.data!.b);
    expect(h.sim.calls).toHaveLength(1);
  });

  it('nodes(ids:) over 10 ids of which 4 repeat costs 6 calls, answers in order', async () => {
    const distinct = legacyIds.slice(0, 6);
    const ids = [...distinct, ...distinct.slice(0, 4)].map((jobId) => encodeGlobalId({ ...loc, jobId }));
    const res = await h.query(`query($ids: [ID!]!) { nodes(ids: $ids) { id ... on RestoreJob { jobId } } }`, { ids });
    expect(res).toEqual({ data: { nodes: ids.map((id, i) => ({ id, jobId: [...distinct, ...distinct.slice(0, 4)][i] })) } });
    expect(h.sim.calls).toHaveLength(6);
  });

  it('jobs a list returned are primed: a later lookup of one costs nothing', async () => {
    const dispatcher = new Agent();
    try {
      const client = new AtlasClient({ baseUrl: h.atlasBaseUrl, dispatcher, auth: new NoAuth(), timeouts: { connectMs: 1000, attemptMs: 5000 } });
      const loaders = createLoaders(createSources(client, 'v2'));
      const page = await loaders.page.load({ ...loc, pageNum: 1, itemsPerPage: 5 });
      expect(h.sim.calls).toHaveLength(1);
      expect(await loaders.job.load({ ...loc, jobId: legacyIds[3]! })).toBe(page.items[3]);
      expect(h.sim.calls).toHaveLength(1);
      // A job the list did not return costs its own call.
      expect(await loaders.job.load({ ...loc, jobId: legacyIds[7]! })).toMatchObject({ jobId: legacyIds[7] });
      expect(h.sim.calls).toHaveLength(2);
      // The same page asked again is not fetched again.
      await loaders.page.load({ ...loc, pageNum: 1, itemsPerPage: 5 });
      expect(h.sim.calls).toHaveLength(2);
    } finally {
      await dispatcher.close();
    }
  });
});
