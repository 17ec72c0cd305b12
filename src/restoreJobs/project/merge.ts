import type { RestoreJobKind } from '../RestoreJobKind';
import type { ListPosition } from './cursor';
import { compareNewestFirst, compareToBound, secondOf, type OrderedJob, type UnreadBound } from './order';

/** What one page read of one list (a cluster's jobs of one kind), from its position. */
export interface ListChunk<T extends OrderedJob> {
  clusterName: string;
  kind: RestoreJobKind;
  /** The list's offset where `jobs` starts (the position's). */
  start: number;
  /** The jobs read, in Atlas's order of the list. */
  jobs: T[];
  /** True when the list ends within `jobs`. */
  ended: boolean;
  /** Ids at or past `start` served by earlier pages (the position's). */
  served: readonly string[];
}

/** One job of a merged page, and the positions of every list just after it (for its cursor). */
export interface MergedEdge<T> {
  job: T;
  positions(): ListPosition[];
}

/** A merged page. */
export interface MergedPage<T> {
  edges: MergedEdge<T>[];
  /** True while any list read has jobs not yet served (or not yet read). */
  hasNextPage: boolean;
  /** The positions after the last edge (or, for an empty page, after what it passed over); computed when called. */
  endPositions(): ListPosition[];
}

interface Stream<T extends OrderedJob> {
  chunk: ListChunk<T>;
  /** Jobs that may be served now, newest first. */
  safe: T[];
  /** Jobs read but held back: Atlas may still list a newer job of the same second after them. */
  held: T[];
  next: number;
  /** Null when the list ended in this read; else the newest its unread jobs can be. */
  bound: UnreadBound | null;
  /** The jobs served from this list on this page, in the page's order. */
  served: T[];
}

/**
 * The k-way merge of one page: the newest `first` jobs over every list read, in {@link compareNewestFirst} order, that
 * `keep` accepts (the status filter) and no earlier page served.
 *
 * Atlas lists each kind's jobs newest first; the merge relies on it by the second only. Within what was read, jobs are
 * sorted whatever Atlas's order (ties of one second, a list in another order). A list that has not ended may still
 * hold, past what was read, a job of the last read second (the same second as jobs read, with a greater id): those
 * read jobs are held back, and no job of any list that such an unread job would precede is served, so the page stops
 * short (hasNextPage says more follow) rather than serve out of order. When that would leave the page empty, the
 * holding list's jobs are served anyway (a page always moves on), in order within the page.
 *
 * Positions say where each list's next unread job is: an offset in Atlas's order plus the ids past it already served,
 * so no job is served twice or passed over, whatever order each list came in. `carried` are the positions of the
 * lists not read on this page (done ones, failed ones); they go into every cursor unchanged.
 */
export function mergePage<T extends OrderedJob>(
  chunks: readonly ListChunk<T>[],
  first: number,
  keep: (job: T) => boolean,
  carried: readonly ListPosition[] = [],
): MergedPage<T> {
  const streams = chunks.map((chunk) => stream(chunk, keep));
  const order: { stream: number }[] = [];
  let relaxed = false;
  while (order.length < first) {
    let best: number | null = null;
    for (let i = 0; i < streams.length; i += 1) {
      const s = streams[i]!;
      if (s.next < s.safe.length && (best === null || compareNewestFirst(s.safe[s.next]!, streams[best]!.safe[streams[best]!.next]!) < 0)) best = i;
    }
    const candidate = best === null ? null : streams[best]!.safe[streams[best]!.next]!;
    const blocking = streams.filter(
      (s) => s.next >= s.safe.length && s.bound !== null && (candidate === null || compareToBound(candidate, s.bound) >= 0),
    );
    if (blocking.length > 0) {
      const holding = blocking.filter((s) => s.held.length > 0);
      if (order.length > 0 || relaxed || holding.length === 0) break;
      // Nothing served yet and every way on is held back: serve the newest holding list's jobs (one relaxation a page).
      holding.sort((a, b) => compareNewestFirst(a.held[0]!, b.held[0]!));
      const release = holding[0]!;
      release.safe = [...release.safe, ...release.held];
      release.held = [];
      relaxed = true;
      continue;
    }
    if (best === null) break;
    const s = streams[best]!;
    s.served.push(s.safe[s.next]!);
    s.next += 1;
    order.push({ stream: best });
  }

  const counts: number[][] = [];
  const running = streams.map(() => 0);
  for (const step of order) {
    running[step.stream]! += 1;
    counts.push([...running]);
  }
  const positionsAt = (servedCounts: readonly number[]): ListPosition[] => [
    ...carried,
    ...streams.map((s, i) => position(s.chunk, new Set(s.served.slice(0, servedCounts[i]).map((j) => j.jobId)), keep)),
  ];
  const edges = order.map((step, k) => ({
    job: streams[step.stream]!.served[counts[k]![step.stream]! - 1]!,
    positions: () => positionsAt(counts[k]!),
  }));
  const hasNextPage = streams.some((s) => s.bound !== null || s.next < s.safe.length || s.held.length > 0);
  return { edges, hasNextPage, endPositions: () => positionsAt(running) };
}

