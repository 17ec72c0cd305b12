import {
  DEFAULT_WINDOW,
  MAX_CURSOR_OFFSET,
  MAX_PAGE_SIZE,
  MAX_WINDOW,
  PaginationInputError,
  decodeCursor,
  encodeCursor,
  planFetch,
  planPages,
  planWindow,
  type ConnectionArgs,
  type PagePlan,
} from '../../src/atlas/pagination';

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

/** What a call threw, as a plain object, so a test can compare it whole. */
function thrown(fn: () => unknown): { name: string; argument: string; message: string } | 'no error' {
  try {
    fn();
  } catch (error) {
    if (error instanceof PaginationInputError) {
      return { name: error.name, argument: error.argument, message: error.message };
    }
    throw error;
  }
  return 'no error';
}

/** Offsets a plan fetches. */
function covered(plan: PagePlan): { from: number; to: number } {
  const firstPage = plan.pageNums[0] ?? Number.NaN;
  const lastPage = plan.pageNums[plan.pageNums.length - 1] ?? Number.NaN;
  return { from: (firstPage - 1) * plan.itemsPerPage, to: lastPage * plan.itemsPerPage };
}

/** Oracle: tries every page size, keeps the fewest pages, then the smallest size. */
function bruteForcePlan(start: number, end: number, maxPageSize: number): PagePlan {
  let best: PagePlan | null = null;
  for (let size = 1; size <= maxPageSize; size++) {
    const firstPage = Math.floor(start / size) + 1;
    const lastPage = Math.floor((end - 1) / size) + 1;
    const pageNums: number[] = [];
    for (let n = firstPage; n <= lastPage; n++) pageNums.push(n);
    if (best === null || pageNums.length < best.pageNums.length) best = { itemsPerPage: size, pageNums };
  }
  if (best === null) throw new Error('maxPageSize must be >= 1');
  return best;
}

describe('constants', () => {
  it('match Atlas and the design', () => {
    expect({ MAX_PAGE_SIZE, DEFAULT_WINDOW, MAX_WINDOW }).toEqual({
      MAX_PAGE_SIZE: 500,
      DEFAULT_WINDOW: 20,
      MAX_WINDOW: 500,
    });
  });
});

describe('cursors', () => {
  it('encodes the versioned offset as base64url', () => {
    expect([encodeCursor(0), encodeCursor(1234), encodeCursor(1_000_000_000)]).toEqual([
      'cmpjMTow',
      'cmpjMToxMjM0',
      'cmpjMToxMDAwMDAwMDAw',
    ]);
  });

  it('round-trips offsets', () => {
    const offsets = [0, 1, 19, 20, 499, 500, 501, 9_999, 123_456_789, 1_000_000_000];
    expect(offsets.map((offset) => decodeCursor(encodeCursor(offset)))).toEqual(offsets);
  });

  it('refuses to encode an offset no cursor can carry', () => {
    expect(() => encodeCursor(-1)).toThrow(RangeError);
    expect(() => encodeCursor(1.5)).toThrow(RangeError);
    expect(() => encodeCursor(1_000_000_001)).toThrow(RangeError);
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'not a cursor!'],
    ['the raw text', 'rjc1:5'],
    ['standard base64 padding', Buffer.from('rjc1:12').toString('base64')],
    ['non-canonical trailing bits', 'cmpjMToxMh'],
    ['wrong prefix', b64('rjc2:5')],
    ['no prefix', b64('5')],
    ['non-integer', b64('rjc1:1.5')],
    ['not a number', b64('rjc1:abc')],
    ['negative', b64('rjc1:-1')],
    ['too large', b64('rjc1:1000000001')],
    ['leading zeros', b64('rjc1:007')],
    ['trailing characters', b64('rjc1:12x')],
    ['trailing whitespace', b64('rjc1:12 ')],
    ['empty offset', b64('rjc1:')],
    ['very long', 'A'.repeat(100)],
  ])('rejects a malformed cursor (%s)', (_kind, cursor) => {
    expect(thrown(() => decodeCursor(cursor))).toEqual({
      name: 'PaginationInputError',
      argument: 'after',
      message: '`after` is not a valid cursor for this connection.',
    });
  });

  it('names the argument the cursor came from', () => {
    expect(thrown(() => decodeCursor(b64('rjc2:5'), 'before'))).toEqual({
      name: 'PaginationInputError',
      argument: 'before',
      message: '`before` is not a valid cursor for this connection.',
    });
  });
});

