import type { CachedBody, CachePolicy } from '../atlas/AtlasClient';
import type { CacheTtls } from '../config';
import type { RestoreJobBaseModel } from './RestoreJobBaseModel';

/**
 * The domain's cache policy: how long an Atlas answer about restore jobs stays true. The Atlas client applies it (its
 * one cache hook, atlas/AtlasClient.ts `CachePolicy`); nothing else in the domain knows there is a cache.
 */

/**
 * How long one job may be served from the cache. Running jobs: `runningMs`. Terminal jobs: `terminalMs`, but never
 * past the job's `expiresAt` (its download links stop working then, and Atlas may turn COMPLETED into EXPIRED); a
 * COMPLETED job already past its `expiresAt` is about to change, so it gets `runningMs`.
 */
export function jobTtlMs(job: Pick<RestoreJobBaseModel, 'isTerminal' | 'status' | 'expiresAt'>, ttls: CacheTtls, now: number): number {
  if (!job.isTerminal) return ttls.runningMs;
  const expires = job.expiresAt?.getTime();
  if (expires === undefined || Number.isNaN(expires) || job.status === 'EXPIRED') return ttls.terminalMs;
  if (expires <= now) return job.status === 'COMPLETED' ? ttls.runningMs : ttls.terminalMs;
  return Math.min(ttls.terminalMs, expires - now);
}

/** One job's GET: read by `read`, kept as long as its status allows (nothing kept without TTLs). */
export function jobPolicy<M extends RestoreJobBaseModel>(read: (body: unknown) => M, ttls: CacheTtls | null): CachePolicy<M> {
  return { read, ttlMs: ttls ? (job) => jobTtlMs(job, ttls, Date.now()) : () => 0 };
}

/** A page of jobs as read: the models, and the raw body of each (what its own GET would answer). */
export interface ReadPage<M> {
  items: M[];
  raws: unknown[];
}

/**
 * A list's GET: kept `pageMs`, and it answers the GET of each of its jobs too (each for its own TTL), so a UI that lists
 * jobs and then opens a finished one costs Atlas no second call.
 */
export function pagePolicy<I, P extends ReadPage<I>>(
  read: (body: unknown) => P,
  modelOf: (item: I) => RestoreJobBaseModel,
  jobGet: (job: RestoreJobBaseModel) => CachedBody['read'],
  ttls: CacheTtls | null,
): CachePolicy<P> {
  if (!ttls) return { read, ttlMs: () => 0 };
  return {
    read,
    ttlMs: () => ttls.pageMs,
    alsoAnswers: (page) => {
      const now = Date.now();
      return page.items.map((item, i) => {
        const job = modelOf(item);
        return { read: jobGet(job), body: page.raws[i], ttlMs: jobTtlMs(job, ttls, now) };
      });
    },
  };
}
