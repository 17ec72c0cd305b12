import { Agent } from 'undici';
import { AtlasClient } from '../../src/atlas/AtlasClient';
import { NoAuth } from '../../src/atlas/auth/NoAuth';
import type { JobLocation } from '../../src/restoreJobs/RestoreJobBaseModel';
import { RestoreJobSource } from '../../src/restoreJobs/RestoreJobSource';
import { RESTORE_JOB_KINDS } from '../../src/restoreJobs/RestoreJobKind';
import { createSources } from '../../src/restoreJobs/sources';
import { AtlasSimulator, DEMO } from '../../src/simulator';
import { createTestSeed } from '../support/seeds';

/**
 * The project view's lists (RestoreJobSource.listedPage / listedAll): the same GET and the same jobs as the mapped
 * lists, but a job is mapped only when its model is asked for, once.
 */
describe('listed jobs: a list whose jobs are mapped on demand', () => {
  const sim = new AtlasSimulator({ seed: createTestSeed() });
  const dispatcher = new Agent();
  let client: AtlasClient;

  beforeAll(async () => {
    const baseUrl = await sim.start(0, '127.0.0.1');
    client = new AtlasClient({ baseUrl, dispatcher, auth: new NoAuth(), timeouts: { connectMs: 2_000, attemptMs: 5_000 } });
  });
  afterAll(async () => {
    await sim.stop();
    await dispatcher.close();
  });
  beforeEach(() => sim.resetCalls());

  /** A kind's source whose mapper counts its calls. */
  const counted = (kind: (typeof RESTORE_JOB_KINDS)[number]) => {
    const definition = createSources(client, 'v2')[kind].definition;
    const calls = { n: 0 };
    const source = new RestoreJobSource({ ...definition, toModel: (wire, location) => ((calls.n += 1), definition.toModel(wire, location)) }, client, 'v2');
    return { source, calls };
  };

  it.each(RESTORE_JOB_KINDS.filter((k) => k !== 'SHARED_TIER'))('%s: a page maps nothing until asked, then each job once, equal to the mapped page', async (kind) => {
    const location: JobLocation = { kind, projectId: DEMO.projectId, clusterName: DEMO.clusters[kind] };
    const eager = await createSources(client, 'v2')[kind].page(location, 1, 20);
    const { source, calls } = counted(kind);
    const listed = await source.listedPage(location, 1, 20);
    expect(calls.n).toBe(0);
    expect(listed.items.map((j) => [j.jobId, j.clusterName, j.kind])).toEqual(eager.items.map((m) => [m.jobId, m.clusterName, m.kind]));
    expect(eager.items.length).toBeGreaterThan(1);
    const second = listed.items[1]!;
    expect(second.model()).toEqual(eager.items[1]);
    expect(second.model()).toBe(second.model());
    expect(calls.n).toBe(1);
    expect(listed.items.map((j) => j.model())).toEqual(eager.items);
    expect(calls.n).toBe(eager.items.length);
    expect({ hasNextLink: listed.hasNextLink, totalCount: listed.totalCount }).toEqual({ hasNextLink: eager.hasNextLink, totalCount: eager.totalCount });
    // One GET each, to the same URL.
    const gets = sim.calls.map((c) => `${c.method} ${c.path}`);
    expect(gets).toHaveLength(2);
    expect(gets[0]).toBe(gets[1]);
  });

  it('an unpaged list (shared tier) is listed whole, mapped on demand too', async () => {
    const location: JobLocation = { kind: 'SHARED_TIER', projectId: DEMO.projectId, clusterName: DEMO.clusters.SHARED_TIER };
    const eager = await createSources(client, 'v2').SHARED_TIER.all(location);
    const { source, calls } = counted('SHARED_TIER');
    const listed = await source.listedAll(location);
    expect(calls.n).toBe(0);
    expect(eager.length).toBeGreaterThan(0);
    expect(listed.map((j) => j.model())).toEqual(eager);
    expect(calls.n).toBe(eager.length);
  });
});