describe('planWindow', () => {
  const c = encodeCursor;

  it.each<[string, ConnectionArgs, ReturnType<typeof planWindow>]>([
    ['no arguments', {}, { type: 'range', start: 0, end: 20, direction: 'forward', beforeGiven: false }],
    [
      'all null',
      { first: null, after: null, last: null, before: null },
      { type: 'range', start: 0, end: 20, direction: 'forward', beforeGiven: false },
    ],
    ['first', { first: 5 }, { type: 'range', start: 0, end: 5, direction: 'forward', beforeGiven: false }],
    ['first: 0', { first: 0 }, { type: 'range', start: 0, end: 0, direction: 'forward', beforeGiven: false }],
    [
      'first over the cap',
      { first: 10_000 },
      { type: 'range', start: 0, end: 500, direction: 'forward', beforeGiven: false },
    ],
    ['after only', { after: c(9) }, { type: 'range', start: 10, end: 30, direction: 'forward', beforeGiven: false }],
    [
      'first + after',
      { first: 3, after: c(9) },
      { type: 'range', start: 10, end: 13, direction: 'forward', beforeGiven: false },
    ],
    [
      'first + before',
      { first: 5, before: c(3) },
      { type: 'range', start: 0, end: 3, direction: 'forward', beforeGiven: true },
    ],
    [
      'first + after + before, before nearer',
      { first: 50, after: c(9), before: c(30) },
      { type: 'range', start: 10, end: 30, direction: 'forward', beforeGiven: true },
    ],
    [
      'first + after + before, first nearer',
      { first: 5, after: c(9), before: c(30) },
      { type: 'range', start: 10, end: 15, direction: 'forward', beforeGiven: true },
    ],
    [
      'after + before, default first',
      { after: c(9), before: c(100) },
      { type: 'range', start: 10, end: 30, direction: 'forward', beforeGiven: true },
    ],
    [
      'before at or before after',
      { first: 5, after: c(9), before: c(4) },
      { type: 'range', start: 10, end: 10, direction: 'forward', beforeGiven: true },
    ],
    ['before only', { before: c(50) }, { type: 'range', start: 30, end: 50, direction: 'backward', beforeGiven: true }],
    [
      'before near the start',
      { before: c(5) },
      { type: 'range', start: 0, end: 5, direction: 'backward', beforeGiven: true },
    ],
    [
      'last + before',
      { last: 3, before: c(50) },
      { type: 'range', start: 47, end: 50, direction: 'backward', beforeGiven: true },
    ],
    [
      'last: 0 + before',
      { last: 0, before: c(50) },
      { type: 'range', start: 50, end: 50, direction: 'backward', beforeGiven: true },
    ],
    [
      'last over the cap + before',
      { last: 900, before: c(2000) },
      { type: 'range', start: 1500, end: 2000, direction: 'backward', beforeGiven: true },
    ],
    [
      'last + after + before, after binds',
      { last: 30, after: c(39), before: c(50) },
      { type: 'range', start: 40, end: 50, direction: 'backward', beforeGiven: true },
    ],
    [
      'last + after + before, last binds',
      { last: 3, after: c(39), before: c(50) },
      { type: 'range', start: 47, end: 50, direction: 'backward', beforeGiven: true },
    ],
    [
      'last + after + before, before at or before after',
      { last: 3, after: c(39), before: c(20) },
      { type: 'range', start: 40, end: 40, direction: 'backward', beforeGiven: true },
    ],
    ['before at 0', { before: c(0) }, { type: 'range', start: 0, end: 0, direction: 'backward', beforeGiven: true }],
    ['last only', { last: 7 }, { type: 'fromEnd', count: 7, minStart: 0 }],
    ['last over the cap', { last: 501 }, { type: 'fromEnd', count: 500, minStart: 0 }],
    ['last + after', { last: 7, after: c(99) }, { type: 'fromEnd', count: 7, minStart: 100 }],
  ])('%s', (_name, args, expected) => {
    expect(planWindow(args)).toEqual(expected);
  });

  it.each<[string, ConnectionArgs, { name: string; argument: string; message: string }]>([
    [
      'negative first',
      { first: -1 },
      { name: 'PaginationInputError', argument: 'first', message: '`first` must be a non-negative integer, got -1.' },
    ],
    [
      'negative last',
      { last: -3, before: encodeCursor(10) },
      { name: 'PaginationInputError', argument: 'last', message: '`last` must be a non-negative integer, got -3.' },
    ],
    [
      'fractional first',
      { first: 2.5 },
      { name: 'PaginationInputError', argument: 'first', message: '`first` must be a non-negative integer, got 2.5.' },
    ],
    [
      'first and last',
      { first: 1, last: 1 },
      { name: 'PaginationInputError', argument: 'last', message: 'Use either `first` or `last`, not both.' },
    ],
    [
      'bad after',
      { first: 1, after: 'nope' },
      {
        name: 'PaginationInputError',
        argument: 'after',
        message: '`after` is not a valid cursor for this connection.',
      },
    ],
    [
      'bad before',
      { last: 1, before: b64('rjc1:-4') },
      {
        name: 'PaginationInputError',
        argument: 'before',
        message: '`before` is not a valid cursor for this connection.',
      },
    ],
  ])('rejects %s', (_name, args, expected) => {
    expect(thrown(() => planWindow(args))).toEqual(expected);
  });
});

