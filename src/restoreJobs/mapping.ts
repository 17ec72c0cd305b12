import type { BsonTimestampWire, LinkWire } from '../atlas/wire';
import type { BsonTimestampModel, LinkModel } from './RestoreJobModel';

/** Helpers every kind's mapper uses: tolerant of missing or malformed optional fields, never throwing. */

const OBJECT_ID = /^[a-f0-9]{24}$/;

/** An ISO 8601 string as a Date; null when absent or unparseable. */
export function toDate(value: string | undefined | null): Date | null {
  if (typeof value !== 'string' || value === '') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Seconds since the epoch as a Date; null when absent or not a number. */
export function fromEpochSeconds(value: number | undefined | null): Date | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? new Date(value * 1000) : null;
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

/** An integer field, or null. */
export function int(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
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
