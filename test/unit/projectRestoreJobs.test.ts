import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { PaginationInputError } from '../../src/atlas/pagination';
import { estimateUpstreamCost } from '../../src/limits';
import type { RestoreJobKind } from '../../src/restoreJobs/RestoreJobKind';
import { cursorBinding, decodeProjectCursor, encodeProjectCursor, type ListPosition } from '../../src/restoreJobs/project/cursor';
import { mergePage, ServableLine, type ListChunk } from '../../src/restoreJobs/project/merge';
import { compareNewestFirst, type OrderedJob } from '../../src/restoreJobs/project/order';
import { FilterInputError, listsOf, NO_FILTER, normalizeFilter, planOnePage } from '../../src/restoreJobs/project/plan';

/** A job id of second `s` (from an arbitrary epoch) and serial `n`: the ObjectId layout the seed uses. */
function id(s: number, n: number): string {
  return `${(1_700_000_000 + s).toString(16).padStart(8, '0')}c0ffee5eed${n.toString(16).padStart(6, '0')}`;
}

interface Job extends OrderedJob {
  status: string;
}

function job(clusterName: string, s: number, n: number, kind: RestoreJobKind = 'CLOUD_BACKUP', status = 'COMPLETED'): Job {
  return { jobId: id(s, n), clusterName, kind, status };
}

const label = (j: OrderedJob): string => `${j.clusterName}:${j.jobId.slice(0, 8) === id(0, 0).slice(0, 8) ? 0 : Number.parseInt(j.jobId.slice(0, 8), 16) - 1_700_000_000}:${Number.parseInt(j.jobId.slice(18), 16)}`;

describe('project view order', () => {
  it('is newest second first, then cluster name, then job id, both descending, then kind', () => {
    const jobs = [
      job('a', 5, 1),
      job('b', 5, 2),
      job('b', 5, 3),
      job('c', 4, 9),
      job('a', 6, 0),
      job('b', 5, 3, 'LEGACY_BACKUP'),
    ];
    expect([...jobs].sort(compareNewestFirst).map((j) => `${label(j)}:${j.kind}`)).toEqual([
      'a:6:0:CLOUD_BACKUP',
      'b:5:3:LEGACY_BACKUP',
      'b:5:3:CLOUD_BACKUP',
      'b:5:2:CLOUD_BACKUP',
      'a:5:1:CLOUD_BACKUP',
      'c:4:9:CLOUD_BACKUP',
    ]);
  });
});

