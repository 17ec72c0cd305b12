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
