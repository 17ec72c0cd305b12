import { AtlasTransportError } from '../errors';

interface Shared {
  promise: Promise<unknown>;
  controller: AbortController;
  waiters: number;
}

/**
 * Coalescing across requests: while one upstream GET for a key is in flight, callers of the same key wait for it
 * instead of sending their own. The key (see cache/UpstreamCache.ts, upstreamKey) holds the credential identity, the
 * URL and `Accept`, so callers with different credentials never share a call.
 *
 * Each caller keeps its own deadline: a caller whose signal fires stops waiting at once with an `aborted` error.
 * The shared call is aborted only when every caller waiting for it has given up.
 * NOTE: hand-written (about 40 lines): the libraries that dedupe promises (p-memoize, DataLoader) key by value
 * but cannot abort a shared call when its last waiter leaves, which is what keeps a cancelled page from running on.
 */
export class InFlight {
  private readonly calls = new Map<string, Shared>();

  /** Calls in flight now (tests read it; an empty table after a burst shows nothing leaked). */
  get size(): number {
    return this.calls.size;
  }

  /**
   * Runs `fetch` for `key`, or joins the call already in flight. `leader` says whether this caller's `fetch` ran
   * (so only one caller stores the answer in the cache).
   */
  async run<T>(key: string, signal: AbortSignal | undefined, fetch: (signal: AbortSignal) => Promise<T>): Promise<{ value: T; leader: boolean }> {
    if (signal?.aborted) throw aborted();
    let shared = this.calls.get(key);
    const leader = shared === undefined;
    if (!shared) {
      const controller = new AbortController();
      const created: Shared = { controller, waiters: 0, promise: Promise.resolve() };
      created.promise = fetch(controller.signal).finally(() => {
        if (this.calls.get(key) === created) this.calls.delete(key);
      });
      // The rejection is handled by each waiter; this keeps a call whose waiters all left from being unhandled.
      created.promise.catch(() => undefined);
      this.calls.set(key, created);
      shared = created;
    }
    const value = (await this.wait(shared, key, signal)) as T;
    return { value, leader };
  }

  private wait(shared: Shared, key: string, signal: AbortSignal | undefined): Promise<unknown> {
    shared.waiters += 1;
    if (!signal) return shared.promise.finally(() => (shared.waiters -= 1));
    return new Promise((resolve, reject) => {
      let left = false;
      const leave = (): boolean => {
        if (left) return false;
        left = true;
        signal.removeEventListener('abort', onAbort);
        shared.waiters -= 1;
        return true;
      };
      const onAbort = (): void => {
        if (!leave()) return;
        if (shared.waiters === 0) {
          if (this.calls.get(key) === shared) this.calls.delete(key);
          shared.controller.abort();
        }
        reject(aborted());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      shared.promise.then(
        (value) => {
          if (leave()) resolve(value);
        },
        (error: unknown) => {
          if (leave()) reject(error);
        },
      );
    });
  }
}

function aborted(): AtlasTransportError {
  return new AtlasTransportError('aborted', 'The request deadline passed before Atlas answered.', null);
}
