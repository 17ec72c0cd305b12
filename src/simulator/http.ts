import type { IncomingMessage } from 'node:http';
import { invalidQuery, SimulatedApiError, SimulatorErrorCode, resourceNotFound } from './errors';

/** The two API versions Atlas serves: v2 (versioned media types) and the deprecated v1.0 (plain JSON). */
export type ApiVersion = 'v2' | 'v1.0';

/** A 24-hex ObjectId, as Atlas's path and body patterns have it. */
export const OBJECT_ID = /^[a-f0-9]{24}$/;

/** The largest body the simulator reads (Atlas's own limit is larger; no restore request comes near it). */
const MAX_BODY_BYTES = 64 * 1024;

/** `pageNum`, `itemsPerPage` and `includeCount` of a list request. */
export interface Paging {
  pageNum: number;
  itemsPerPage: number;
  includeCount: boolean;
}

/** `pageNum` (>= 1, default 1), `itemsPerPage` (1..500, default 100), `includeCount` (default true). */
export function parsePaging(query: URLSearchParams): Paging {
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = query.get(name);
    if (raw === null) return fallback;
    const value = /^[0-9]+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      throw invalidQuery(name, raw, max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`);
    }
    return value;
  };
  const pageNum = integer('pageNum', 1, 1, Number.MAX_SAFE_INTEGER);
  const itemsPerPage = integer('itemsPerPage', 100, 1, 500);
  const rawCount = query.get('includeCount');
  if (rawCount !== null && rawCount !== 'true' && rawCount !== 'false') throw invalidQuery('includeCount', rawCount, 'true or false');
  return { pageNum, itemsPerPage, includeCount: rawCount !== 'false' };
}

/** The media types of a header (`Accept` or `Content-Type`), lower-cased, parameters such as `q` or `charset` dropped. */
function mediaTypes(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((part) => part.split(';')[0]!.trim().toLowerCase())
    .filter((type) => type !== '');
}

/**
 * v2: the resource's exact versioned media type must be among the listed types (parameters such as `q` ignored).
 * v1.0: no `Accept`, `application/json`, `application/*` or `*` + `/*`.
 */
export function acceptable(accept: string | undefined, version: ApiVersion, mediaType: string): boolean {
  const types = mediaTypes(accept);
  if (version === 'v2') return types.includes(mediaType);
  return types.length === 0 || types.some((type) => type === 'application/json' || type === 'application/*' || type === '*/*');
}

/** 406 INVALID_VERSION_DATE unless `Accept` names what the resource serves. */
export function checkAccept(accept: string | undefined, version: ApiVersion, mediaType: string): void {
  if (!acceptable(accept, version, mediaType)) {
    throw new SimulatedApiError(406, SimulatorErrorCode.InvalidVersionDate, 'Invalid accept header or version date.');
  }
}

/**
 * The body of a write must be declared as what the operation takes: on v2 exactly the resource's versioned media type
 * (a `charset` parameter is fine), on v1.0 `application/json`.
 * NOTE: the spec declares each request body's media type but no answer for a wrong one; the simulator answers 415
 * UNSUPPORTED_MEDIA_TYPE (HTTP's status for it; the error code is the simulator's assumption), where a wrong `Accept`
 * gets Atlas's documented 406 INVALID_VERSION_DATE.
 */
export function checkContentType(contentType: string | undefined, version: ApiVersion, mediaType: string): void {
  const types = mediaTypes(contentType);
  const expected = version === 'v2' ? mediaType : 'application/json';
  if (types.length !== 1 || types[0] !== expected) {
    throw new SimulatedApiError(
      415,
      SimulatorErrorCode.UnsupportedMediaType,
      `Unsupported Content-Type ${contentType === undefined ? '(none)' : `"${contentType}"`}: this resource takes ${expected}.`,
    );
  }
}

/** A path segment, percent-decoded; a malformed escape is a path that does not exist. */
export function decodeSegment(segment: string, path: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw resourceNotFound(path);
  }
}

/** 400 INVALID_GROUP_ID unless the project id is a 24-hex ObjectId. */
export function checkGroupId(groupId: string): void {
  if (!OBJECT_ID.test(groupId)) {
    throw new SimulatedApiError(400, SimulatorErrorCode.InvalidGroupId, `An invalid group ID ${groupId} was specified.`);
  }
}

/** HTTP Basic client authentication; the id and secret are form-urlencoded first (RFC 6749 section 2.3.1). */
export function parseBasic(header: string | undefined): { id: string; secret: string } | null {
  const encoded = /^\s*Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '')?.[1];
  if (!encoded) return null;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const formDecode = (s: string): string => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
}

/** A request body as text (at most 64 KiB are read). */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** An API request as routing reads it. */
export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** The path and query as sent (the `self` link of a list). */
  target: string;
  accept: string | undefined;
  contentType: string | undefined;
  /** The body as text ('' for none). */
  body: string;
}

/** A recorded request body: its JSON value, or the text when it is not JSON. */
export function parsedOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
