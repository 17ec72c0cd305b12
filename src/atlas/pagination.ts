/**
 * Relay connection windows <-> Atlas `pageNum`/`itemsPerPage` pages, and opaque cursors.
 * Pure arithmetic: no I/O, nothing from graphql (errors.ts maps `PaginationInputError` to BAD_USER_INPUT).
 */

/** Atlas's `itemsPerPage` maximum. */
export const MAX_PAGE_SIZE = 500;
/** `first`/`last` when neither is given. */
export const DEFAULT_WINDOW = 20;
/** `first`/`last` above this are capped to it. */
export const MAX_WINDOW = 500;
/** The largest offset a cursor may carry; anything above is treated as malformed. */
export const MAX_CURSOR_OFFSET = 1_000_000_000;

const CURSOR_PREFIX = 'rjc1:';
const CURSOR_TEXT = /^rjc1:(0|[1-9][0-9]{0,9})$/;
const BASE64URL = /^[A-Za-z0-9_-]{1,64}$/;

/** The connection argument a bad value came from. */
export type PaginationArgument = 'first' | 'last' | 'after' | 'before';

/** A client's connection arguments are unusable (bad cursor, negative count, `first` with `last`). */
export class PaginationInputError extends Error {
  readonly argument: PaginationArgument;

  constructor(argument: PaginationArgument, message: string) {
    super(message);
    this.name = 'PaginationInputError';
    this.argument = argument;
  }
}

/** Opaque cursor for an absolute 0-based offset: base64url of `rjc1:<offset>` (versioned so the format can change). */
export function encodeCursor(offset: number): string {
  if (!Number.isInteger(offset) || offset < 0 || offset > MAX_CURSOR_OFFSET) {
    throw new RangeError(`cursor offset must be an integer in [0, ${MAX_CURSOR_OFFSET}], got ${offset}`);
  }
  return Buffer.from(`${CURSOR_PREFIX}${offset}`, 'utf8').toString('base64url');
}

/**
 * The offset inside a cursor made by `encodeCursor`. Only the canonical encoding is accepted (no padding, no
 * leading zeros, nothing appended), so one offset has exactly one cursor.
 * @throws PaginationInputError for `argument` on anything else.
 */
export function decodeCursor(cursor: string, argument: 'after' | 'before' = 'after'): number {
  const invalid = (): PaginationInputError =>
    new PaginationInputError(argument, `\`${argument}\` is not a valid cursor for this connection.`);
  if (typeof cursor !== 'string' || !BASE64URL.test(cursor)) throw invalid();
  const bytes = Buffer.from(cursor, 'base64url');
  // Node's decoder skips stray bits and characters; a round trip rejects every non-canonical spelling.
  if (bytes.toString('base64url') !== cursor) throw invalid();
  const match = CURSOR_TEXT.exec(bytes.toString('latin1'));
  if (match === null) throw invalid();
  const offset = Number(match[1]);
  if (offset > MAX_CURSOR_OFFSET) throw invalid();
  return offset;
}

/** Relay connection arguments as the resolver receives them. */
export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/**
 * The absolute window `[start, end)` the arguments ask for, or `fromEnd` when `last` is given without `before`
 * (the list's length is needed first; see `resolveFromEnd`). `minStart` is `after + 1`, or 0 without `after`.
 */
export type WindowPlan =
  | { type: 'range'; start: number; end: number; direction: 'forward' | 'backward'; beforeGiven: boolean }
  | { type: 'fromEnd'; count: number; minStart: number };

function readCount(argument: 'first' | 'last', value: number): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new PaginationInputError(argument, `\`${argument}\` must be a non-negative integer, got ${value}.`);
  }
  return Math.min(value, MAX_WINDOW);
}

/**
 * Turns connection arguments into an absolute window. Counts default to `DEFAULT_WINDOW` (`last` when only `before`
 * is given, else `first`) and are capped at `MAX_WINDOW`. A window whose `before` is at or before its `after` is
 * empty, at `after + 1`.
 * @throws PaginationInputError for a negative or fractional count, a bad cursor, or both `first` and `last`.
 */
