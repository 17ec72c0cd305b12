import {
  encodeCursor,
  MAX_PAGE_SIZE,
  planFetch,
  planWindow,
  resolveFromEnd,
  sliceArray,
  sliceWindow,
  type ConnectionArgs,
  type WindowResult,
} from '../atlas/pagination';
import type { Loaders, PageKey } from './loaders';
import type { JobLocation, RestoreJobModel } from './RestoreJobModel';
import type { RestoreJobSources } from './sources';

/** `RestoreJobEdge`. */
export interface RestoreJobEdgeModel {
  cursor: string;
  node: RestoreJobModel;
}

/** `PageInfo`. */
export interface PageInfoModel {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** `RestoreJobConnection`. */
export interface RestoreJobConnectionModel {
  edges: RestoreJobEdgeModel[];
  nodes: RestoreJobModel[];
  pageInfo: PageInfoModel;
  totalCount: number | null;
}

/** How often `last` without `before` re-aims when Atlas's estimated total proves wrong. */
const MAX_REAIMS = 4;
/** How many pages of 500 the gateway walks to learn a list's length when Atlas gives no estimate. */
const MAX_LENGTH_WALK = 200;

/**
 * Loads one window of a kind's list as a Relay connection, through the request's loaders, with the fewest upstream
 * pages (the arithmetic is in src/atlas/pagination.ts). Throws PaginationInputError for bad arguments.
 */
export async function loadConnection(
  sources: RestoreJobSources,
  loaders: Loaders,
  location: JobLocation,
  args: ConnectionArgs,
): Promise<RestoreJobConnectionModel> {
  const plan = planWindow(args);
  if (sources[location.kind].definition.paging === 'none') {
    const all = await loaders.all.load(location);
    const { start, end } = plan.type === 'range' ? plan : resolveFromEnd(all.length, plan.count, plan.minStart);
    return toConnection(sliceArray(all, start, end));
  }
  if (plan.type === 'range') {
    return toConnection(await loadWindow(loaders, location, plan.start, plan.end, plan.beforeGiven));
  }
  return toConnection(await loadFromEnd(loaders, location, plan.count, plan.minStart));
}

async function loadWindow(
  loaders: Loaders,
  location: JobLocation,
  start: number,
  end: number,
  beforeGiven: boolean,
): Promise<WindowResult<RestoreJobModel>> {
  const { plan } = planFetch(start, end);
  const pages = await loaders.page.loadMany(
    plan.pageNums.map((pageNum) => pageKey(location, pageNum, plan.itemsPerPage)),
  );
  const failed = pages.find((p): p is Error => p instanceof Error);
  if (failed) throw failed;
  return sliceWindow(pages as Exclude<(typeof pages)[number], Error>[], start, end, { beforeGiven });
}

/**
 * `last` without `before`: the end of the list is not known, and Atlas's `totalCount` is an estimate. The first call
 * asks for `count + 1` items from the start: a short answer is the whole list. Otherwise the estimate aims the
 * window, and the window's own look-ahead proves it or re-aims it.
 */
async function loadFromEnd(
  loaders: Loaders,
  location: JobLocation,
  count: number,
  minStart: number,
): Promise<WindowResult<RestoreJobModel>> {
  const probeSize = Math.min(MAX_PAGE_SIZE, count + 1);
  const probe = await loaders.page.load(pageKey(location, 1, probeSize));
  if (probe.items.length < probeSize) {
    const { start, end } = resolveFromEnd(probe.items.length, count, minStart);
    return sliceWindow([probe], start, end, { beforeGiven: false });
  }
  let length = probe.totalCount ?? (await walkLength(loaders, location));
  let result: WindowResult<RestoreJobModel> | null = null;
  for (let attempt = 0; attempt < MAX_REAIMS; attempt += 1) {
    const { start, end } = resolveFromEnd(length, count, minStart);
    result = await loadWindow(loaders, location, start, end, false);
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

async function walkLength(loaders: Loaders, location: JobLocation): Promise<number> {
  for (let pageNum = 1; pageNum <= MAX_LENGTH_WALK; pageNum += 1) {
    const page = await loaders.page.load(pageKey(location, pageNum, MAX_PAGE_SIZE));
    if (page.items.length < MAX_PAGE_SIZE || !page.hasNextLink) return (pageNum - 1) * MAX_PAGE_SIZE + page.items.length;
  }
  return MAX_LENGTH_WALK * MAX_PAGE_SIZE;
}

/** The loader key of one upstream page (a plain literal: see withKindFields in base.ts on spreads). */
function pageKey(location: JobLocation, pageNum: number, itemsPerPage: number): PageKey {
  return { kind: location.kind, projectId: location.projectId, clusterName: location.clusterName, pageNum, itemsPerPage };
}

function toConnection(window: WindowResult<RestoreJobModel>): RestoreJobConnectionModel {
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
