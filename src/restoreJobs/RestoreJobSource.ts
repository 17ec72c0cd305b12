import type { AtlasApiVersion, AtlasClient, AtlasResource } from '../atlas/AtlasClient';
import { AtlasTransportError } from '../atlas/errors';
import type { FetchedPage } from '../atlas/pagination';
import type { CacheTtls } from '../config';
import { jobPolicy, pagePolicy, type ReadPage } from './cacheTtl';
import { count, isObjectId } from './mapping/mapping';
import type { JobLocation, RestoreJobBaseModel } from './RestoreJobBaseModel';
import type { RestoreJobKind } from './RestoreJobKind';
import type { RestoreJobModel } from './RestoreJobModel';

/** The deliveries a restore can be started with (a kind's create operations are keyed by them). */
export type RestoreDelivery = 'AUTOMATED' | 'DOWNLOAD' | 'POINT_IN_TIME';

/**
 * What a caller asks a restore to do, in the domain's words; each kind's create operation writes it in its own wire
 * shape. Fields a delivery does not use are null.
 */
export interface RestoreRequest {
  snapshotId: string | null;
  targetProjectId: string | null;
  targetClusterName: string | null;
  /** A point in time to restore to (point-in-time restores), or null. */
  pointInTime: Date | null;
  /** An oplog position to restore to (point-in-time restores), or null; never both with `pointInTime`. */
  oplog: { ts: number; inc: number } | null;
}

/** One Atlas create operation of a kind: where it POSTs, in which media type, and how its body and answer read. */
export interface CreateOperation {
  /** The POST's path under `/api/atlas/{version}`. */
  path(location: JobLocation): string;
  /** The versioned media type of the request and answer. */
  mediaType: string;
  /** The request body, in the operation's wire shape. */
  body(request: RestoreRequest): unknown;
  /** The jobs Atlas answered with (one for most kinds; legacy backup answers a list: one job per shard). */
  jobs(answer: unknown): unknown[];
}

/** A kind's cancel operation (a DELETE of one job). */
export interface CancelOperation {
  path(location: JobLocation, jobId: string): string;
  mediaType: string;
}

/**
 * What one kind of restore job is: its REST paths, media type, paging style and mapper, and what it can do besides
 * list and get: its create operations (per delivery) and its cancel, where Atlas has them. Each kind's folder exports
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
  /** The restores this kind can start, by delivery; absent: none (a retired API, or read-only). */
  create?: Readonly<Partial<Record<RestoreDelivery, CreateOperation>>>;
  /** How a job of this kind is cancelled; absent: it cannot be. */
  cancel?: CancelOperation;
}

/** The path of one job: the list path plus the job id (true of every kind Atlas has). */
export function jobPath(definition: RestoreJobKindDefinition, location: JobLocation, jobId: string): string {
  return `${definition.listPath(location)}/${jobId}`;
}

/** A page of jobs, with what connection arithmetic needs. */
export type RestoreJobPage = FetchedPage<RestoreJobModel>;

/**
 * A job of a list as read, mapped only when `model()` is first called (then kept). The project view merges dozens of
 * lists on the id alone and serves a page of them: mapping only what it serves saves the mapping of the rest
 * (29 lists of 51 jobs for a page of 50; bench/README.md, "The project view").
 */
export interface ListedJob {
  readonly jobId: string;
  readonly clusterName: string;
  readonly kind: RestoreJobKind;
  model(): RestoreJobModel;
}

/** A page of listed jobs (see {@link ListedJob}). */
export type ListedJobPage = FetchedPage<ListedJob>;

/** A kind cannot do what was asked (no such create or cancel operation); nothing was sent. */
export class UnsupportedOperationError extends Error {
  override readonly name = 'UnsupportedOperationError';
  constructor(
    readonly kind: RestoreJobKind,
    readonly operation: string,
  ) {
    super(`${kind} restore jobs have no ${operation} operation.`);
  }
}

/**
 * One kind's data access, bound to a client: get one, get a page, get all (unpaged kinds), create, cancel. All share
 * this class; the kind's definition supplies what differs, and the cache policy (cacheTtl.ts) how long answers last.
 */
