import type { RestoreJobBaseModel } from './RestoreJobBaseModel';
import type { CacheTtls } from '../atlas/upstreamCache/UpstreamCache';

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