describe('project cursor', () => {
  const binding = cursorBinding('5f0c0ffee5eed0000000001a', NO_FILTER);
  const positions: ListPosition[] = [
    { clusterName: 'zeta', kind: 'FLEX', offset: null, served: [] },
    { clusterName: 'alpha', kind: 'CLOUD_BACKUP', offset: 51, served: [id(3, 2), id(3, 1)] },
    { clusterName: 'alpha', kind: 'LEGACY_BACKUP', offset: 0, served: [] },
  ];

  it('is base64url of a compact versioned JSON, lists sorted, those still at their start left out, and reads back', () => {
    const text = encodeProjectCursor({ binding, lists: positions });
    expect(JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))).toEqual({
      v: 1,
      b: binding,
      l: [
        ['alpha', 'C', 51, [id(3, 1), id(3, 2)]],
        ['zeta', 'F', -1],
      ],
    });
    expect(decodeProjectCursor(text, binding)).toEqual({
      binding,
      lists: [
        { clusterName: 'alpha', kind: 'CLOUD_BACKUP', offset: 51, served: [id(3, 1), id(3, 2)] },
        { clusterName: 'zeta', kind: 'FLEX', offset: null, served: [] },
      ],
    });
  });

  it('binds to the project and the filter', () => {
    expect(cursorBinding('5f0c0ffee5eed0000000001a', NO_FILTER)).toBe(binding);
    expect(cursorBinding('5f0c0ffee5eed0000000001b', NO_FILTER)).not.toBe(binding);
    expect(cursorBinding('5f0c0ffee5eed0000000001a', { ...NO_FILTER, includeLegacyBackup: true })).not.toBe(binding);
  });

  const b64 = (value: unknown): string => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8').toString('base64url');
  const bad: [string, string, string][] = [
    ['empty', '', 'it is not the base64url text this connection hands out'],
    ['not base64url', 'abc$', 'it is not the base64url text this connection hands out'],
    ['padded base64', `${b64({ v: 1 })}==`, 'it is not the base64url text this connection hands out'],
    ['an offset cursor of restoreJobs', Buffer.from('rjc1:20').toString('base64url'), 'its content is not JSON'],
    ['not JSON', b64('{"v":1,'), 'its content is not JSON'],
    ['another version', b64({ v: 2, b: binding, l: [] }), 'unknown format or version'],
    ['a JSON array', b64([1]), 'unknown format or version'],
    ['another binding', b64({ v: 1, b: 'AAAAAAAAAAA', l: [] }), 'it was made for another project or another filter'],
    ['lists not an array', b64({ v: 1, b: binding, l: {} }), 'its list positions are malformed'],
    ['a short entry', b64({ v: 1, b: binding, l: [['a', 'C']] }), 'a list position is malformed'],
    ['an unknown kind', b64({ v: 1, b: binding, l: [['a', 'X', 0]] }), 'a list position names no cluster or kind'],
    ['a bad cluster name', b64({ v: 1, b: binding, l: [['-a', 'C', 0]] }), 'a list position names no cluster or kind'],
    ['a negative offset', b64({ v: 1, b: binding, l: [['a', 'C', -2]] }), 'an offset is out of range'],
    ['a fractional offset', b64({ v: 1, b: binding, l: [['a', 'C', 1.5]] }), 'an offset is out of range'],
    ['a huge offset', b64({ v: 1, b: binding, l: [['a', 'C', 1e12]] }), 'an offset is out of range'],
    ['a bad served id', b64({ v: 1, b: binding, l: [['a', 'C', 0, ['xyz']]] }), 'a list of served ids is malformed'],
    ['a list twice', b64({ v: 1, b: binding, l: [['a', 'C', 0], ['a', 'C', 3]] }), 'a list appears twice'],
    ['too long', 'A'.repeat(70_000), 'it is not the base64url text this connection hands out'],
  ];
  it.each(bad)('refuses %s with a PaginationInputError on `after` saying why', (_name, text, why) => {
    let thrown: unknown;
    try {
      decodeProjectCursor(text, binding);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PaginationInputError);
    expect({ argument: (thrown as PaginationInputError).argument, message: (thrown as Error).message }).toEqual({
      argument: 'after',
      message: `\`after\` is not a cursor of this connection: ${why}.`,
    });
  });
});

describe('planOnePage', () => {
  it.each([
    [0, 51, { pageNum: 1, itemsPerPage: 51 }],
    [51, 51, { pageNum: 2, itemsPerPage: 51 }],
    [100, 21, { pageNum: 5, itemsPerPage: 25 }],
    // Pages of 52 to 100 start at 0 and end before 101; 101 is the smallest that holds [50, 101).
    [50, 51, { pageNum: 1, itemsPerPage: 101 }],
    // 150 = 3 × 50 is no use (pages of 50 < 51); [150, 201) starts exactly at a page of 75 (page 3).
    [150, 51, { pageNum: 3, itemsPerPage: 75 }],
    [0, 500, { pageNum: 1, itemsPerPage: 500 }],
    [0, 900, { pageNum: 1, itemsPerPage: 500 }],
    // No page of at most 500 holds [999, 1499): the one that reads the most from 999 (498 jobs, [998, 1497)).
    [999, 500, { pageNum: 3, itemsPerPage: 499 }],
  ])('from offset %i for %i jobs: %j', (offset, want, expected) => {
    expect(planOnePage(offset, want)).toEqual(expected);
  });
});

