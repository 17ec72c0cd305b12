import type { BsonTimestampWire, LinkWire } from '../../atlas/wire';
import type { BsonTimestampModel, LinkModel } from '../RestoreJobBaseModel';

/** Helpers every kind's mapper uses: tolerant of missing or malformed optional fields, never throwing. */

const OBJECT_ID = /^[a-f0-9]{24}$/;
/*
 * The strings toDate reads: an ISO 8601 date, or date and time with `Z` or an offset (without either, a time would be
 * read in the server's zone), i.e.
 * /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:Z|([+-])(\d{2}):(\d{2})))?$/.
 */
/** The instants RFC 3339 (the `DateTime` scalar) can write: years 0000 to 9999 in UTC. */
const MIN_INSTANT_MS = Date.parse('0000-01-01T00:00:00.000Z');
const MAX_INSTANT_MS = Date.parse('9999-12-31T23:59:59.999Z');
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** A Date when its instant is one RFC 3339 can write (years 0000 to 9999, UTC); else null. */
function instant(ms: number): Date | null {
  return Number.isFinite(ms) && ms >= MIN_INSTANT_MS && ms <= MAX_INSTANT_MS ? new Date(ms) : null;
}

/**
 * An ISO 8601 date or date-time as a Date; null when absent, malformed or not a real instant.
 * NOTE: JavaScript's parser is lenient (`"1"` is 2001, `2025-02-30` is 2 March, `+010000-01-01` is year 10000), and
 * the `DateTime` scalar would write such values in no RFC 3339 form; upstream strings must be proper ISO 8601, with a
 * day that exists, and fall within years 0000 to 9999 once in UTC.
 */
export function toDate(value: string | undefined | null): Date | null {
  if (typeof value !== 'string' || value.length < 10) return null;
  // NOTE: hand-written for speed, and kept so: read character by character, the exact language of ISO_8601 above (a
  // date, or a date and a time with `Z` or an offset; seconds optional; a fraction only after seconds), with no
  // RegExp match, no group strings and no second parse (Date.parse would read the string again). This runs for two
  // to four dates of every job in a page (bench/profiles: the RegExp and its groups were ~3 % of a 100-job request).
  // The result is Date.parse's for every string the pattern admits with up to 9 fraction digits (property test in
  // test/unit/properties.test.ts): a date alone is UTC midnight, the fraction is cut to milliseconds, the offset is
  // subtracted. Past 9 digits V8 misreads leading zeros (".0001000000" as 1 ms); here it is cut like any other.
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  if (year < 0 || month < 0 || day < 0 || value.charCodeAt(4) !== DASH || value.charCodeAt(7) !== DASH) return null;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let millis = 0;
  let offset = 0;
  let i = 10;
  if (i < value.length) {
    if (value.charCodeAt(10) !== T) return null;
    hour = digits(value, 11, 2);
    minute = digits(value, 14, 2);
    if (hour < 0 || minute < 0 || value.charCodeAt(13) !== COLON) return null;
    i = 16;
    if (value.charCodeAt(i) === COLON) {
      second = digits(value, 17, 2);
      if (second < 0) return null;
      i = 19;
      if (value.charCodeAt(i) === DOT) {
        let end = i + 1;
        while (isDigit(value.charCodeAt(end))) end += 1;
        if (end === i + 1) return null;
        // The first three digits, as milliseconds (".5" is 500, ".05" is 50).
        for (let k = 0, scale = 100; k < 3; k += 1, scale /= 10) if (i + 1 + k < end) millis += (value.charCodeAt(i + 1 + k) - ZERO) * scale;
        i = end;
      }
    }
    const sign = value.charCodeAt(i);
    if (sign === Z) {
      i += 1;
    } else if (sign === PLUS || sign === DASH) {
      const offsetHours = digits(value, i + 1, 2);
      const offsetMinutes = digits(value, i + 4, 2);
      if (offsetHours < 0 || offsetMinutes < 0 || value.charCodeAt(i + 3) !== COLON || offsetHours > 23 || offsetMinutes > 59) return null;
      offset = (sign === DASH ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
      i += 6;
    } else {
      return null;
    }
    if (i !== value.length) return null;
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return instant(daysFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute - offset) * 60 + second) * 1000 + millis);
}

const ZERO = 48;
const DASH = 45;
const PLUS = 43;
const COLON = 58;
const DOT = 46;
const T = 84;
const Z = 90;

function isDigit(code: number): boolean {
  return code >= ZERO && code <= ZERO + 9;
}

/** The number written by the `count` ASCII digits at `at`; -1 when any of them is not a digit (or is past the end). */
function digits(value: string, at: number, count: number): number {
  let n = 0;
  for (let k = at; k < at + count; k += 1) {
    const code = value.charCodeAt(k);
    if (!isDigit(code)) return -1;
    n = n * 10 + code - ZERO;
  }
  return n;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil; any year, no 1900s quirk). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Seconds since the epoch as a Date; null when absent, not a positive number, or beyond year 9999. */
export function fromEpochSeconds(value: number | undefined | null): Date | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? instant(value * 1000) : null;
}

/** A 24-hex ObjectId, or null (so one odd value cannot fail a whole job). */
export function objectIdOrNull(value: string | undefined | null): string | null {
  return typeof value === 'string' && OBJECT_ID.test(value) ? value : null;
}

/** True for a 24-hex ObjectId. */
export function isObjectId(value: unknown): value is string {
  return typeof value === 'string' && OBJECT_ID.test(value);
}

/** A string field, or null. */
export function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** A boolean field, or null. */
export function bool(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : null;
}

/** An integer field that GraphQL's `Int` can carry (32-bit signed, as the spec's `int32`), or null. */
export function int(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX ? value : null;
}

/** A count for the `NonNegativeInt` scalar (a safe integer >= 0, e.g. Atlas's `totalCount`), or null. */
export function count(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;
}

/** Atlas `links`, normalized. */
export function toLinks(links: LinkWire[] | undefined): LinkModel[] {
  return Array.isArray(links) ? links.map((l) => ({ href: str(l?.href), rel: str(l?.rel) })) : [];
}

/** `ApiBSONTimestampView`, or null when absent. */
export function toBsonTimestamp(value: BsonTimestampWire | undefined): BsonTimestampModel | null {
  if (!value || typeof value !== 'object') return null;
  return { date: toDate(value.date), increment: int(value.increment) };
}

/** The absolute http(s) URLs among the values (the `URL` scalar rejects anything else). */
export function downloadUrls(...values: (string | undefined | null)[]): string[] {
  return values.filter((v): v is string => {
    if (typeof v !== 'string') return false;
    try {
      const url = new URL(v);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  });
}

/** Looks a raw upstream word up in a mapping table; `fallback` (UNKNOWN) for anything the table does not list. */
export function lookup<T extends string>(table: Readonly<Record<string, T>>, value: unknown, fallback: T): T {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(table, value) ? table[value]! : fallback;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An RFC 4122 UUID, or null (the `UUID` scalar rejects anything else). */
export function uuidOrNull(value: unknown): string | null {
  return typeof value === 'string' && UUID.test(value) ? value : null;
}
