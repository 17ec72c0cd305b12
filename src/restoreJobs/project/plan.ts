import { MAX_PAGE_SIZE } from '../../atlas/pagination';
import { CLUSTER_NAME } from '../mapping/globalIdEncoding';
import type { RestoreJobStatus } from '../RestoreJobBaseModel';
import type { RestoreJobKind } from '../RestoreJobKind';

/** `ProjectRestoreJobFilter`, normalized: null means "any". */
export interface ProjectRestoreJobFilterModel {
  kinds: RestoreJobKind[] | null;
  statuses: RestoreJobStatus[] | null;
  clusterNames: string[] | null;
  includeLegacyBackup: boolean;
}

/** No filter: every kind but Legacy Backup, every status, every cluster. */
export const NO_FILTER: ProjectRestoreJobFilterModel = { kinds: null, statuses: null, clusterNames: null, includeLegacyBackup: false };

/**
 * What the project view needs of a cluster of the project (src/clusters/projectClusters.ts describes each from the
 * cluster lists).
 */
export interface ProjectClusterRef {
  name: string;
  /** The kind whose list holds its jobs; null when it can hold none (a free cluster, backups off). */
  restoreJobKind: RestoreJobKind | null;
  /** True for a dedicated cluster: Legacy Backup may hold old jobs of it. */
  legacyBackup: boolean;
}

/** One list a page may read: a cluster's jobs of one kind. */
export interface ListRef {
  clusterName: string;
  kind: RestoreJobKind;
}

/** A filter the gateway refuses before any call (BAD_USER_INPUT on `filter`). */
export class FilterInputError extends Error {
  override readonly name = 'FilterInputError';
}

/**
 * The filter as given (GraphQL input, nulls allowed), checked and normalized: lists deduplicated and sorted (so the
 * same filter written in another order binds the same cursors), empty lists refused (they would match nothing).
 * `LEGACY_BACKUP` in `kinds` needs `includeLegacyBackup: true`: Legacy Backup lists cost one more call per dedicated
 * cluster, so they are read only when asked for by name.
 */
export function normalizeFilter(input: {
  kinds?: readonly RestoreJobKind[] | null;
  statuses?: readonly RestoreJobStatus[] | null;
  clusterNames?: readonly string[] | null;
  includeLegacyBackup?: boolean | null;
} | null | undefined): ProjectRestoreJobFilterModel {
  if (!input) return NO_FILTER;
  const list = <T extends string>(name: string, values: readonly T[] | null | undefined): T[] | null => {
    if (values === null || values === undefined) return null;
    if (values.length === 0) throw new FilterInputError(`filter.${name} is empty, so nothing would match: leave it out to match every value.`);
    return [...new Set(values)].sort();
  };
  const includeLegacyBackup = input.includeLegacyBackup === true;
  const kinds = list('kinds', input.kinds);
  if (kinds?.includes('LEGACY_BACKUP') && !includeLegacyBackup) {
    throw new FilterInputError('filter.kinds names LEGACY_BACKUP: set filter.includeLegacyBackup to true to read Legacy Backup lists.');
  }
  const clusterNames = list('clusterNames', input.clusterNames);
  const bad = clusterNames?.find((name) => !CLUSTER_NAME.test(name));
  if (bad !== undefined) {
    throw new FilterInputError('filter.clusterNames: each name must start with a letter or digit and hold only letters, digits and hyphens (at most 64).');
  }
  return { kinds, statuses: list('statuses', input.statuses), clusterNames, includeLegacyBackup };
}

/**
 * The lists a cluster's jobs are in, under the filter: the kind that serves it (none for a free cluster, none when
 * its backups are off), plus its Legacy Backup list for a dedicated cluster when `includeLegacyBackup` is set.
 * NOTE: `backupEnabled: false` on a dedicated cluster means Cloud Backup is off (see clusterClass.ts); its Legacy
 * Backup list is still read when asked for, since clusters on Legacy Backup report Cloud Backup off. A free cluster,
 * or one with backups off and no Legacy Backup list asked for, has no list: it is skipped, not a failure.
 */
export function listsOf(cluster: ProjectClusterRef, filter: ProjectRestoreJobFilterModel): ListRef[] {
  if (filter.clusterNames && !filter.clusterNames.includes(cluster.name)) return [];
  const kinds: RestoreJobKind[] = [];
  if (cluster.restoreJobKind !== null) kinds.push(cluster.restoreJobKind);
  if (filter.includeLegacyBackup && cluster.legacyBackup && cluster.restoreJobKind !== 'LEGACY_BACKUP') kinds.push('LEGACY_BACKUP');
  return kinds.filter((kind) => !filter.kinds || filter.kinds.includes(kind)).map((kind) => ({ clusterName: cluster.name, kind }));
}

/** One Atlas page (`pageNum`, `itemsPerPage`) to read from an offset. */
export interface OnePage {
  pageNum: number;
  itemsPerPage: number;
}

/**
 * The one Atlas page that reads `want` jobs from `offset`. Atlas pages start at multiples of `itemsPerPage`, so a page
 * may begin before `offset`; of the sizes from `want` to 500 whose page holds `[offset, offset + want)`, the one that
 * begins nearest `offset` (the fewest jobs already served read again, and dropped), then the smallest. When none holds
 * it (an offset far down a long list), the page of at most 500 that holds the most jobs from `offset` on; the page
 * then reads fewer than `want`.
 */
export function planOnePage(offset: number, want: number): OnePage {
  if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(want) || want < 1) {
    throw new RangeError(`planOnePage needs an offset >= 0 and want >= 1, got ${offset}, ${want}`);
  }
  const need = Math.min(want, MAX_PAGE_SIZE);
  let covering: (OnePage & { before: number }) | null = null;
  let best: OnePage & { reach: number } = { pageNum: 1, itemsPerPage: 1, reach: 0 };
  for (let size = 1; size <= MAX_PAGE_SIZE; size += 1) {
    const page = Math.floor(offset / size);
    const before = offset - page * size;
    const reach = size - before;
    if (size >= need && reach >= need && (covering === null || before < covering.before)) covering = { pageNum: page + 1, itemsPerPage: size, before };
    if (reach > best.reach) best = { pageNum: page + 1, itemsPerPage: size, reach };
  }
  return covering ? { pageNum: covering.pageNum, itemsPerPage: covering.itemsPerPage } : { pageNum: best.pageNum, itemsPerPage: best.itemsPerPage };
}
