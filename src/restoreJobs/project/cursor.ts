import { createHash } from 'node:crypto';
import { MAX_CURSOR_OFFSET, PaginationInputError } from '../../atlas/pagination';
import { CLUSTER_NAME } from '../mapping/globalIdEncoding';
import type { RestoreJobKind } from '../RestoreJobKind';

/** Where one list (a cluster's jobs of one kind) stands: the next unread offset, and what past it was already served. */
export interface ListPosition {
  clusterName: string;
  kind: RestoreJobKind;
  /**
   * The offset (0-based, in Atlas's own order of the list) of the first job not yet served or passed over; `null` once
   * the whole list has been served.
   */
  offset: number | null;
  /** Ids at or past `offset` already served (jobs of one second that Atlas listed in another order); usually empty. */
  served: string[];
}

/** A project connection's position: one per list read so far, bound to the project and filter it was made for. */
export interface ProjectCursorModel {
  /** {@link cursorBinding} of the project and filter. */
  binding: string;
  lists: ListPosition[];
}

/** Format version: the first field of the JSON. */
const VERSION = 1;
/** Longest cursor accepted (about 500 lists with a few served ids each). */
export const MAX_PROJECT_CURSOR_LENGTH = 65_536;
/** Most lists and most served ids per list one cursor may hold. */
const MAX_LISTS = 2_000;
const MAX_SERVED = 500;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const OBJECT_ID = /^[0-9a-f]{24}$/;

/** One-letter codes of the kinds in a cursor (its JSON stays compact). */
const KIND_CODES = {
  LEGACY_BACKUP: 'L',
  SHARED_TIER: 'S',
  FLEX: 'F',
  SERVERLESS: 'V',
  CLOUD_BACKUP: 'C',
} as const satisfies Record<RestoreJobKind, string>;
const KIND_OF_CODE = new Map<string, RestoreJobKind>(Object.entries(KIND_CODES).map(([kind, code]) => [code, kind as RestoreJobKind]));

/** A short digest of what a cursor is valid for: the project and the filter, as normalized by the caller. */
export function cursorBinding(projectId: string, filter: unknown): string {
  return createHash('sha256').update(JSON.stringify([projectId.toLowerCase(), filter])).digest('base64url').slice(0, 11);
}

/**
 * The cursor: base64url of `{"v":1,"b":binding,"l":[[clusterName, kindCode, offset|-1, servedIds?], …]}`, an offset of
 * -1 meaning the list is done. A list still at its start (offset 0, nothing served) is left out: a list the cursor
 * does not name starts at 0, so a cursor grows only with the lists a walk has reached into. Lists are written sorted,
 * so one position has one cursor.
 */
export function encodeProjectCursor(cursor: ProjectCursorModel): string {
  const lists = cursor.lists
    .filter((l) => l.offset !== 0 || l.served.length > 0)
    .sort((a, b) => (a.clusterName < b.clusterName ? -1 : a.clusterName > b.clusterName ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0))
    .map((l) => {
      const entry: (string | number | string[])[] = [l.clusterName, KIND_CODES[l.kind], l.offset ?? -1];
      if (l.served.length > 0) entry.push([...l.served].sort());
      return entry;
    });
  return Buffer.from(JSON.stringify({ v: VERSION, b: cursor.binding, l: lists }), 'utf8').toString('base64url');
}

/**
 * Reads a cursor made by {@link encodeProjectCursor} for `binding`. Everything is checked: the encoding, the JSON,
 * the version, each field's type and range, no list twice.
 * @throws PaginationInputError (`after`) with a message saying what is wrong; never anything else.
 */
export function decodeProjectCursor(text: string, binding: string): ProjectCursorModel {
  const invalid = (why: string): PaginationInputError => new PaginationInputError('after', `\`after\` is not a cursor of this connection: ${why}.`);
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_PROJECT_CURSOR_LENGTH || !BASE64URL.test(text)) {
    throw invalid('it is not the base64url text this connection hands out');
  }
  // Node's decoder skips stray characters and bits; a round trip rejects every non-canonical spelling.
  if (Buffer.from(text, 'base64url').toString('base64url') !== text) throw invalid('it is not the base64url text this connection hands out');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid('its content is not JSON');
  }
  if (!isRecord(parsed) || parsed.v !== VERSION) throw invalid('unknown format or version');
  if (parsed.b !== binding) throw invalid('it was made for another project or another filter');
  const entries = parsed.l;
  if (!Array.isArray(entries) || entries.length > MAX_LISTS) throw invalid('its list positions are malformed');
  const seen = new Set<string>();
  const lists = entries.map((entry: unknown): ListPosition => {
    if (!Array.isArray(entry) || entry.length < 3 || entry.length > 4) throw invalid('a list position is malformed');
    const [clusterName, code, offset, served = []] = entry as unknown[];
    const kind = typeof code === 'string' ? KIND_OF_CODE.get(code) : undefined;
    if (typeof clusterName !== 'string' || !CLUSTER_NAME.test(clusterName) || kind === undefined) throw invalid('a list position names no cluster or kind');
    if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < -1 || offset > MAX_CURSOR_OFFSET) throw invalid('an offset is out of range');
    if (!Array.isArray(served) || served.length > MAX_SERVED || !served.every((id) => typeof id === 'string' && OBJECT_ID.test(id))) {
      throw invalid('a list of served ids is malformed');
    }
    const key = `${clusterName}\u0000${kind}`;
    if (seen.has(key)) throw invalid('a list appears twice');
    seen.add(key);
    return { clusterName, kind, offset: offset === -1 ? null : offset, served: served as string[] };
  });
  return { binding, lists };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
