import DataLoader from 'dataloader';
import { AtlasApiError } from '../atlas/errors';
import type { RestoreJobRef } from './globalId';
import type { JobLocation } from './RestoreJobBaseModel';
import type { RestoreJobModel } from './RestoreJobModel';
import type { RestoreJobPage } from './RestoreJobSource';
import type { RestoreJobSources } from './sources';

/** A page of a paged list. */
export interface PageKey extends JobLocation {
  pageNum: number;
  itemsPerPage: number;
}

/** The per-request loaders. Never shared between requests (and so never between callers). */
export interface Loaders {
  /**
   * One job by (kind, project, cluster, job id); null when Atlas's 404 is about the job (see {@link isJobNotFound});
   * any other 404 (the cluster or project is unknown) rejects like every other failure.
   */
  job: DataLoader<RestoreJobRef, RestoreJobModel | null, string>;
  /** One upstream page of a paged list. */
  page: DataLoader<PageKey, RestoreJobPage, string>;
  /** The whole list of a kind that Atlas does not page. */
  all: DataLoader<JobLocation, RestoreJobModel[], string>;
}

const locationKey = (l: JobLocation): string => `${l.kind}\u0000${l.projectId}\u0000${l.clusterName}`;
const jobKey = (r: RestoreJobRef): string => `${locationKey(r)}\u0000${r.jobId}`;
const pageKey = (p: PageKey): string => `${locationKey(p)}\u0000${p.pageNum}\u0000${p.itemsPerPage}`;

/**
 * Builds one request's loaders over its sources. Atlas has no batch endpoint for jobs, so a batch is a set of
 * parallel GETs; what the loaders buy is deduplication within the request and priming: every job a list returned
 * is primed into `job`, so a later lookup of it costs no call. A failure takes the place of its key only, as the
 * error the client raised (an Atlas error, kept as it is for the router to read; the GraphQL edge maps it).
 */
export function createLoaders(sources: RestoreJobSources, signal?: AbortSignal): Loaders {
  const settle = async <K, V>(keys: readonly K[], load: (key: K) => Promise<V>): Promise<(V | Error)[]> =>
    Promise.all(keys.map((key) => load(key).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))));

  const job: Loaders['job'] = new DataLoader(
    (refs) =>
      settle(refs, (ref) =>
        sources[ref.kind].get(ref, ref.jobId, signal).catch((error: unknown) => {
          if (error instanceof AtlasApiError && error.status === 404 && isJobNotFound(error.errorCode)) return null;
          throw error;
        }),
      ),
    { cacheKeyFn: jobKey },
  );

  const prime = (models: RestoreJobModel[]): void => {
    for (const model of models) job.prime(model, model);
  };

  const page: Loaders['page'] = new DataLoader(
    (keys) =>
      settle(keys, async (key) => {
        const result = await sources[key.kind].page(key, key.pageNum, key.itemsPerPage, signal);
        prime(result.items);
        return result;
      }),
    { cacheKeyFn: pageKey },
  );

  const all: Loaders['all'] = new DataLoader(
    (locations) =>
      settle(locations, async (location) => {
        const items = await sources[location.kind].all(location, signal);
        prime(items);
        return items;
      }),
    { cacheKeyFn: locationKey },
  );

  return { job, page, all };
}

/**
 * Whether a 404's errorCode says the job is unknown (DESIGN.md, "Null or NOT_FOUND"): `RESTORE_JOB_NOT_FOUND`, the
 * shared-tier API's `BACKUP_RESTORE_NOT_FOUND`, or no code at all. Any other code (`CLUSTER_NOT_FOUND`,
 * `GROUP_NOT_FOUND`, …) names the container.
 */
export function isJobNotFound(errorCode: string | null): boolean {
  return errorCode === null || errorCode === 'RESTORE_JOB_NOT_FOUND' || errorCode === 'BACKUP_RESTORE_NOT_FOUND';
}
