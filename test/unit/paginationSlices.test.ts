import { MAX_CURSOR_OFFSET, resolveFromEnd, sliceArray, sliceWindow, type FetchedPage } from '../../src/atlas/pagination';

/** The slicing half of the connection arithmetic (src/atlas/pagination.ts); planning is in pagination.test.ts. */
describe('sliceWindow', () => {
  const letters = (from: string, count: number): string[] =>
    Array.from({ length: count }, (_, i) => String.fromCharCode(from.charCodeAt(0) + i));
  const page = (pageNum: number, itemsPerPage: number, items: string[], extra: Partial<FetchedPage<string>> = {}) => ({
    pageNum,
    itemsPerPage,
    items,
    hasNextLink: false,
    totalCount: null,
    ...extra,
  });

  it('uses the look-ahead item', () => {
    expect(sliceWindow([page(1, 6, letters('a', 6), { totalCount: 40 })], 2, 5, { beforeGiven: false })).toEqual({
      items: [
        { offset: 2, item: 'c' },
        { offset: 3, item: 'd' },
        { offset: 4, item: 'e' },
      ],
      hasPreviousPage: true,
      hasNextPage: true,
      totalCount: 40,
    });
  });

  it('the look-ahead beats a contradicting count', () => {
    expect(sliceWindow([page(1, 6, letters('a', 6), { totalCount: 3 })], 0, 3, { beforeGiven: false })).toEqual({
      items: [
        { offset: 0, item: 'a' },
        { offset: 1, item: 'b' },
        { offset: 2, item: 'c' },
      ],
      hasPreviousPage: false,
      hasNextPage: true,
      totalCount: 3,
    });
  });

  it('a short page ends the list', () => {
    expect(sliceWindow([page(1, 6, letters('a', 4), { totalCount: 99 })], 2, 5, { beforeGiven: true })).toEqual({
      items: [
        { offset: 2, item: 'c' },
        { offset: 3, item: 'd' },
      ],
      hasPreviousPage: true,
      hasNextPage: false,
      totalCount: 99,
    });
  });

  it('a short page ending exactly at the window end has nothing next', () => {
    expect(sliceWindow([page(1, 6, letters('a', 5))], 2, 5, { beforeGiven: true })).toEqual({
      items: [
        { offset: 2, item: 'c' },
        { offset: 3, item: 'd' },
        { offset: 4, item: 'e' },
      ],
      hasPreviousPage: true,
      hasNextPage: false,
      totalCount: null,
    });
  });

  it.each([true, false])('a full page ending at the window end follows its next link (%s)', (hasNextLink) => {
    const pages = [page(2, 3, letters('d', 3), { hasNextLink, totalCount: 50 })];
    expect(sliceWindow(pages, 3, 6, { beforeGiven: false })).toEqual({
      items: [
        { offset: 3, item: 'd' },
        { offset: 4, item: 'e' },
        { offset: 5, item: 'f' },
      ],
      hasPreviousPage: true,
      hasNextPage: hasNextLink,
      totalCount: 50,
    });
  });

  it('falls back on the count, then on `before`, when the pages say nothing', () => {
    const pages = (totalCount: number | null) => [page(1, 5, letters('a', 5), { hasNextLink: true, totalCount })];
    expect([
      sliceWindow(pages(9), 2, 8, { beforeGiven: false }).hasNextPage,
      sliceWindow(pages(8), 2, 8, { beforeGiven: true }).hasNextPage,
      sliceWindow(pages(null), 2, 8, { beforeGiven: true }).hasNextPage,
      sliceWindow(pages(null), 2, 8, { beforeGiven: false }).hasNextPage,
    ]).toEqual([true, false, true, false]);
  });

  it('cuts a window across two pages, in page order', () => {
    const pages = [page(3, 4, letters('i', 4)), page(2, 4, letters('e', 4), { totalCount: 12 })];
    expect(sliceWindow(pages, 5, 11, { beforeGiven: false })).toEqual({
      items: [
        { offset: 5, item: 'f' },
        { offset: 6, item: 'g' },
        { offset: 7, item: 'h' },
        { offset: 8, item: 'i' },
        { offset: 9, item: 'j' },
        { offset: 10, item: 'k' },
      ],
      hasPreviousPage: true,
      hasNextPage: true,
      totalCount: 12,
    });
  });

  it('a window past the end of the data is empty with nothing next', () => {
    expect(sliceWindow([page(3, 5, [], { totalCount: 7 })], 10, 12, { beforeGiven: true })).toEqual({
      items: [],
      hasPreviousPage: true,
      hasNextPage: false,
      totalCount: 7,
    });
  });

  it('counts no more of a page than its itemsPerPage (an overfull page would overlap the next)', () => {
    // Extra item 'd' would sit at offset 6 and pass for a look-ahead; the page's own `next` link decides instead.
    expect(sliceWindow([page(2, 3, letters('a', 5), { hasNextLink: false })], 3, 6, { beforeGiven: false })).toEqual({
      items: [
        { offset: 3, item: 'a' },
        { offset: 4, item: 'b' },
        { offset: 5, item: 'c' },
      ],
      hasPreviousPage: true,
      hasNextPage: false,
      totalCount: null,
    });
  });

  it('leaves out items at offsets no cursor can carry', () => {
    const pageNum = MAX_CURSOR_OFFSET / 4 + 1;
    expect(sliceWindow([page(pageNum, 4, letters('a', 4))], MAX_CURSOR_OFFSET - 1, MAX_CURSOR_OFFSET + 3, { beforeGiven: false }).items).toEqual([
      { offset: MAX_CURSOR_OFFSET, item: 'a' },
    ]);
  });

  it('an empty window learns hasNextPage from the item at its start', () => {
    expect([
      sliceWindow([page(8, 1, ['h'])], 7, 7, { beforeGiven: false }),
      sliceWindow([page(8, 1, [])], 7, 7, { beforeGiven: true }),
    ]).toEqual([
      { items: [], hasPreviousPage: true, hasNextPage: true, totalCount: null },
      { items: [], hasPreviousPage: true, hasNextPage: false, totalCount: null },
    ]);
  });
});

