import { Agent, request } from 'undici';
import { DEMO } from '../../src/simulator';
import { apiError, FLEX_V2, get, useSimulator } from '../support/simulatorHttp';

const P = DEMO.projectId;
const agent = new Agent({ keepAliveTimeout: 1000 });
afterAll(() => agent.close());

describe('faults', () => {
  const { sim, base } = useSimulator();
  const path = `/api/atlas/v2/groups/${P}/flexClusters/flex-cluster-0/backup/restoreJobs`;

  it('replies with the injected status as often as told, then serves normally', async () => {
    sim().inject({ match: (c) => c.path === path, times: 2, status: 503 });
    sim().inject({ status: 429, body: 'slow down', headers: { 'Retry-After': '7', 'Content-Type': 'text/plain' } });
    const first = await get(base(), path, { accept: FLEX_V2 });
    expect(first).toEqual({
      status: 503,
      contentType: 'application/json',
      wwwAuthenticate: undefined,
      body: apiError(503, 'SERVICE_UNAVAILABLE', 'Simulated fault.', 'Service Unavailable'),
    });
    expect((await get(base(), path, { accept: FLEX_V2 })).status).toBe(503);
    const res = await request(`${base()}${path}`, { headers: { accept: FLEX_V2 }, dispatcher: agent });
    expect([res.statusCode, res.headers['retry-after'], await res.body.text()]).toEqual([429, '7', 'slow down']);
    expect((await get(base(), path, { accept: FLEX_V2 })).status).toBe(200);
    expect(sim().calls.map((c) => c.status)).toEqual([503, 503, 429, 200]);
  });

  it('resets the connection, and a hang ends when the simulator stops', async () => {
    sim().inject({ destroy: true });
    await expect(get(base(), path, { accept: FLEX_V2 })).rejects.toThrow();
    sim().inject({ delayMs: Infinity });
    const hung = get(base(), path, { accept: FLEX_V2 });
    hung.catch(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    while (sim().calls.length < 2) await new Promise((resolve) => setImmediate(resolve));
    await sim().stop();
    await expect(hung).rejects.toThrow();
    expect(sim().calls.map((c) => c.status)).toEqual([0, 0]);
  });

  it('clearFaults removes pending faults', async () => {
    sim().inject({ times: Infinity, status: 500 });
    expect((await get(base(), path, { accept: FLEX_V2 })).status).toBe(500);
    sim().clearFaults();
    expect((await get(base(), path, { accept: FLEX_V2 })).status).toBe(200);
    sim().resetCalls();
    expect(sim().calls).toEqual([]);
  });
});

describe('a lost answer (afterHandling: destroy)', () => {
  const { sim, base } = useSimulator();
  const jobs = `/api/atlas/v2/groups/${P}/clusters/${DEMO.clusters.CLOUD_BACKUP}/backup/restoreJobs`;
  const V2 = 'application/vnd.atlas.2023-01-01+json';

  it('creates the job, then resets the connection: the client loses the answer, exactly one job exists, and the call says so', async () => {
    const snapshotId = sim().snapshots.completedId(P, DEMO.clusters.CLOUD_BACKUP);
    sim().inject({ match: (c) => c.method === 'POST', afterHandling: 'destroy' });
    const sent = { deliveryType: 'download', snapshotId };
    await expect(request(`${base()}${jobs}`, { method: 'POST', headers: { accept: V2, 'content-type': V2 }, body: JSON.stringify(sent), dispatcher: agent })).rejects.toThrow();
    const listed = (await get(base(), jobs, { accept: V2 })).body as { results: { id: string; deliveryType: string; snapshotId?: string }[]; totalCount: number };
    const created = sim().jobs.all();
    expect({ totalCount: listed.totalCount, created: created.length, first: listed.results[0] }).toEqual({
      totalCount: 13,
      created: 1,
      first: expect.objectContaining({ id: created[0]!.id, deliveryType: 'download', snapshotId }),
    });
    expect(sim().calls).toEqual([
      { method: 'POST', path: jobs, query: {}, accept: V2, authorization: undefined, contentType: V2, body: sent, status: 0, unsentStatus: 200 },
      { method: 'GET', path: jobs, query: {}, accept: V2, authorization: undefined, status: 200 },
    ]);
  });

  it('destroys an error answer the same way, and applies only as often as told', async () => {
    sim().inject({ afterHandling: 'destroy' });
    await expect(get(base(), `${jobs}/0123456789abcdef01234567`, { accept: V2 })).rejects.toThrow();
    expect((await get(base(), `${jobs}/0123456789abcdef01234567`, { accept: V2 })).status).toBe(404);
    expect(sim().calls.map((c) => [c.status, c.unsentStatus])).toEqual([
      [0, 404],
      [404, undefined],
    ]);
  });
});

describe('writes in the call log', () => {
  const { sim, base } = useSimulator();

  it('records method, path, query, Content-Type and the parsed body (the text when it is not JSON)', async () => {
    const path = `/api/atlas/v2/groups/${P}/flexClusters/flex-cluster-0/backup/download`;
    await get(base(), `${path}?pretty=true`, { accept: FLEX_V2, 'content-type': FLEX_V2 }, 'POST', JSON.stringify({ snapshotId: sim().snapshots.completedId(P, 'flex-cluster-0') }));
    await get(base(), path, { accept: FLEX_V2, 'content-type': FLEX_V2 }, 'POST', 'not json');
    expect(sim().calls.map(({ method, path: p, query, contentType, body, status }) => ({ method, path: p, query, contentType, body, status }))).toEqual([
      { method: 'POST', path, query: { pretty: 'true' }, contentType: FLEX_V2, body: { snapshotId: sim().snapshots.completedId(P, 'flex-cluster-0') }, status: 200 },
      { method: 'POST', path, query: {}, contentType: FLEX_V2, body: 'not json', status: 400 },
    ]);
  });
});
