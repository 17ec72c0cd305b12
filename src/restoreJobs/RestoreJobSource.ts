import type { AtlasApiVersion, AtlasClient, AtlasGet, Remembered } from '../atlas/AtlasClient';
import type { CacheTtls } from '../atlas/upstreamCache/UpstreamCache';
import { jobTtlMs } from './cacheTtl';
import type { FetchedPage } from '../atlas/pagination';
import type { PaginatedWire } from '../atlas/wire';
import { AtlasTransportError } from '../atlas/errors';
import { count } from './mapping/mapping';
import type { JobLocation, RestoreJobBaseModel, RestoreJobKind, RestoreJobModel } from './RestoreJobModel';

/**
 * What one kind of restore job is: its REST paths, media type, paging style and mapper. Each kind's folder exports
 * one; `sources.ts` lists them. Adding a kind is a folder and a line there.
 */
export interface RestoreJobKindDefinition<Wire = unknown, Model extends RestoreJobBaseModel = RestoreJobModel> {
  kind: Model['kind'];
  /** The GraphQL object type of its jobs. */
  typeName: string;
  /** The versioned media type of its v2 resource. */
  mediaType: string;
  /** API generations that serve it; the first is used when the configured one is missing. */
  versions: readonly AtlasApiVersion[];
  /** `pageNum`: Atlas pages with pageNum/itemsPerPage; `none`: Atlas returns the whole list (paged in the gateway). */
  paging: 'pageNum' | 'none';
  /** The list path under `/api/atlas/{version}`. */
  listPath(location: JobLocation): string;
  /** Maps one upstream job to the model; returns null when the body lacks a usable job id. */
  toModel(wire: Wire, location: JobLocation): Model | null;
}

/** The path of one job: the list path plus the job id (true of every kind Atlas has). */
export function jobPath(definition: RestoreJobKindDefinition, location: JobLocation, jobId: string): string {
  return `${definition.listPath(location)}/${jobId}`;
}

/** A page of jobs, with what connection arithmetic needs. */
export type RestoreJobPage = FetchedPage<RestoreJobModel>;

/**
 * One kind's data access, bound to a client: get one, get a page, get all (unpaged kinds). All share this class;
 * the kind's definition supplies what differs.
 */
export class RestoreJobSource {
  readonly version: AtlasApiVersion;

  /**
   * @param ttls how long the client's cache may serve jobs and pages (see cache/ttl.ts); null: this source neither
   *   reads nor fills the cache.
   */
  constructor(
    readonly definition: RestoreJobKindDefinition,
    private readonly client: AtlasClient,
    preferredVersion: AtlasApiVersion,
    private readonly ttls: CacheTtls | null = null,
  ) {
    // NOTE: flex has no v1.0 resource; with MONGODB_ATLAS_API_VERSION=v1.0 its calls stay on v2.
    this.version = definition.versions.includes(preferredVersion) ? preferredVersion : definition.versions[0]!;
  }

  get kind(): RestoreJobKind {
    return this.definition.kind;
  }

  /**
   * One job. Atlas's 404 propagates as AtlasApiError; the loader turns it into null. A job fetched here is cached
   * for as long as its status allows (terminal: long; running: seconds).
   */
  async get(location: JobLocation, jobId: string, signal?: AbortSignal): Promise<RestoreJobModel> {
    const call = this.jobCall(location, jobId, signal);
    const { body: wire, fresh, bytes, ttlLeftMs } = await this.client.fetchJson<unknown>(call);
    const model = isObject(wire) ? this.definition.toModel(wire, location) : null;
    if (!model) throw new AtlasTransportError('malformed', 'Atlas sent a restore job without an id.', 200);
    if (this.ttls) {
      const ttlMs = jobTtlMs(model, this.ttls, Date.now());
      if (fresh) await this.client.remember([{ call, body: wire, ttlMs, bytes }]);
      this.client.used(ttlLeftMs ?? ttlMs);
    }
    return model;
  }

  /** One upstream page (`pageNum`/`itemsPerPage`), for kinds that page. */
  async page(
    location: JobLocation,
    pageNum: number,
    itemsPerPage: number,
    signal?: AbortSignal,
  ): Promise<RestoreJobPage> {
    const body = await this.list(location, { pageNum, itemsPerPage, includeCount: true }, signal);
    return {
      pageNum,
      itemsPerPage,
      items: body.items,
      hasNextLink: Array.isArray(body.links) && body.links.some((l) => l?.rel === 'next'),
      totalCount: count(body.totalCount),
    };
  }

  /** The whole list, for kinds whose API does not page (shared tier). */
  async all(location: JobLocation, signal?: AbortSignal): Promise<RestoreJobModel[]> {
    return (await this.list(location, {}, signal)).items;
  }

  /** The GET of one job: the same call for a lookup and for priming, so both use one cache key. */
  private jobCall(location: JobLocation, jobId: string, signal?: AbortSignal): AtlasGet {
    return {
      version: this.version,
      path: jobPath(this.definition, location, encodeURIComponent(jobId)),
      mediaType: this.definition.mediaType,
      signal,
      route: { kind: this.kind, operation: 'get' },
      cacheable: this.ttls !== null,
    };
  }

  /**
   * A list, mapped. A list fetched here is cached for `pageMs`, and primes the cache with each of its jobs (a UI
   * that lists jobs, then opens a finished one, costs Atlas no second call).
   */
  private async list(
    location: JobLocation,
    query: Record<string, number | boolean>,
    signal: AbortSignal | undefined,
  ): Promise<PaginatedWire<unknown> & { items: RestoreJobModel[] }> {
    const call: AtlasGet = {
      version: this.version,
      path: this.definition.listPath(location),
      query,
      mediaType: this.definition.mediaType,
      signal,
      route: { kind: this.kind, operation: 'list' },
      cacheable: this.ttls !== null,
    };
    const { body, fresh, bytes, ttlLeftMs } = await this.client.fetchJson<unknown>(call);
    if (!isObject(body) || !Array.isArray((body as { results?: unknown }).results)) {
      throw new AtlasTransportError('malformed', 'Atlas sent a list without `results`.', 200);
    }
    const wire = body as unknown as PaginatedWire<unknown>;
    const items: RestoreJobModel[] = [];
    const remembered: Remembered[] = [];
    const ttls = fresh ? this.ttls : null;
    const now = Date.now();
    const itemBytes = wire.results.length > 0 ? Math.ceil(bytes / wire.results.length) : 0;
    for (const result of wire.results) {
      // A result without an id cannot be addressed again; it is left out rather than failing the page.
      const model = isObject(result) ? this.definition.toModel(result, location) : null;
      if (!model) continue;
      items.push(model);
      if (ttls) remembered.push({ call: this.jobCall(location, model.jobId), body: result, ttlMs: jobTtlMs(model, ttls, now), bytes: itemBytes });
    }
    if (ttls) {
      remembered.push({ call, body, ttlMs: ttls.pageMs, bytes });
      await this.client.remember(remembered);
    }
    if (this.ttls) this.client.used(ttlLeftMs ?? this.ttls.pageMs);
    return { ...wire, items };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