describe('planPages', () => {
  it.each<[string, number, number, PagePlan]>([
    ['empty: the one item at start', 7, 7, { itemsPerPage: 1, pageNums: [8] }],
    ['empty at 0', 0, 0, { itemsPerPage: 1, pageNums: [1] }],
    ['one item', 41, 42, { itemsPerPage: 1, pageNums: [42] }],
    ['aligned at 0', 0, 20, { itemsPerPage: 20, pageNums: [1] }],
    ['aligned', 20, 40, { itemsPerPage: 20, pageNums: [2] }],
    ['aligned small', 5, 10, { itemsPerPage: 5, pageNums: [2] }],
    ['unaligned near 0', 3, 10, { itemsPerPage: 10, pageNums: [1] }],
    ['unaligned', 990, 1010, { itemsPerPage: 22, pageNums: [46] }],
    ['straddling a 500 boundary', 499, 501, { itemsPerPage: 3, pageNums: [167] }],
    ['a full Atlas page', 10_000, 10_500, { itemsPerPage: 500, pageNums: [21] }],
    ['two pages: 500 items off by one', 1, 501, { itemsPerPage: 251, pageNums: [1, 2] }],
    ['two pages: 501 items', 0, 501, { itemsPerPage: 251, pageNums: [1, 2] }],
    ['two pages: 500 items halfway', 250, 750, { itemsPerPage: 250, pageNums: [2, 3] }],
    ['two pages: 1000 aligned items', 0, 1000, { itemsPerPage: 500, pageNums: [1, 2] }],
    ['three pages', 1, 1001, { itemsPerPage: 334, pageNums: [1, 2, 3] }],
  ])('%s', (_name, start, end, expected) => {
    expect(planPages(start, end)).toEqual(expected);
  });

  it('honours a smaller maximum page size', () => {
    expect([planPages(3, 10, 4), planPages(0, 8, 4), planPages(2, 4, 4)]).toEqual([
      { itemsPerPage: 3, pageNums: [2, 3, 4] },
      { itemsPerPage: 4, pageNums: [1, 2] },
      { itemsPerPage: 2, pageNums: [2] },
    ]);
  });

  it('rejects a range that is not one', () => {
    expect(() => planPages(5, 4)).toThrow(RangeError);
    expect(() => planPages(-1, 4)).toThrow(RangeError);
    expect(() => planPages(0.5, 4)).toThrow(RangeError);
    expect(() => planPages(0, 4, 0)).toThrow(RangeError);
  });

  it('matches a brute-force search over all page sizes (Atlas maximum)', () => {
    const lengths = [1, 2, 3, 7, 20, 21, 50, 99, 100, 101, 250, 251, 333, 480, 499, 500, 501, 750, 999, 1000, 1001];
    const mismatches: string[] = [];
    let checked = 0;
    for (let start = 0; start <= 1_600; start += 13) {
      for (const base of [start, start + 987_654]) {
        for (const length of lengths) {
          const plan = planPages(base, base + length);
          const oracle = bruteForcePlan(base, base + length, MAX_PAGE_SIZE);
          const { from, to } = covered(plan);
          checked++;
          if (from > base || to < base + length || JSON.stringify(plan) !== JSON.stringify(oracle)) {
            mismatches.push(`[${base}, ${base + length}): ${JSON.stringify(plan)} vs ${JSON.stringify(oracle)}`);
          }
        }
      }
    }
    expect({ checked, mismatches }).toEqual({ checked: 124 * 2 * lengths.length, mismatches: [] });
  });

  it('matches a brute-force search exhaustively for a small maximum', () => {
    const mismatches: string[] = [];
    for (let start = 0; start <= 120; start++) {
      for (let length = 1; length <= 45; length++) {
        const plan = planPages(start, start + length, 10);
        const oracle = bruteForcePlan(start, start + length, 10);
        if (JSON.stringify(plan) !== JSON.stringify(oracle)) {
          mismatches.push(`[${start}, ${start + length}): ${JSON.stringify(plan)} vs ${JSON.stringify(oracle)}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe('planFetch', () => {
  it('reads one item ahead when it fits the same page', () => {
    expect([planFetch(0, 20), planFetch(20, 40), planFetch(40, 60), planFetch(9_980, 10_000)]).toEqual([
      { plan: { itemsPerPage: 21, pageNums: [1] }, lookAhead: true },
      { plan: { itemsPerPage: 41, pageNums: [1] }, lookAhead: true },
      { plan: { itemsPerPage: 31, pageNums: [2] }, lookAhead: true },
      { plan: { itemsPerPage: 29, pageNums: [345] }, lookAhead: true },
    ]);
  });

  it('skips the look-ahead rather than fetch a second page', () => {
    expect([planFetch(0, 500), planFetch(500, 1000)]).toEqual([
      { plan: { itemsPerPage: 500, pageNums: [1] }, lookAhead: false },
      { plan: { itemsPerPage: 500, pageNums: [2] }, lookAhead: false },
    ]);
  });

  it('reads ahead across two pages when the window needs two anyway', () => {
    expect([planFetch(250, 750), planFetch(1, 501)]).toEqual([
      { plan: { itemsPerPage: 376, pageNums: [1, 2] }, lookAhead: true },
      { plan: { itemsPerPage: 251, pageNums: [1, 2] }, lookAhead: true },
    ]);
  });

  it('an empty window reads the one item at its start', () => {
    expect(planFetch(40, 40)).toEqual({ plan: { itemsPerPage: 1, pageNums: [41] }, lookAhead: true });
  });

  it('walks 10,000 jobs 500 at a time with one page per window', () => {
    const plans = [];
    for (let start = 0; start < 10_000; start += 500) plans.push(planFetch(start, start + 500));
    expect(plans).toEqual(
      Array.from({ length: 20 }, (_, i) => ({ plan: { itemsPerPage: 500, pageNums: [i + 1] }, lookAhead: false })),
    );
  });

  it('walks 10,000 jobs 20 at a time with one page per window, always reading ahead', () => {
    const problems: string[] = [];
    for (let start = 0; start < 10_000; start += 20) {
      const { plan, lookAhead } = planFetch(start, start + 20);
      const { from, to } = covered(plan);
      if (plan.pageNums.length !== 1 || !lookAhead || from > start || to < start + 21 || plan.itemsPerPage > 500) {
        problems.push(`${start}: ${JSON.stringify({ plan, lookAhead })}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