describe('project filter', () => {
  it('normalizes: dedupes and sorts lists, null for "any", legacy off by default', () => {
    expect(normalizeFilter(null)).toEqual(NO_FILTER);
    expect(normalizeFilter({ kinds: ['FLEX', 'CLOUD_BACKUP', 'FLEX'], statuses: ['FAILED', 'COMPLETED'], clusterNames: ['b', 'a'] })).toEqual({
      kinds: ['CLOUD_BACKUP', 'FLEX'],
      statuses: ['COMPLETED', 'FAILED'],
      clusterNames: ['a', 'b'],
      includeLegacyBackup: false,
    });
  });

  it.each([
    [{ kinds: [] }, 'filter.kinds is empty, so nothing would match: leave it out to match every value.'],
    [{ kinds: ['LEGACY_BACKUP' as const] }, 'filter.kinds names LEGACY_BACKUP: set filter.includeLegacyBackup to true to read Legacy Backup lists.'],
    [{ clusterNames: ['ok', 'no/slash'] }, 'filter.clusterNames: each name must start with a letter or digit and hold only letters, digits and hyphens (at most 64).'],
  ])('refuses %j', (input, message) => {
    expect(() => normalizeFilter(input)).toThrow(new FilterInputError(message));
  });

  it('reads the kind that serves a cluster, and a dedicated cluster\'s Legacy Backup list only when asked', () => {
    const dedicated = { name: 'd', restoreJobKind: 'CLOUD_BACKUP' as const, legacyBackup: true };
    const legacyOnly = { name: 'l', restoreJobKind: null, legacyBackup: true };
    const free = { name: 'f', restoreJobKind: null, legacyBackup: false };
    const flex = { name: 'x', restoreJobKind: 'FLEX' as const, legacyBackup: false };
    const legacy = normalizeFilter({ includeLegacyBackup: true });
    expect([dedicated, legacyOnly, free, flex].map((c) => listsOf(c, NO_FILTER))).toEqual([[{ clusterName: 'd', kind: 'CLOUD_BACKUP' }], [], [], [{ clusterName: 'x', kind: 'FLEX' }]]);
    expect([dedicated, legacyOnly, free, flex].map((c) => listsOf(c, legacy))).toEqual([
      [
        { clusterName: 'd', kind: 'CLOUD_BACKUP' },
        { clusterName: 'd', kind: 'LEGACY_BACKUP' },
      ],
      [{ clusterName: 'l', kind: 'LEGACY_BACKUP' }],
      [],
      [{ clusterName: 'x', kind: 'FLEX' }],
    ]);
    expect(listsOf(dedicated, normalizeFilter({ includeLegacyBackup: true, kinds: ['LEGACY_BACKUP'] }))).toEqual([{ clusterName: 'd', kind: 'LEGACY_BACKUP' }]);
    expect(listsOf(flex, normalizeFilter({ clusterNames: ['d'] }))).toEqual([]);
  });
});

const everyJob = (): boolean => true;

function chunk(clusterName: string, jobs: Job[], ended: boolean, start = 0, served: string[] = []): ListChunk<Job> {
  return { clusterName, kind: jobs[0]?.kind ?? 'CLOUD_BACKUP', start, jobs, ended, served };
}

