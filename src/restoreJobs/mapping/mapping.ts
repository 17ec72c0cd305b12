import type { BsonTimestampWire, LinkWire } from '../../atlas/wire';
import type { BsonTimestampModel, LinkModel } from '../RestoreJobBaseModel';

/** Helpers every kind's mapper uses: tolerant of missing or malformed optional fields, never throwing. */

const OBJECT_ID = /^[a-f0-9]{24}$/;
/**
 * An ISO 8601 date, or date and time with `Z` or an offset (without either, a time would be read in the server's zone).
 * Groups: year, month, day, hour, minute, second, fraction, offset sign, offset hours, offset minutes.
 */
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:Z|([+-])(\d{2}):(\d{2})))?$/;
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
  if (typeof value !== 'string') return null;
  const m = ISO_8601.exec(value);
  if (!m) return null;
  const year = part(m, 1);
  const month = part(m, 2);
  const day = part(m, 3);
  const hour = part(m, 4);
  const minute = part(m, 5);
  const second = part(m, 6);
  const offsetHours = part(m, 9);
  const offsetMinutes = part(m, 10);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return null;
  // NOTE: hand-written for speed, and kept so: the instant is computed from the groups already matched rather than by
  // Date.parse(value), which parses the string again. This runs for two to four dates of every job in a page, and was
  // half of a legacy job's mapping time: ~750 -> ~290 ns per date, ~3.8 -> ~2.1 us per legacy job (bench/README.md,
  // "Results of the performance work", measured with the bench's CPU profile and a micro-benchmark of the mapper).
  // A date library would add a third parse and still need the strict checks above.
  // The result is Date.parse's for every string the pattern admits with up to 9 fraction digits (property test in
  // test/unit/properties.test.ts): a date alone is UTC midnight, the fraction is cut to milliseconds, the offset is
  // subtracted. Past 9 digits V8 misreads leading zeros (".0001000000" as 1 ms); here it is cut like any other.
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  const offset = m[8] === undefined ? 0 : (m[8] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  return instant(daysFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute - offset) * 60 + second) * 1000 + millis);
}

/** A numeric group of a match; 0 when the group did not take part. (By index: destructuring is slow on this path.) */
function part(match: RegExpExecArray, group: number): number {
  return Number(match[group] ?? 0);
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