describe('sliceArray', () => {
  const all = ['a', 'b', 'c', 'd', 'e'];

  it.each([
    [
      0,
      2,
      {
        items: [
          { offset: 0, item: 'a' },
          { offset: 1, item: 'b' },
        ],
        hasPreviousPage: false,
        hasNextPage: true,
        totalCount: 5,
      },
    ],
    [
      3,
      5,
      {
        items: [
          { offset: 3, item: 'd' },
          { offset: 4, item: 'e' },
        ],
        hasPreviousPage: true,
        hasNextPage: false,
        totalCount: 5,
      },
    ],
    [4, 20, { items: [{ offset: 4, item: 'e' }], hasPreviousPage: true, hasNextPage: false, totalCount: 5 }],
    [7, 9, { items: [], hasPreviousPage: true, hasNextPage: false, totalCount: 5 }],
    [2, 2, { items: [], hasPreviousPage: true, hasNextPage: true, totalCount: 5 }],
  ])('[%d, %d)', (start, end, expected) => {
    expect(sliceArray(all, start, end)).toEqual(expected);
  });

  it('an empty list', () => {
    expect(sliceArray([], 0, 20)).toEqual({ items: [], hasPreviousPage: false, hasNextPage: false, totalCount: 0 });
  });
});

describe('resolveFromEnd', () => {
  it.each([
    [100, 7, undefined, { start: 93, end: 100 }],
    [5, 7, undefined, { start: 0, end: 5 }],
    [0, 20, undefined, { start: 0, end: 0 }],
    [100, 0, undefined, { start: 100, end: 100 }],
    [100, 20, 95, { start: 95, end: 100 }],
    [100, 20, 50, { start: 80, end: 100 }],
    [100, 20, 150, { start: 100, end: 100 }],
    // An estimate beyond what a cursor can address (Atlas's totalCount is an int32): the window ends at the last
    // addressable offset.
    [2 ** 31 - 1, 3, undefined, { start: MAX_CURSOR_OFFSET - 3, end: MAX_CURSOR_OFFSET }],
    [2 ** 31 - 1, 3, MAX_CURSOR_OFFSET + 5, { start: MAX_CURSOR_OFFSET, end: MAX_CURSOR_OFFSET }],
  ])('length %d, last %d, minStart %p', (length, count, minStart, expected) => {
    expect(resolveFromEnd(length, count, minStart)).toEqual(expected);
  });
});
