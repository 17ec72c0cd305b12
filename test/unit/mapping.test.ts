import { count, fromEpochSeconds, int, toDate } from '../../src/restoreJobs/mapping/mapping';

/** The hardened helpers: upstream values the GraphQL scalars cannot carry become null, never an error. */

describe('toDate', () => {
  it.each<[string, unknown, string | null]>([
    ['a UTC date-time', '2025-05-04T09:42:00Z', '2025-05-04T09:42:00.000Z'],
    ['fractional seconds (as Prism writes them)', '1899-01-03T09:35:42.0Z', '1899-01-03T09:35:42.000Z'],
    ['an offset', '2025-05-04T11:42:00+02:00', '2025-05-04T09:42:00.000Z'],
    ['no seconds', '2025-05-04T09:42Z', '2025-05-04T09:42:00.000Z'],
    ['a date', '2025-05-04', '2025-05-04T00:00:00.000Z'],
    ['29 February of a leap year', '2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['year 0000', '0000-01-01T00:00:00Z', '0000-01-01T00:00:00.000Z'],
    ['29 February of another year', '2025-02-29T00:00:00Z', null],
    ['30 February', '2025-02-30T00:00:00Z', null],
    ['31 April', '2025-04-31T00:00:00Z', null],
    ['month 13', '2025-13-01T00:00:00Z', null],
    ['hour 24', '2025-05-04T24:00:00Z', null],
    ['a time without a zone', '2025-05-04T09:42:00', null],
    ['a bare number', '1', null],
    ['a year alone', '2025', null],
    ['a six-digit year', '+010000-01-01T00:00:00Z', null],
    ['before year 0000 once in UTC', '0000-01-01T00:00:00+01:00', null],
    ['a placeholder', 'string', null],
    ['empty', '', null],
    ['not a string', 1_700_000_000, null],
    ['absent', undefined, null],
  ])('%s: %p', (_what, value, expected) => {
    expect(toDate(value as string)?.toISOString() ?? null).toBe(expected);
  });
});

describe('fromEpochSeconds', () => {
  it.each<[unknown, string | null]>([
    [1_199_145_600, '2008-01-01T00:00:00.000Z'],
    [42, '1970-01-01T00:00:42.000Z'],
    [2 ** 31 - 1, '2038-01-19T03:14:07.000Z'],
    [253_402_300_799, '9999-12-31T23:59:59.000Z'],
    [253_402_300_800, null],
    [1e300, null],
    [0, null],
    [-5, null],
    ['1199145600', null],
  ])('%p', (value, expected) => {
    expect(fromEpochSeconds(value as number)?.toISOString() ?? null).toBe(expected);
  });
});

describe('int and count', () => {
  it('int keeps what GraphQL Int carries (32-bit signed), count what NonNegativeInt does', () => {
    const values = [0, 42, -1, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, 2 ** 53, 0.5, Number.NaN, '7', null];
    expect(values.map((v) => [int(v), count(v)])).toEqual([
      [0, 0],
      [42, 42],
      [-1, null],
      [2 ** 31 - 1, 2 ** 31 - 1],
      [null, 2 ** 31],
      [-(2 ** 31), null],
      [null, null],
      [null, null],
      [null, null],
      [null, null],
      [null, null],
      [null, null],
    ]);
  });
});