export class RestoreJobSource {
  readonly version: AtlasApiVersion;

  /** @param ttls how long the client's cache may serve jobs and pages; null: nothing is kept. */
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

  /** One job. Atlas's 404 propagates as AtlasApiError (the loader decides what it means). */
  get(location: JobLocation, jobId: string, signal?: AbortSignal): Promise<RestoreJobModel> {
    const read = (body: unknown): RestoreJobModel => {
      const model = isObject(body) ? this.definition.toModel(body, location) : null;
      if (!model) throw new AtlasTransportError('malformed', 'Atlas sent a restore job without an id.', 200);
      return model;
    };
    return this.client.get({ ...this.jobResource(location, jobId), signal, route: { kind: this.kind, operation: 'get' } }, jobPolicy(read, this.ttls));
  }

  /** One upstream page (`pageNum`/`itemsPerPage`), for kinds that page. */
  async page(location: JobLocation, pageNum: number, itemsPerPage: number, signal?: AbortSignal): Promise<RestoreJobPage> {
    const page = await this.list(location, { pageNum, itemsPerPage, includeCount: true }, signal, MAPPED);
    return { pageNum, itemsPerPage, items: page.items, hasNextLink: page.hasNextLink, totalCount: page.totalCount };
  }

  /** The whole list, for kinds whose API does not page (shared tier). */
  async all(location: JobLocation, signal?: AbortSignal): Promise<RestoreJobModel[]> {
    return (await this.list(location, {}, signal, MAPPED)).items;
  }

  /** {@link page}, each job mapped only when asked for ({@link ListedJob}); the same GET, cache entry and errors. */
  async listedPage(location: JobLocation, pageNum: number, itemsPerPage: number, signal?: AbortSignal): Promise<ListedJobPage> {
    const page = await this.list(location, { pageNum, itemsPerPage, includeCount: true }, signal, LISTED);
    return { pageNum, itemsPerPage, items: page.items, hasNextLink: page.hasNextLink, totalCount: page.totalCount };
  }

  /** {@link all}, each job mapped only when asked for. */
  async listedAll(location: JobLocation, signal?: AbortSignal): Promise<ListedJob[]> {
    return (await this.list(location, {}, signal, LISTED)).items;
  }

  /**
   * Starts a restore: the kind's create operation for `delivery`, POSTed once (never retried once it may have reached
   * Atlas). Returns every job Atlas created. The list's cached pages and jobs are dropped, so the next read shows them.
   * Throws UnsupportedOperationError, without a call, when the kind cannot start that delivery.
   */
  async create(location: JobLocation, delivery: RestoreDelivery, request: RestoreRequest, signal?: AbortSignal): Promise<RestoreJobModel[]> {
    const operation = this.definition.create?.[delivery];
    if (!operation) throw new UnsupportedOperationError(this.kind, `create (${delivery})`);
    const { body } = await this.client.write<unknown>({
      method: 'POST',
      version: this.version,
      path: operation.path(location),
      mediaType: operation.mediaType,
      body: operation.body(request),
      signal,
      route: { kind: this.kind, operation: 'create' },
      invalidates: [{ ...this.listResource(location), scope: 'tree' }],
    });
    const models: RestoreJobModel[] = [];
    for (const wire of operation.jobs(body)) {
      const model = isObject(wire) ? this.definition.toModel(wire, location) : null;
      if (model) models.push(model);
    }
    if (models.length === 0) throw new AtlasTransportError('malformed', 'Atlas answered a create without a restore job.', 200);
    return models;
  }

  /** Cancels one job (a DELETE); its cached reads and the list's are dropped. Throws UnsupportedOperationError first when the kind cannot. */
  async cancel(location: JobLocation, jobId: string, signal?: AbortSignal): Promise<void> {
    const operation = this.definition.cancel;
    if (!operation) throw new UnsupportedOperationError(this.kind, 'cancel');
    await this.client.write<unknown>({
      method: 'DELETE',
      version: this.version,
      path: operation.path(location, encodeURIComponent(jobId)),
      mediaType: operation.mediaType,
      signal,
      route: { kind: this.kind, operation: 'cancel' },
      invalidates: [{ ...this.listResource(location), scope: 'tree' }],
    });
  }

