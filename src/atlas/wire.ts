/** Wire shapes shared by every Atlas resource (as in the spec's components/schemas). */

/** `Link`: one RFC 5988 link of an Atlas resource. */
export interface LinkWire {
  href?: string;
  rel?: string;
}

/** `ApiError`: the body Atlas sends with every 4xx/5xx. */
export interface ApiErrorWire {
  error: number;
  errorCode: string;
  detail?: string;
  reason?: string;
  parameters?: unknown[];
  badRequestDetail?: { fields?: { description: string; field: string }[] };
}

/** Every `Paginated*View`: `results` plus an estimated `totalCount` (omitted when `includeCount=false`). */
export interface PaginatedWire<T> {
  links?: LinkWire[];
  results: T[];
  totalCount?: number;
}

/** `ApiBSONTimestampView`. */
export interface BsonTimestampWire {
  date?: string;
  increment?: number;
}