export function planWindow(args: ConnectionArgs): WindowPlan {
  const first = args.first ?? null;
  const last = args.last ?? null;
  if (first !== null && last !== null) {
    throw new PaginationInputError('last', 'Use either `first` or `last`, not both.');
  }
  const firstCount = first === null ? null : readCount('first', first);
  const lastCount = last === null ? null : readCount('last', last);
  const after = args.after == null ? null : decodeCursor(args.after, 'after');
  const before = args.before == null ? null : decodeCursor(args.before, 'before');

  const minStart = after === null ? 0 : after + 1;
  const backward = lastCount !== null || (firstCount === null && before !== null && after === null);

  if (!backward) {
    const count = firstCount ?? DEFAULT_WINDOW;
    const end = before === null ? minStart + count : Math.max(minStart, Math.min(minStart + count, before));
    return { type: 'range', start: minStart, end, direction: 'forward', beforeGiven: before !== null };
  }
  const count = lastCount ?? DEFAULT_WINDOW;
  if (before === null) return { type: 'fromEnd', count, minStart };
  const start = Math.max(minStart, before - count);
  return { type: 'range', start, end: Math.max(start, before), direction: 'backward', beforeGiven: true };
}

/** Upstream pages to fetch: consecutive 1-based `pageNums`, all of `itemsPerPage` items. */
export interface PagePlan {
  itemsPerPage: number;
  pageNums: number[];
}

function pageCount(start: number, end: number, size: number): number {
  return Math.floor((end - 1) / size) - Math.floor(start / size) + 1;
}

/**
 * The pages covering `[start, end)` with the fewest calls, and among those the smallest `itemsPerPage` (least
 * transferred): one page when one of at most `maxPageSize` items holds the range, else two, and so on for ranges
 * no two pages can hold. Costs O(maxPageSize) per call whatever the offset.
 * An empty range gets the single item AT `start` (`{ itemsPerPage: 1, pageNums: [start + 1] }`), which tells
 * whether anything is there.
 */
export function planPages(start: number, end: number, maxPageSize: number = MAX_PAGE_SIZE): PagePlan {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new RangeError(`planPages needs integers 0 <= start <= end, got [${start}, ${end})`);
  }
  if (!Number.isSafeInteger(maxPageSize) || maxPageSize < 1) {
    throw new RangeError(`maxPageSize must be a positive integer, got ${maxPageSize}`);
  }
  if (end === start) return { itemsPerPage: 1, pageNums: [start + 1] };

  const length = end - start;
  // Pages of maxPageSize need at most one more than ceil(length / maxPageSize), so the loop ends by then.
  for (let pages = Math.ceil(length / maxPageSize); ; pages++) {
    for (let size = Math.ceil(length / pages); size <= maxPageSize; size++) {
      if (pageCount(start, end, size) <= pages) {
        const firstPage = Math.floor(start / size) + 1;
        const lastPage = Math.floor((end - 1) / size) + 1;
        return { itemsPerPage: size, pageNums: range(firstPage, lastPage) };
      }
    }
  }
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let n = from; n <= to; n++) out.push(n);
  return out;
}

/**
 * Fetch plan for the window `[start, end)`, reading the item at `end` too (`lookAhead`, which makes `hasNextPage`
 * exact) whenever that costs no extra page. Without it the caller relies on the last page's `next` link or
 * `totalCount` (see `sliceWindow`).
 */
export function planFetch(start: number, end: number): { plan: PagePlan; lookAhead: boolean } {
  const withLookAhead = planPages(start, end + 1);
  if (start === end) return { plan: withLookAhead, lookAhead: true };
  const exact = planPages(start, end);
  if (withLookAhead.pageNums.length <= exact.pageNums.length) return { plan: withLookAhead, lookAhead: true };
  return { plan: exact, lookAhead: false };
}