describe('mergePage', () => {
  it('merges lists newest first whatever order each came in, and says where each list stands after every edge', () => {
    const a = [job('a', 9, 1), job('a', 7, 2), job('a', 3, 3)];
    // b lists ties of one second in ascending id order, and its lists' seconds out of order within the read.
    const b = [job('b', 8, 4), job('b', 8, 6), job('b', 5, 5), job('b', 6, 7)];
    const page = mergePage([chunk('a', a, true), chunk('b', b, true)], 4, everyJob);
    expect(page.edges.map((e) => label(e.job))).toEqual(['a:9:1', 'b:8:6', 'b:8:4', 'a:7:2']);
    expect(page.hasNextPage).toBe(true);
    expect(page.edges.map((e) => e.positions().map((p) => `${p.clusterName}@${p.offset}+${p.served.length}`))).toEqual([
      ['a@1+0', 'b@0+0'],
      ['a@1+0', 'b@0+1'],
      ['a@1+0', 'b@2+0'],
      ['a@2+0', 'b@2+0'],
    ]);
    expect(page.endPositions()).toEqual([
      { clusterName: 'a', kind: 'CLOUD_BACKUP', offset: 2, served: [] },
      { clusterName: 'b', kind: 'CLOUD_BACKUP', offset: 2, served: [] },
    ]);
  });

  it('holds back a list\'s last read second when the list goes on, and stops the page short rather than serve out of order', () => {
    // a's read ends inside second 5: a later read may hold another job of second 5 with a greater id.
    const a = [job('a', 9, 1), job('a', 5, 2)];
    const b = [job('b', 5, 3), job('b', 4, 4)];
    const page = mergePage([chunk('a', a, false), chunk('b', b, true)], 10, everyJob);
    expect(page.edges.map((e) => label(e.job))).toEqual(['a:9:1', 'b:5:3']);
    expect(page.hasNextPage).toBe(true);
    expect(page.endPositions()).toEqual([
      { clusterName: 'a', kind: 'CLOUD_BACKUP', offset: 1, served: [] },
      { clusterName: 'b', kind: 'CLOUD_BACKUP', offset: 1, served: [] },
    ]);
  });

  it('serves a held-back list rather than an empty page', () => {
    // A list in ascending order: everything read is at or below its last second, so all of it is held back.
    const ascending = mergePage([chunk('a', [job('a', 2, 5), job('a', 9, 4)], false)], 5, everyJob);
    expect(ascending.edges.map((e) => label(e.job))).toEqual(['a:9:4', 'a:2:5']);
    expect(ascending.hasNextPage).toBe(true);
    expect(ascending.endPositions()).toEqual([{ clusterName: 'a', kind: 'CLOUD_BACKUP', offset: 2, served: [] }]);
    // A read of one second: served by id, as far as the page goes.
    const a = [job('a', 5, 1), job('a', 5, 2), job('a', 5, 3)];
    const onlySecond = mergePage([chunk('a', a, false)], 2, everyJob);
    expect(onlySecond.edges.map((e) => label(e.job))).toEqual(['a:5:3', 'a:5:2']);
    expect(onlySecond.endPositions()).toEqual([{ clusterName: 'a', kind: 'CLOUD_BACKUP', offset: 0, served: [id(5, 2), id(5, 3)] }]);
  });

  it('passes over jobs the filter refuses for good, and skips what earlier pages served', () => {
    const a = [job('a', 9, 1, 'FLEX', 'FAILED'), job('a', 8, 2, 'FLEX', 'COMPLETED'), job('a', 7, 3, 'FLEX', 'FAILED')];
    const failed = (j: Job): boolean => j.status === 'FAILED';
    const page = mergePage([chunk('a', a, true, 10, [id(9, 1)])], 5, failed);
    expect(page.edges.map((e) => label(e.job))).toEqual(['a:7:3']);
    expect(page.hasNextPage).toBe(false);
    expect(page.endPositions()).toEqual([{ clusterName: 'a', kind: 'FLEX', offset: null, served: [] }]);
  });
});