  /** Where one job is read: the same resource for a lookup and for a page's priming, so both use one cache key. */
  private jobResource(location: JobLocation, jobId: string): AtlasResource {
    return { version: this.version, path: jobPath(this.definition, location, encodeURIComponent(jobId)), mediaType: this.definition.mediaType };
  }

  private listResource(location: JobLocation): AtlasResource {
    return { version: this.version, path: this.definition.listPath(location), mediaType: this.definition.mediaType };
  }

  /**
   * A list, each result taken as `view` says (mapped, or as a {@link ListedJob}); a result without an id cannot be
   * addressed again and is left out rather than failing the page. The cache policy is the same either way: the body is
   * what the cache keeps.
   */
  private list<I>(location: JobLocation, query: Record<string, number | boolean>, signal: AbortSignal | undefined, view: ListView<I>): Promise<ListedPage<I>> {
    const read = (body: unknown): ListedPage<I> => {
      const results = isObject(body) ? (body as { results?: unknown }).results : undefined;
      if (!Array.isArray(results)) throw new AtlasTransportError('malformed', 'Atlas sent a list without `results`.', 200);
      const items: I[] = [];
      const raws: unknown[] = [];
      for (const result of results) {
        const item = isObject(result) ? view.item(this.definition, result, location) : null;
        if (item === null) continue;
        items.push(item);
        raws.push(result);
      }
      const { links, totalCount } = body as { links?: unknown; totalCount?: unknown };
      return {
        items,
        raws,
        hasNextLink: Array.isArray(links) && links.some((l: { rel?: unknown } | null) => l?.rel === 'next'),
        totalCount: count(totalCount),
      };
    };
    const call = { ...this.listResource(location), query, signal, route: { kind: this.kind, operation: 'list' } };
    return this.client.get(call, pagePolicy(read, view.model, (job) => this.jobResource(location, job.jobId), this.ttls));
  }
}

/** How a list's results are taken: each as an item (null: left out), and each item's model (for the cache's TTLs). */
interface ListView<I> {
  item(definition: RestoreJobKindDefinition, result: Record<string, unknown>, location: JobLocation): I | null;
  model(item: I): RestoreJobModel;
}

/** Each result mapped at once. */
const MAPPED: ListView<RestoreJobModel> = {
  item: (definition, result, location) => definition.toModel(result, location),
  model: (job) => job,
};

/** Each result a {@link LazyListedJob}, mapped when asked for. */
const LISTED: ListView<ListedJob> = {
  // NOTE: every kind's mapper answers null exactly when `id` is not an ObjectId (mapping/base.ts baseModel), so this
  // leaves out the same results as mapping would.
  item: (definition, result, location) => (isObjectId(result.id) ? new LazyListedJob(definition, location, result, result.id) : null),
  model: (job) => job.model(),
};

/** A {@link ListedJob}: the result and where it was listed, mapped on the first `model()`. */
class LazyListedJob implements ListedJob {
  private mapped: RestoreJobModel | null = null;
  readonly clusterName: string;
  readonly kind: RestoreJobKind;

  constructor(
    private readonly definition: RestoreJobKindDefinition,
    private readonly location: JobLocation,
    private readonly wire: Record<string, unknown>,
    readonly jobId: string,
  ) {
    this.clusterName = location.clusterName;
    this.kind = definition.kind;
  }

  model(): RestoreJobModel {
    if (this.mapped) return this.mapped;
    const model = this.definition.toModel(this.wire, this.location);
    if (!model) throw new AtlasTransportError('malformed', 'Atlas sent a restore job without an id.', 200);
    this.mapped = model;
    return model;
  }
}

/** A list as read: its models or listed jobs (with their raw bodies) and what paging needs. */
interface ListedPage<I> extends ReadPage<I> {
  hasNextLink: boolean;
  totalCount: number | null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
