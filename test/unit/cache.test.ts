import { InFlight, MemoryCache, upstreamKey } from '../../src/atlas/upstreamCache';
import { jobTtlMs } from '../../src/restoreJobs/cacheTtl';
import { Freshness } from '../../src/http/Freshness';
import { AtlasTransportError } from '../../src/atlas/errors';

const TTLS = { terminalMs: 3_600_000, runningMs: 5_000, pageMs: 2_000 };
const NOW = Date.parse('2026-12-01T12:00:00Z');

/** A promise with its resolve and reject, for a fetch the test finishes by hand. */
function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('InFlight (coalescing)', () => {
  it('runs one fetch for callers of the same key while it is in flight; one leader; the table empties', async () => {
    const table = new InFlight();
    const gate = deferred<string>();
    let fetches = 0;
    const fetch = () => {
      fetches += 1;
      return gate.promise;
    };
    const calls = [table.run('k', undefined, fetch), table.run('k', undefined, fetch), table.run('k', undefined, fetch)];
    expect(table.size).toBe(1);
    gate.resolve('body');
    const results = await Promise.all(calls);
    expect(fetches).toBe(1);
    expect(results.map((r) => r.value)).toEqual(['body', 'body', 'body']);
    expect(results.map((r) => r.leader)).toEqual([true, false, false]);
    expect(table.size).toBe(0);
    // Once it has settled, the next caller fetches again.
    await table.run('k', undefined, async () => 'again');
    expect(table.size).toBe(0);
  });

  it('never shares between keys', async () => {
    const table = new InFlight();
    let fetches = 0;
    const fetch = async () => `#${(fetches += 1)}`;
    const [a, b] = await Promise.all([table.run('a', undefined, fetch), table.run('b', undefined, fetch)]);
    expect(fetches).toBe(2);
    expect([a.leader, b.leader]).toEqual([true, true]);
  });

  it('shares a failure with every waiter, and does not keep it', async () => {
    const table = new InFlight();
    const gate = deferred<string>();
    const calls = [table.run('k', undefined, () => gate.promise), table.run('k', undefined, () => gate.promise)];
    gate.reject(new AtlasTransportError('reset', 'The connection to Atlas failed mid-request.'));
    for (const call of calls) await expect(call).rejects.toMatchObject({ failure: 'reset' });
    expect(table.size).toBe(0);
    await expect(table.run('k', undefined, async () => 'ok')).resolves.toEqual({ value: 'ok', leader: true });
  });

  it('a waiter whose deadline fires leaves at once; the call goes on for the others', async () => {
    const table = new InFlight();
    const gate = deferred<string>();
    let sharedSignal: AbortSignal | undefined;
    const fetch = (signal: AbortSignal) => {
      sharedSignal = signal;
      return gate.promise;
    };
    const leaderDeadline = new AbortController();
    const leader = table.run('k', leaderDeadline.signal, fetch);
    const other = table.run('k', new AbortController().signal, fetch);
    leaderDeadline.abort();
    await expect(leader).rejects.toMatchObject({ name: 'AtlasTransportError', failure: 'aborted' });
    expect(sharedSignal!.aborted).toBe(false);
    gate.resolve('body');
    await expect(other).resolves.toEqual({ value: 'body', leader: false });
  });

  it('aborts the shared call when its last waiter leaves, and forgets it', async () => {
    const table = new InFlight();
    let sharedSignal: AbortSignal | undefined;
    const fetch = (signal: AbortSignal) => {
      sharedSignal = signal;
      return new Promise<string>((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted upstream'))));
    };
    const a = new AbortController();
    const b = new AbortController();
    const calls = [table.run('k', a.signal, fetch), table.run('k', b.signal, fetch)];
    a.abort();
    expect(sharedSignal!.aborted).toBe(false);
    b.abort();
    expect(sharedSignal!.aborted).toBe(true);
    for (const call of calls) await expect(call).rejects.toMatchObject({ failure: 'aborted' });
    expect(table.size).toBe(0);
  });

  it('refuses a caller whose signal already fired, without fetching', async () => {
    const table = new InFlight();
    const fetch = jest.fn(async () => 'body');
    await expect(table.run('k', AbortSignal.abort(), fetch)).rejects.toMatchObject({ failure: 'aborted' });
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('jobTtlMs (how long a job may be served from the cache)', () => {
  const job = (status: string, isTerminal: boolean, expiresAt: string | null = null) =>
    ({ status, isTerminal, expiresAt: expiresAt === null ? null : new Date(expiresAt) }) as Parameters<typeof jobTtlMs>[0];

  it.each([
    ['a running job: runningMs', job('IN_PROGRESS', false), 5_000],
    ['a queued job: runningMs', job('QUEUED', false), 5_000],
    ['a finished job without an expiry: terminalMs', job('COMPLETED', true), 3_600_000],
    ['a failed job: terminalMs', job('FAILED', true), 3_600_000],
    ['a finished job whose links expire in 10 min: until then', job('COMPLETED', true, '2026-12-01T12:10:00Z'), 600_000],
    ['a finished job whose links expire in 2 days: terminalMs', job('COMPLETED', true, '2026-12-03T12:00:00Z'), 3_600_000],
    ['a finished job past its expiry (about to turn EXPIRED): runningMs', job('COMPLETED', true, '2026-12-01T11:00:00Z'), 5_000],
    ['an expired job: terminalMs', job('EXPIRED', true, '2026-12-01T11:00:00Z'), 3_600_000],
    ['a cancelled job past an old expiry: terminalMs', job('CANCELLED', true, '2026-11-01T00:00:00Z'), 3_600_000],
  ])('%s', (_what, model, expected) => {
    expect(jobTtlMs(model, TTLS, NOW)).toBe(expected);
  });

  it('follows the configured TTLs (0 turns a class off)', () => {
    expect(jobTtlMs(job('IN_PROGRESS', false), { ...TTLS, runningMs: 0 }, NOW)).toBe(0);
    expect(jobTtlMs(job('COMPLETED', true), { ...TTLS, terminalMs: 42 }, NOW)).toBe(42);
  });
});

describe('MemoryCache (the default: a bounded LRU)', () => {
  it('serves an entry until its TTL passes, and counts hits, misses and stores', async () => {
    const events: string[] = [];
    let now = 1_000;
    const cache = new MemoryCache({ maxEntries: 10, maxBytes: 1_000_000, onEvent: (e) => events.push(e), perf: { now: () => now } });
    await cache.set('k', { id: 'a' }, 100);
    expect(await cache.get('k')).toEqual({ value: { id: 'a' }, ttlLeftMs: 100 });
    now += 99;
    expect(await cache.get('k')).toEqual({ value: { id: 'a' }, ttlLeftMs: 1 });
    now += 2;
    expect(await cache.get('k')).toBeUndefined();
    expect(events).toEqual(['store', 'hit', 'hit', 'miss']);
  });

  it('stores nothing for a TTL of 0', async () => {
    const cache = new MemoryCache({ maxEntries: 10, maxBytes: 1_000_000 });
    await cache.set('k', { id: 'a' }, 0);
    expect(await cache.get('k')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('holds at most maxEntries, evicting the least recently used', async () => {
    const cache = new MemoryCache({ maxEntries: 3, maxBytes: 1_000_000 });
    for (const k of ['a', 'b', 'c']) await cache.set(k, k, 60_000);
    await cache.get('a');
    await cache.set('d', 'd', 60_000);
    expect(cache.size).toBe(3);
    expect(await cache.get('b')).toBeUndefined();
    expect((await cache.get('a'))?.value).toBe('a');
  });

  it('holds at most maxBytes, charging what it holds: the key, the JSON text and a 200-byte overhead', async () => {
    const cache = new MemoryCache({ maxEntries: 1_000, maxBytes: 10_000 });
    const body = { text: 'x'.repeat(790) }; // JSON text: 801 characters
    for (let i = 0; i < 20; i += 1) await cache.set(`k${i}`, body, 60_000);
    // Each entry: 2-3 (key) + 801 (text) + 200 = 1,003-1,004 bytes, so 9 fit in 10,000.
    expect([cache.size, cache.bytes]).toEqual([9, 9 * 1_004]);
    expect((await cache.get('k19'))?.value).toEqual(body);
    expect(await cache.get('k10')).toBeUndefined();
  });

  it('charges the UTF-8 bytes of the text it holds (é: 2, €: 3) and a key as V8 holds it (€: 2 bytes)', async () => {
    const cache = new MemoryCache({ maxEntries: 10, maxBytes: 100_000 });
    await cache.set('a', 'é'.repeat(100), 60_000);
    await cache.set('€', '€'.repeat(100), 60_000);
    // 'a': 1 + (2 + 200) + 200; '€': 2 + (2 + 300) + 200.
    expect(cache.bytes).toBe(403 + 504);
  });

  it('keeps no entry larger than the whole budget', async () => {
    const cache = new MemoryCache({ maxEntries: 10, maxBytes: 1_000 });
    await cache.set('big', 'x'.repeat(2_000), 60_000);
    expect([cache.size, await cache.get('big')]).toEqual([0, undefined]);
  });

  it('hands out a parsed copy: a caller that changes it changes nothing held', async () => {
    const cache = new MemoryCache({ maxEntries: 10, maxBytes: 100_000 });
    await cache.set('k', { status: 'RUNNING' }, 60_000);
    const first = (await cache.get('k'))!.value as { status: string };
    first.status = 'CHANGED';
    expect((await cache.get('k'))?.value).toEqual({ status: 'RUNNING' });
  });

  it('purges expired entries every 15 s, without being read, so idle memory goes back down', async () => {
    jest.useFakeTimers();
    try {
      // NOTE: not 0: lru-cache reads a start time of 0 as "no TTL" (`!!s` in its isStale).
      let now = 1_000_000;
      const cache = new MemoryCache({ maxEntries: 100, maxBytes: 1_000_000, perf: { now: () => now } });
      await cache.set('short', 'x'.repeat(1_000), 1_000);
      await cache.set('long', 'y'.repeat(1_000), 3_600_000);
      now += 2_000;
      jest.advanceTimersByTime(15_000);
      expect([cache.size, cache.bytes]).toEqual([1, 4 + 1_002 + 200]);
      await cache.close();
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('Freshness (how long a GraphQL answer stays true)', () => {
  it('is the shortest TTL of what the answer used', () => {
    const f = new Freshness();
    f.used(3_600_000);
    f.used(2_000);
    f.used(5_000.7);
    expect(f.ttlMs).toBe(2_000);
  });

  it('is 0 when nothing upstream was read, when anything was not cacheable, or when a TTL was 0', () => {
    expect(new Freshness().ttlMs).toBe(0);
    const spoiled = new Freshness();
    spoiled.used(60_000);
    spoiled.spoil();
    expect(spoiled.ttlMs).toBe(0);
    const zero = new Freshness();
    zero.used(60_000);
    zero.used(0);
    expect(zero.ttlMs).toBe(0);
  });
});

describe('upstreamKey', () => {
  it('differs by credential identity, Accept and URL', () => {
    const base = upstreamKey('bearer:A', 'application/vnd.atlas.2023-01-01+json', 'https://cloud.mongodb.com/api/atlas/v2/groups/g/x');
    expect(upstreamKey('bearer:B', 'application/vnd.atlas.2023-01-01+json', 'https://cloud.mongodb.com/api/atlas/v2/groups/g/x')).not.toBe(base);
    expect(upstreamKey('bearer:A', 'application/json', 'https://cloud.mongodb.com/api/atlas/v2/groups/g/x')).not.toBe(base);
    expect(upstreamKey('bearer:A', 'application/vnd.atlas.2023-01-01+json', 'https://cloud.mongodb.com/api/atlas/v2/groups/g/y')).not.toBe(base);
  });
});
