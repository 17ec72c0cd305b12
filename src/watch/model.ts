import type { RestoreJobModel } from '../restoreJobs/RestoreJobModel';

/** When a subscriber's stream ends: once the job is terminal, or (for a download) once its links are ready too. */
export type WatchEnd = 'TERMINAL' | 'DOWNLOAD_READY';

/** What one event tells a subscriber (`RestoreJobChange`). */
export type WatchChange = 'INITIAL' | 'CHANGED' | 'TERMINAL' | 'GONE';

/** What a poll saw. Times are epoch milliseconds. */
export type Observation =
  | { type: 'job'; job: RestoreJobModel; observedAt: number; nextCheckAt: number | null }
  | { type: 'gone'; observedAt: number };

/** A failure that ends the streams, as plain data (the GraphQL edge made it; the domain only carries it). */
export interface WatchFailure {
  message: string;
  extensions: Record<string, unknown>;
}

/** How one poll of Atlas ended. */
export type PollOutcome =
  | { type: 'job'; job: RestoreJobModel }
  /** Atlas does not know the job (any more). */
  | { type: 'gone' }
  /** Worth polling again (5xx, timeouts, rate limits): the streams go on; `retryAfterMs` is what Atlas asked for. */
  | { type: 'retry'; retryAfterMs: number | null; reason: string }
  /** Not worth polling again (credentials refused, the cluster unknown): the streams end with it. */
  | { type: 'fatal'; failure: WatchFailure };

/** One job watched with one credential: the key of its shared poll, and how to poll it. */
export interface WatchTarget {
  /** The credential's non-secret identity. */
  identity: string;
  /** The job's global id. */
  jobId: string;
  /** One GET of the job (the caller's credential, its retries and cache). */
  poll(signal: AbortSignal): Promise<PollOutcome>;
}

/** Why a stream ended without a last event. */
export type WatchStop =
  | { reason: 'shutdown' }
  | { reason: 'lifetime'; lifetimeMs: number }
  | { reason: 'failed'; failure: WatchFailure };

/** What a subscriber's stream yields: an event, or the reason it stops (always its last item). */
export type WatchMessage =
  | { type: 'event'; change: WatchChange; job: RestoreJobModel | null; observedAt: number; nextCheckAt: number | null }
  | { type: 'stop'; stop: WatchStop };

/** An event message (the `RestoreJobUpdate` a resolver answers). */
export type WatchEventMessage = Extract<WatchMessage, { type: 'event' }>;

/**
 * Whether a download's links are ready: true for anything but a completed download; for a completed download, when
 * Atlas has sent its URLs (Cloud Backup's `isReadyForDownload`, else at least one in `downloadUrls`).
 */
export function downloadReady(job: RestoreJobModel): boolean {
  if (job.deliveryType !== 'DOWNLOAD' || job.status !== 'COMPLETED') return true;
  return job.kind === 'CLOUD_BACKUP' ? job.isReadyForDownload : job.downloadUrls.length > 0;
}

/** Whether a subscriber waiting `until` is done with this job. */
export function endReached(job: RestoreJobModel, until: WatchEnd): boolean {
  return job.isTerminal && (until === 'TERMINAL' || downloadReady(job));
}