/** One upstream page as fetched: its request, its `results`, whether it had a `rel=next` link, its `totalCount`. */
export interface FetchedPage<T> {
  pageNum: number;
  itemsPerPage: number;
  items: T[];
  hasNextLink: boolean;
  totalCount: number | null;
}

/** A window cut from the upstream list: items with their absolute offsets (for cursors) and exact page info. */
export interface WindowResult<T> {
  items: { offset: number; item: T }[];
  hasPreviousPage: boolean;
  hasNextPage: boolean;
  totalCount: number | null;
}

/**
 * Cuts `[start, end)` out of the fetched pages (page k of size p starts at offset (k-1)p). `hasNextPage`, first rule
 * that applies: the item at `end` was fetched -> true; the last page is short and would have held `end` -> false
 * (the list ends there; this covers a window past the end); the last page is full and ends at `end` -> its `next`
 * link; else `totalCount > end` when Atlas gave a count, else `beforeGiven` (the `before` cursor's item exists).
 * `hasPreviousPage` is `start > 0`. `totalCount` is the first page's (Atlas's estimate).
 * NOTE: a page holding more than `itemsPerPage` results is malformed (a mock serving random bodies sends such
 * pages); the excess would overlap the next page's offsets, so only the first `itemsPerPage` count. Offsets past
 * `MAX_CURSOR_OFFSET` have no cursor and are left out.
 */
export function sliceWindow<T>(
  pages: FetchedPage<T>[],
  start: number,
  end: number,
  opts: { beforeGiven: boolean },
): WindowResult<T> {
  const ordered = [...pages].sort((a, b) => a.pageNum - b.pageNum);
  const items: { offset: number; item: T }[] = [];
  let sawEnd = false;
  for (const page of ordered) {
    const base = (page.pageNum - 1) * page.itemsPerPage;
    page.items.slice(0, page.itemsPerPage).forEach((item, index) => {
      const offset = base + index;
      if (offset > MAX_CURSOR_OFFSET) return;
      if (offset === end) sawEnd = true;
      if (offset >= start && offset < end) items.push({ offset, item });
    });
  }
  const totalCount = ordered[0]?.totalCount ?? null;
  const hasNextPage = nextPageKnown(ordered, end, sawEnd, totalCount, opts);
  return { items, hasPreviousPage: start > 0, hasNextPage, totalCount };
}

function nextPageKnown<T>(
  ordered: FetchedPage<T>[],
  end: number,
  sawEnd: boolean,
  totalCount: number | null,
  opts: { beforeGiven: boolean },
): boolean {
  if (sawEnd) return true;
  const last = ordered[ordered.length - 1];
  if (last !== undefined) {
    const base = (last.pageNum - 1) * last.itemsPerPage;
    const pageEnd = base + last.itemsPerPage;
    if (last.items.length < last.itemsPerPage && end >= base) return false;
    if (last.items.length >= last.itemsPerPage && pageEnd === end) return last.hasNextLink;
  }
  return totalCount !== null ? totalCount > end : opts.beforeGiven;
}

/** `[start, end)` of a list Atlas returns whole (shared tier); everything is exact and `totalCount` is its length. */
export function sliceArray<T>(all: T[], start: number, end: number): WindowResult<T> {
  const items = all.slice(start, end).map((item, index) => ({ offset: start + index, item }));
  return { items, hasPreviousPage: start > 0, hasNextPage: all.length > end, totalCount: all.length };
}

/**
 * Resolves a `fromEnd` plan once the list's length is known: the last `count` items, never starting below
 * `minStart` (`after + 1`). An `after` at or past the end gives the empty window at `length`.
 * NOTE: the length is often Atlas's `totalCount`, an estimate, which can exceed any offset a cursor can carry
 * (an int32 goes to 2^31 - 1); the window then ends at `MAX_CURSOR_OFFSET`, the last addressable position.
 */
export function resolveFromEnd(length: number, count: number, minStart = 0): { start: number; end: number } {
  const end = Math.min(length, MAX_CURSOR_OFFSET);
  const start = Math.min(end, Math.max(minStart, end - count, 0));
  return { start, end };
}
