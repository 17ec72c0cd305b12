import type { LinkWire, PaginatedWire } from '../atlas/wire';
import { parsePaging, type Paging } from './http';
import type { SimulatedKind } from './kinds/SimulatedKind';
import type { Job } from './SeedData';

/** A list request's query, checked (paging for a paged kind, the kind's filter). */
export interface ListQuery {
  paging: Paging | null;
  filter: ((job: Job) => boolean) | null;
}

/** Where a list page's links point: the request as made, and the same request for another page. */
export interface PageLinks {
  self: string;
  page(pageNum: number): string;
}

/** Checks a list's query parameters (400 INVALID_QUERY_PARAMETER), before anything else about the request. */
export function parseListQuery(kind: SimulatedKind, query: URLSearchParams): ListQuery {
  return { paging: kind.paged ? parsePaging(query) : null, filter: kind.listFilter?.(query) ?? null };
}

/**
 * One page of a kind's list, as Atlas pages it: `[(pageNum-1)*itemsPerPage, pageNum*itemsPerPage)` of the (filtered)
 * jobs, `previous`/`next` links, and `totalCount` unless `includeCount=false`.
 */
export function listPage(jobs: readonly Job[], { paging, filter }: ListQuery, links: PageLinks): PaginatedWire<Job> {
  const self: LinkWire = { href: links.self, rel: 'self' };
  if (!paging) {
    // NOTE: the shared-tier list has no paging: it returns every job, ignores pageNum/itemsPerPage/includeCount, and
    // always carries totalCount.
    return { links: [self], results: [...jobs], totalCount: jobs.length };
  }
  const selected = filter ? jobs.filter(filter) : jobs;
  const start = (paging.pageNum - 1) * paging.itemsPerPage;
  const pageLinks: LinkWire[] = [self];
  if (paging.pageNum > 1) pageLinks.push({ href: links.page(paging.pageNum - 1), rel: 'previous' });
  if (start + paging.itemsPerPage < selected.length) pageLinks.push({ href: links.page(paging.pageNum + 1), rel: 'next' });
  return {
    links: pageLinks,
    results: selected.slice(start, start + paging.itemsPerPage),
    ...(paging.includeCount ? { totalCount: selected.length } : {}),
  };
}