function stream<T extends OrderedJob>(chunk: ListChunk<T>, keep: (job: T) => boolean): Stream<T> {
  return { chunk, ...split(chunk, keep), next: 0, served: [] };
}

/**
 * A list's candidates (read, not served before, accepted by `keep`), newest first, split into those the merge may serve
 * now and those it holds back (see {@link mergePage}), with the bound of its unread jobs.
 */
function split<T extends OrderedJob>(chunk: ListChunk<T>, keep: (job: T) => boolean): Pick<Stream<T>, 'safe' | 'held' | 'bound'> {
  const already = new Set(chunk.served);
  const candidates = chunk.jobs.filter((job) => !already.has(job.jobId) && keep(job)).sort(compareNewestFirst);
  const last = chunk.jobs.at(-1);
  if (chunk.ended || last === undefined) return { safe: candidates, held: [], bound: null };
  const bound: UnreadBound = { second: secondOf(last.jobId), clusterName: chunk.clusterName };
  // A read of one second only says nothing about order: all of it may be served (bounded by the unread below).
  const spansSeconds = chunk.jobs.some((job) => secondOf(job.jobId) > bound.second);
  if (!spansSeconds) return { safe: candidates, held: [], bound };
  const safe = candidates.filter((job) => compareToBound(job, bound) < 0);
  const held = candidates.filter((job) => compareToBound(job, bound) >= 0);
  return { safe, held, bound };
}

/**
 * While a page's lists arrive, the line past which a read job cannot be on the page: once `first` of the safe
 * candidates read so far (as {@link mergePage} splits each list) are newer than a job, it is never served. The merge
 * serves, at every step, the newest head of the lists' safe candidates (a release only adds to them, a block only
 * stops the page), so each of those `first` comes before the job, and the page is full first. What a page can let go
 * of early is most of what it read: 29 lists of 51 jobs for a page of 50.
 */
export class ServableLine<T extends OrderedJob> {
  /** The newest `first` safe candidates so far, newest first. */
  private newest: T[] = [];

  constructor(
    private readonly first: number,
    private readonly keep: (job: T) => boolean,
  ) {}

  /** Takes a list's safe candidates into account. */
  add(chunk: ListChunk<T>): void {
    const { safe } = split(chunk, this.keep);
    if (safe.length === 0) return;
    this.newest = [...this.newest, ...safe].sort(compareNewestFirst).slice(0, this.first);
  }

  /** False once `first` safe candidates are newer than `job`: it cannot be served on this page. */
  servable(job: T): boolean {
    return this.newest.length < this.first || compareNewestFirst(job, this.newest[this.first - 1]!) <= 0;
  }
}

/**
 * A list's position once `servedNow` are served: the first offset whose job is neither served (now or before) nor
 * refused by `keep` (a refused job is passed over for good), and the served ids past it. Done (offset null) when the
 * list ended and nothing is left.
 */
function position<T extends OrderedJob>(chunk: ListChunk<T>, servedNow: ReadonlySet<string>, keep: (job: T) => boolean): ListPosition {
  const before = new Set(chunk.served);
  const gone = (job: T): boolean => before.has(job.jobId) || servedNow.has(job.jobId) || !keep(job);
  let i = 0;
  while (i < chunk.jobs.length && gone(chunk.jobs[i]!)) i += 1;
  const base = { clusterName: chunk.clusterName, kind: chunk.kind };
  if (i === chunk.jobs.length && chunk.ended) return { ...base, offset: null, served: [] };
  const rest = chunk.jobs.slice(i);
  const inRest = new Set(rest.map((job) => job.jobId));
  const read = new Set(chunk.jobs.map((job) => job.jobId));
  const served = [
    ...rest.filter((job) => before.has(job.jobId) || servedNow.has(job.jobId)).map((job) => job.jobId),
    // Served ids this read did not reach stay (a shorter read than the page that served them).
    ...chunk.served.filter((id) => !read.has(id) && !inRest.has(id)),
  ];
  return { ...base, offset: chunk.start + i, served: [...new Set(served)] };
}
