import {
  encodeCursor,
  MAX_PAGE_SIZE,
  planFetch,
  planWindow,
  resolveFromEnd,
  sliceArray,
  sliceWindow,
  type ConnectionArgs,
  type FetchedPage,
  type WindowResult,
} from '../atlas/pagination';
import type { Loaders, PageKey } from './loaders';
import type { JobLocation, RestoreJobModel } from './RestoreJobModel';
import type { RestoreJobSources } from './sources';

/** One edge of a connection: an item and its cursor. */
export interface EdgeModel<T> {
  cursor: string;
  node: T;
}

/** `RestoreJobEdge`. */
export type RestoreJobEdgeModel = EdgeModel<RestoreJobModel>;

/** `PageInfo`. */
export interface PageInfoModel {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** A Relay connection of any item (restore jobs, snapshots): edges, nodes, page info and Atlas's estimated total. */
export interface ConnectionModel<T> {
  edges: EdgeModel<T>[];
  nodes: T[];
  pageInfo: PageInfoModel;
  totalCount: number | null;
}

/** `RestoreJobConnection`. */
export type RestoreJobConnectionModel = ConnectionModel<RestoreJobModel>;

/**
 * Where a connection's items come from: an Atlas list read page by page (`pageNum`/`itemsPerPage`), or one that Atlas
 * returns whole (the gateway pages it). Restore jobs read through the request's loaders; snapshots through their own.
 */
export type ListReader<T> = { paging: 'pageNum'; page(pageNum: number, itemsPerPage: number): Promise<FetchedPage<T>> } | { paging: 'none'; all(): Promise<T[]> };

/** How often `last` without `before` re-aims when Atlas's estimated total proves wrong. */
const MAX_REAIMS = 4;
/** How many pages of 500 the gateway walks to learn a list's length when Atlas gives no estimate. */
const MAX_LENGTH_WALK = 200;

/**
 * Loads one window of a kind's list as a Relay connection, through the request's loaders, with the fewest upstream
 * pages (the arithmetic is in src/atlas/pagination.ts). Throws PaginationInputError for bad arguments.
 */
export function loadConnection(
  sources: RestoreJobSources,
  loaders: Loaders,
  location: JobLocation,
  args: ConnectionArgs,
): Promise<RestoreJobConnectionModel> {
  const reader: ListReader<RestoreJobModel> =
    sources[location.kind].definition.paging === 'none'
      ? { paging: 'none', all: () => loaders.all.load(location) }
      : { paging: 'pageNum', page: (pageNum, itemsPerPage) => loaders.page.load(pageKey(location, pageNum, itemsPerPage)) };
  return loadListConnection(reader, args);
}

/**
 * One window of any Atlas list as a Relay connection, with the fewest upstream pages: the connection arithmetic of
 * restore jobs, for every list the gateway pages. Throws PaginationInputError for bad arguments.
 */
export async function loadListConnection<T>(reader: ListReader<T>, args: ConnectionArgs): Promise<ConnectionModel<T>> {
  const plan = planWindow(args);
  if (reader.paging === 'none') {
    const all = await reader.all();
    const { start, end } = plan.type === 'range' ? plan : resolveFromEnd(all.length, plan.count, plan.minStart);
    return toConnection(sliceArray(all, start, end));
  }
  if (plan.type === 'range') {
    return toConnection(await loadWindow(reader.page, plan.start, plan.end, plan.beforeGiven));
  }
  return toConnection(await loadFromEnd(reader.page, plan.count, plan.minStart));
}

type PageFetch<T> = (pageNum: number, itemsPerPage: number) => Promise<FetchedPage<T>>;

async function loadWindow<T>(page: PageFetch<T>, start: number, end: number, beforeGiven: boolean): Promise<WindowResult<T>> {
  const { plan } = planFetch(start, end);
  // Every page is asked for at once (one loader batch); the first failure in page order is the one reported.
  const settled = await Promise.allSettled(plan.pageNums.map((pageNum) => page(pageNum, plan.itemsPerPage)));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return sliceWindow(
    settled.map((s) => (s as PromiseFulfilledResult<FetchedPage<T>>).value),
    start,
    end,
    { beforeGiven },
  );
}

/**
 * `last` without `before`: the end of the list is not known, and Atlas's `totalCount` is an estimate. The first call
 * asks for `count + 1` items from the start: a short answer is the whole list. Otherwise the estimate aims the
 * window, and the window's own look-ahead proves it or re-aims it.
 */
async function loadFromEnd<T>(page: PageFetch<T>, count: number, minStart: number): Promise<WindowResult<T>> {
  const probeSize = Math.min(MAX_PAGE_SIZE, count + 1);
  const probe = await page(1, probeSize);
  if (probe.items.length < probeSize) {
    const { start, end } = resolveFromEnd(probe.items.length, count, minStart);
    return sliceWindow([probe], start, end, { beforeGiven: false });
  }
  let length = probe.totalCount ?? (await walkLength(page));
  let result: WindowResult<T> | null = null;
  for (let attempt = 0; attempt < MAX_REAIMS; attempt += 1) {
    const { start, end } = resolveFromEnd(length, count, minStart);
    result = await loadWindow(page, start, end, false);
    if (result.hasNextPage) {
      length += Math.max(count, 1); // the estimate was low: more items follow
    } else if (result.items.length < end - start && start > minStart) {
      length = start + result.items.length; // the estimate was high: the list ends inside the window
    } else {
      return result;
    }
  }
  return result!;
}

async function walkLength<T>(page: PageFetch<T>): Promise<number> {
  for (let pageNum = 1; pageNum <= MAX_LENGTH_WALK; pageNum += 1) {
    const fetched = await page(pageNum, MAX_PAGE_SIZE);
    if (fetched.items.length < MAX_PAGE_SIZE || !fetched.hasNextLink) return (pageNum - 1) * MAX_PAGE_SIZE + fetched.items.length;
  }
  return MAX_LENGTH_WALK * MAX_PAGE_SIZE;
}

/** The loader key of one upstream page (a plain literal: see withKindFields in base.ts on spreads). */
function pageKey(location: JobLocation, pageNum: number, itemsPerPage: number): PageKey {
  return { kind: location.kind, projectId: location.projectId, clusterName: location.clusterName, pageNum, itemsPerPage };
}

function toConnection<T>(window: WindowResult<T>): ConnectionModel<T> {
  const edges = window.items.map(({ offset, item }) => ({ cursor: encodeCursor(offset), node: item }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: window.hasNextPage,
      hasPreviousPage: window.hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: window.totalCount,
  };
}
