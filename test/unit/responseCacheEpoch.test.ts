import { MemoryCache } from '../../src/atlas/upstreamCache';
import { ResponseCache, type StoredResponse } from '../../src/http/ResponseCache';

const ANSWER: StoredResponse = { status: 200, headers: [['content-type', 'application/json']], body: '{"data":{"restoreJobs":{"totalCount":3}}}' };
const request = (authorization: string) => ({ method: 'POST', contentType: 'application/json', accept: '*/*', body: '{"query":"{ x }"}', authorization });

/** A credential per bearer token, as the context factory would decide it (refusing a missing one). */
const authenticate = (authorization: string | undefined) => {
  if (!authorization) throw new Error('refused');
  return { identity: `id:${authorization}` };
};

describe('the whole-answer cache and writes', () => {
  it('serves a stored answer until the same credential writes; another credential keeps its own', async () => {
    const cache = new ResponseCache(new MemoryCache({ maxEntries: 100, maxBytes: 1_000_000 }), 'deployment', authenticate);
    const store = async (authorization: string) => {
      const miss = await cache.lookup(request(authorization));
      if (miss?.type !== 'miss') throw new Error(`expected a miss, got ${miss?.type}`);
      miss.slot.freshness.used(60_000);
      await miss.slot.store(ANSWER);
      return miss.slot;
    };
    await store('A');
    await store('B');
    expect((await cache.lookup(request('A')))?.type).toBe('hit');

    // A request of A's that writes (its Atlas client calls wrote()) makes A's stored answers stale, not B's.
    const writing = await cache.lookup(request('A'));
    expect(writing?.type).toBe('hit');
    const other = await cache.lookup({ ...request('A'), body: '{"query":"mutation { y }"}' });
    if (other?.type !== 'miss') throw new Error('expected a miss');
    await other.slot.freshness.wrote();
    await other.slot.store(ANSWER);

    expect([(await cache.lookup(request('A')))?.type, (await cache.lookup(request('B')))?.type]).toEqual(['miss', 'hit']);
    // The write's own answer was not kept either.
    expect((await cache.lookup({ ...request('A'), body: '{"query":"mutation { y }"}' }))?.type).toBe('miss');
  });

  it('considers only JSON POSTs of callers the context factory would accept', async () => {
    const cache = new ResponseCache(new MemoryCache({ maxEntries: 10, maxBytes: 100_000 }), 'deployment', authenticate);
    expect(
      await Promise.all([
        cache.lookup({ ...request('A'), method: 'GET' }),
        cache.lookup({ ...request('A'), contentType: 'text/plain' }),
        cache.lookup({ ...request('A'), body: '' }),
        cache.lookup({ ...request('A'), authorization: undefined as unknown as string }),
      ]),
    ).toEqual([null, null, null, null]);
  });
});