/** An Atlas list in memory, paged as Atlas pages (pageNum/itemsPerPage), read as the service reads it. */
function readAt(list: Job[], position: ListPosition, first: number, filtered: boolean): ListChunk<Job> {
  const offset = position.offset ?? 0;
  const want = filtered ? 500 : Math.min(500, first + 1 + position.served.length);
  const { pageNum, itemsPerPage } = planOnePage(offset, want);
  const pageStart = (pageNum - 1) * itemsPerPage;
  const items = list.slice(pageStart, pageStart + itemsPerPage);
  return { clusterName: position.clusterName, kind: position.kind, start: offset, jobs: items.slice(offset - pageStart), ended: items.length < itemsPerPage, served: position.served };
}

/**
 * Deterministic lists: 7 clusters of 0 to 60 jobs, newest first by the second, with runs of up to `maxRun` jobs of one
 * second (a sharded legacy restore makes one job per shard at once), half of them listed in ascending id order.
 */
function lists(seed: number, maxRun: number): Map<string, Job[]> {
  let state = seed;
  const rand = (n: number): number => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % n;
  };
  const out = new Map<string, Job[]>();
  let serial = 0;
  for (let c = 0; c < 7; c += 1) {
    const name = `cluster-${c}`;
    const jobs: Job[] = [];
    let second = 10_000;
    const length = rand(61);
    while (jobs.length < length) {
      second -= 1 + rand(50);
      const run = rand(3) === 0 ? 1 + rand(maxRun) : 1;
      const ids = Array.from({ length: run }, () => (serial += 1));
      if (rand(2) === 0) ids.reverse();
      for (const n of ids) jobs.push(job(name, second, n, 'CLOUD_BACKUP', rand(3) === 0 ? 'FAILED' : 'COMPLETED'));
    }
    out.set(name, jobs);
  }
  return out;
}

/**
 * Walks every page. On each, a {@link ServableLine} fed with the page's lists must let go of no job the merge then
 * serves (the service drops the bodies of the jobs it lets go); `pastLine` counts the jobs it let go.
 */
function walk(all: Map<string, Job[]>, first: number, keep: (j: Job) => boolean, filtered: boolean): { served: Job[]; pages: number; calls: number; pastLine: number } {
  let positions: ListPosition[] = [...all.keys()].map((clusterName) => ({ clusterName, kind: 'CLOUD_BACKUP', offset: 0, served: [] }));
  const served: Job[] = [];
  let pages = 0;
  let calls = 0;
  let pastLine = 0;
  for (;;) {
    pages += 1;
    if (pages > 1_000) throw new Error('the walk does not end');
    const open = positions.filter((p) => p.offset !== null);
    const carried = positions.filter((p) => p.offset === null);
    calls += open.length;
    const chunks = open.map((p) => readAt(all.get(p.clusterName)!, p, first, filtered));
    // The lists in another order than the merge's: the line is the same whatever order they arrive in.
    const line = new ServableLine<Job>(first, keep);
    for (const chunk of [...chunks].reverse()) line.add(chunk);
    pastLine += chunks.flatMap((c) => c.jobs).filter((j) => !line.servable(j)).length;
    const page = mergePage(chunks, first, keep, carried);
    expect(page.edges.filter((e) => !line.servable(e.job)).map((e) => label(e.job))).toEqual([]);
    served.push(...page.edges.map((e) => e.job));
    // Every edge's cursor and the page's end agree on where the last edge left the lists.
    if (page.edges.length > 0) expect(page.edges.at(-1)!.positions()).toEqual(page.endPositions());
    positions = page.endPositions();
    if (!page.hasNextPage) return { served, pages, calls, pastLine };
  }
}

