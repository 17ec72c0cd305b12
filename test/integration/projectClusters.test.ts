import { Agent } from 'undici';
import { AtlasClient } from '../../src/atlas/AtlasClient';
import { NoAuth } from '../../src/atlas/auth/NoAuth';
import { AtlasApiError } from '../../src/atlas/errors';
import { ClusterDirectory } from '../../src/clusters/ClusterDirectory';
import { ClusterKindCache } from '../../src/clusters/ClusterKindCache';
import { AtlasSimulator, DEMO } from '../../src/simulator';
import { createTestSeed } from '../support/seeds';

/**
 * `ClusterDirectory.listProject`, the project view's cluster list, over a real AtlasClient against the simulator: both
 * lists read whole, each cluster once, the kind cache filled, the list remembered.
 */
const P = DEMO.projectId;
let sim: AtlasSimulator;
let dispatcher: Agent;

beforeEach(async () => {
  sim = new AtlasSimulator({ seed: createTestSeed() });
  await sim.start(0, '127.0.0.1');
  dispatcher = new Agent();
});
afterEach(async () => {
  await sim.stop();
  await dispatcher.close();
});

function directory(cache: ClusterKindCache): ClusterDirectory {
  const client = new AtlasClient({ baseUrl: sim.url, dispatcher, auth: new NoAuth(), timeouts: { connectMs: 2_000, attemptMs: 5_000 } });
  return new ClusterDirectory(client, cache);
}

describe('ClusterDirectory.listProject', () => {
  it('lists the clusters API then the flex API, each cluster once, with the kind that serves it and its facts', async () => {
    sim.seed.projects[0]!.clusters.find((c) => c.name === DEMO.clusters.FLEX)!.description = { viaClustersApi: true };
    const cache = new ClusterKindCache();
    const clusters = await directory(cache).listProject(P);
    expect(clusters.map((c) => [c.name, c.kind, c.restoreJobKind, c.legacyBackup, c.tier, c.source])).toEqual([
      [DEMO.clusters.LEGACY_BACKUP, 'CLOUD_BACKUP', null, true, 'M30', 'clusters-api'],
      [DEMO.clusters.SHARED_TIER, 'SHARED_TIER', 'SHARED_TIER', false, 'M2', 'clusters-api'],
      [DEMO.clusters.FLEX, 'FLEX', 'FLEX', false, 'FLEX', 'clusters-api'],
      [DEMO.bigCluster.name, 'CLOUD_BACKUP', null, true, 'M30', 'clusters-api'],
      [DEMO.clusters.CLOUD_BACKUP, 'CLOUD_BACKUP', 'CLOUD_BACKUP', true, 'M30', 'clusters-api'],
      [DEMO.today.sharded, 'CLOUD_BACKUP', 'CLOUD_BACKUP', true, 'M40', 'clusters-api'],
      [DEMO.today.formerServerless, 'CLOUD_BACKUP', 'CLOUD_BACKUP', true, 'M10', 'clusters-api'],
      [DEMO.today.free, null, null, false, 'M0', 'clusters-api'],
      [DEMO.today.formerM2, 'FLEX', 'FLEX', false, 'FLEX', 'flex-api'],
    ]);
    expect(clusters.find((c) => c.name === DEMO.clusters.CLOUD_BACKUP)!.facts).toEqual({
      stateName: 'IDLE',
      mongoDBVersion: '8.0.4',
      paused: false,
      pitEnabled: true,
      createdAt: new Date('2024-01-02T03:04:05Z'),
    });
    expect(clusters.find((c) => c.name === DEMO.today.formerM2)!.facts).toEqual({
      stateName: 'IDLE',
      mongoDBVersion: '8.0.4',
      paused: null,
      pitEnabled: null,
      createdAt: new Date('2025-02-01T00:00:00Z'),
    });
    expect(sim.calls.map((c) => `${c.status} ${c.path}?${new URLSearchParams(c.query).toString()}`).sort()).toEqual([
      `200 /api/atlas/v2/groups/${P}/clusters?pageNum=1&itemsPerPage=500&includeCount=false`,
      `200 /api/atlas/v2/groups/${P}/flexClusters?pageNum=1&itemsPerPage=500&includeCount=false`,
    ]);
    // Every cluster's kind is remembered, so another request's discovery of any of them costs no call.
    expect(cache.get(new NoAuth().identity, P, DEMO.today.formerM2)).toEqual({ kind: 'FLEX', tier: 'FLEX', clusterType: 'REPLICASET', backupEnabled: true, source: 'flex-api' });
    const next = directory(cache);
    sim.resetCalls();
    expect([(await next.describe({ projectId: P, clusterName: DEMO.today.sharded }))?.tier, (await next.listProject(P)).length, sim.calls]).toEqual(['M40', 9, []]);
  });

  it('reads every page of a list of more than 500 clusters', async () => {
    const project = sim.seed.projects[0]!;
    for (let i = 0; i < 520; i += 1) project.clusters.push({ name: `many-${i}`, kind: 'CLOUD_BACKUP' });
    const clusters = await directory(new ClusterKindCache()).listProject(P);
    expect([clusters.length, new Set(clusters.map((c) => c.name)).size]).toEqual([529, 529]);
    expect(sim.calls.map((c) => `${c.path.replace(`/api/atlas/v2/groups/${P}`, '')} ${c.query.pageNum}`).sort()).toEqual(['/clusters 1', '/clusters 2', '/flexClusters 1']);
  });

  it('rejects with Atlas 404 GROUP_NOT_FOUND for an unknown project (both lists asked at once, both answered before it rejects), and remembers nothing', async () => {
    const cache = new ClusterKindCache();
    const error = await directory(cache)
      .listProject('0123456789abcdef01234567')
      .then(() => null, (e: unknown) => e);
    expect(error instanceof AtlasApiError ? [error.status, error.errorCode] : error).toEqual([404, 'GROUP_NOT_FOUND']);
    expect([sim.calls.map((c) => c.status), cache.size, cache.getProject(new NoAuth().identity, '0123456789abcdef01234567')]).toEqual([[404, 404], 0, undefined]);
  });
});