describe('a walk of every page', () => {
  it.each([
    [1, 1],
    [2, 3],
    [3, 10],
    [4, 50],
    [5, 7],
    [6, 500],
  ])('seed %i, pages of %i: every job once, in order, against the sum of the lists', (seed, first) => {
    const all = lists(seed, first + 1);
    const expected = [...all.values()].flat().sort(compareNewestFirst).map(label);
    const { served, calls, pages, pastLine } = walk(all, first, everyJob, false);
    expect(served.map(label)).toEqual(expected);
    // Every walk here reads more than its pages serve: the line lets some of it go early.
    expect(pastLine).toBeGreaterThan(0);
    // One call per open list per page: never more than the lists times the pages.
    expect(calls).toBeLessThanOrEqual(all.size * pages);
  });

  it.each([
    [7, 2],
    [8, 5],
  ])('seed %i, pages of %i, runs of one second longer than a read: every job once, in order by second and cluster', (seed, first) => {
    const all = lists(seed, 12);
    const bySecond = (j: Job): string => label(j).split(':').slice(0, 2).join(':');
    const expected = [...all.values()].flat().sort(compareNewestFirst);
    const { served } = walk(all, first, everyJob, false);
    expect(served.map(bySecond)).toEqual(expected.map(bySecond));
    expect([...served.map(label)].sort()).toEqual([...expected.map(label)].sort());
  });

  it.each([
    [11, 5],
    [12, 20],
  ])('seed %i with a status filter, pages of %i: every matching job once, in order', (seed, first) => {
    const all = lists(seed, first + 1);
    const failed = (j: Job): boolean => j.status === 'FAILED';
    const expected = [...all.values()].flat().filter(failed).sort(compareNewestFirst).map(label);
    expect(walk(all, first, failed, true).served.map(label)).toEqual(expected);
  });
});

describe('projectRestoreJobs cost (GRAPHQL_MAX_COST)', () => {
  const estimate = (source: string, variables: Record<string, unknown> = {}, projectMaxClusters = 40) => {
    const operation = parse(source).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    return estimateUpstreamCost(operation, {}, variables, { projectMaxClusters });
  };
  const P = 'projectId: "5f0c0ffee5eed0000000001a"';
  it.each([
    [`{ projectRestoreJobs(${P}) { nodes { jobId } } }`, {}, 40, { upstreamCalls: 42, items: 20, cost: 440 }],
    [`{ projectRestoreJobs(${P}, first: 200) { nodes { jobId } } }`, {}, 40, { upstreamCalls: 42, items: 200, cost: 620 }],
    [`query($n: Int) { projectRestoreJobs(${P}, first: $n) { nodes { jobId } } }`, { n: 500 }, 40, { upstreamCalls: 42, items: 500, cost: 920 }],
    [`{ projectRestoreJobs(${P}, first: 200, filter: { includeLegacyBackup: true }) { nodes { jobId } } }`, {}, 40, { upstreamCalls: 82, items: 200, cost: 1_020 }],
    [`{ projectRestoreJobs(${P}, first: 50, filter: { clusterNames: ["a", "b"] }) { nodes { jobId } } }`, {}, 40, { upstreamCalls: 4, items: 50, cost: 90 }],
    [`{ projectRestoreJobs(${P}, first: 50, filter: { clusterNames: "a", includeLegacyBackup: true }) { nodes { jobId } } }`, {}, 40, { upstreamCalls: 4, items: 50, cost: 90 }],
    [
      `query($f: ProjectRestoreJobFilter) { projectRestoreJobs(${P}, first: 10, filter: $f) { nodes { jobId } } }`,
      { f: { clusterNames: ['a', 'b', 'c'], includeLegacyBackup: true } },
      40,
      { upstreamCalls: 8, items: 10, cost: 90 },
    ],
    [`query($l: Boolean) { projectRestoreJobs(${P}, filter: { includeLegacyBackup: $l }) { nodes { jobId } } }`, { l: true }, 40, { upstreamCalls: 82, items: 20, cost: 840 }],
    [`{ projectRestoreJobs(${P}, first: 200) { nodes { jobId } } }`, {}, 100, { upstreamCalls: 102, items: 200, cost: 1_220 }],
  ])('%s %j at PROJECT_MAX_CLUSTERS=%i', (source, variables, max, expected) => {
    expect(estimate(source, variables, max)).toEqual(expected);
  });
});
