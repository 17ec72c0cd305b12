import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { digestOf } from '../atlas/auth/identity';
import type { AnswerObserver } from '../atlas/AtlasClient';
import type { CacheEvent, UpstreamCache } from '../atlas/upstreamCache';
import { Freshness } from './Freshness';

/** A complete GraphQL HTTP answer, as sent. */
export interface StoredResponse {
  status: number;
  headers: [string, string][];
  body: string;
}

/** What a stored answer is keyed by, besides the credential: everything that can change the answer. */
export interface ResponseKeyParts {
  /** The credential identity (never shared across credentials). */
  identity: string;
  /** The request's `Accept` (it picks the response media type) and `Content-Type`. */
  accept: string;
  contentType: string;
  /** The raw request body: query, variables, operation name, extensions. */
  body: string;
}

/** A request the cache may answer, or may store the answer of. */
export interface CacheableRequest {
  method: string;
  contentType: string;
  accept: string;
  /** The raw body. */
  body: string;
  authorization: string | undefined;
}

/** What {@link ResponseCache.lookup} found: a stored answer, or the slot to fill once the request has run. */
export type Lookup<A> =
  | { type: 'hit'; response: StoredResponse }
  | { type: 'miss'; slot: ResponseSlot<A> };

/** Where a request's answer goes when it proves cacheable; carries the caller's credential and the answer's Freshness. */
export interface ResponseSlot<A> {
  readonly auth: A;
  readonly freshness: Freshness;
  /** Stores the answer for as long as its freshness allows (nothing when that is 0 or the status is not 200). */
  store(response: StoredResponse): Promise<void>;
}

interface StoredEntry {
  epoch: string;
  response: StoredResponse;
}

/** How long an identity's write epoch is kept: longer than any answer can live (CACHE_TTL_TERMINAL_MS is at most 7 d). */
const EPOCH_TTL_MS = 8 * 86_400_000;

/**
 * Whole GraphQL answers, served again while every upstream answer they were built from is still fresh (the TTL is the
 * request's Freshness: the shortest of the jobs' and pages' TTLs; errors, 404s, uncacheable calls and writes make an
 * answer uncacheable). It sits before Apollo: a repeated read costs a key lookup, not a GraphQL execution. Only JSON
 * POSTs are considered (no CSRF-simple request is ever answered from it), and only after the caller is authenticated
 * exactly as the context factory would (a refused caller goes on to Apollo, which refuses them).
 *
 * Keys hold the credential identity, the deployment (schema, Atlas base URL, API version, limits) and a SHA-256 of the
 * request (Accept, Content-Type, body), so two credentials, two deployments or two requests never share one. A write by
 * a credential bumps that credential's epoch: every answer it stored before is stale at once, at every replica (the
 * epoch lives in the same cache as the answers: the in-process LRU, or Redis).
 * NOTE: not @apollo/server-plugin-response-cache: it answers inside Apollo's request pipeline (after context, parsing
 * and validation), which on this machine caps a cached read below what Atlas's direct REST call does; see
 * bench/README.md. The policy is the same: private per credential, never an answer with errors.
 */
export class ResponseCache<A extends { identity: string }> {
  constructor(
    private readonly cache: UpstreamCache,
    /** Identifies the deployment: answers of another schema or another Atlas are never served. */
    private readonly deployment: string,
    /** The caller's credential, as the context factory decides it; throws for a caller it refuses. */
    private readonly authenticate: (authorization: string | undefined) => A,
    private readonly onEvent?: (event: CacheEvent) => void,
  ) {}

  key(parts: ResponseKeyParts): string {
    const request = digestOf(43, parts.accept, parts.contentType, parts.body);
    return `graphql ${parts.identity} ${this.deployment} ${request}`;
  }

  /** A stored answer for the request, a slot for its answer, or null when the request is not one to consider. */
  async lookup(request: CacheableRequest): Promise<Lookup<A> | null> {
    if (request.method !== 'POST' || !request.contentType.includes('application/json') || request.body === '') return null;
    let auth: A;
    try {
      auth = this.authenticate(request.authorization);
    } catch {
      return null; // Apollo answers the refusal.
    }
    const key = this.key({ identity: auth.identity, accept: request.accept, contentType: request.contentType, body: request.body });
    const epochKey = this.epochKey(auth.identity);
    const [hit, epochHit] = await this.cache.getMany([key, epochKey]);
    const epoch = typeof epochHit?.value === 'string' ? epochHit.value : '';
    const entry = hit && isStoredEntry(hit.value) && hit.value.epoch === epoch ? hit.value : undefined;
    this.onEvent?.(entry ? 'hit' : 'miss');
    if (entry) return { type: 'hit', response: entry.response };
    const freshness = new Freshness(() => this.invalidate(auth.identity));
    return {
      type: 'miss',
      slot: {
        auth,
        freshness,
        store: async (response) => {
          const ttlMs = freshness.ttlMs;
          if (ttlMs <= 0 || response.status !== 200) return;
          const stored: StoredEntry = { epoch, response };
          await this.cache.set(key, stored, ttlMs, response.body.length + 200);
          this.onEvent?.('store');
        },
      },
    };
  }

  /** Drops every answer stored for the credential (its epoch moves on). */
  async invalidate(identity: string): Promise<void> {
    await this.cache.set(this.epochKey(identity), `${Date.now().toString(36)}.${Math.random().toString(36).slice(2)}`, EPOCH_TTL_MS);
  }

  private epochKey(identity: string): string {
    return `graphql-epoch ${identity} ${this.deployment}`;
  }
}

/** Marks an answer with errors (or one that is not a single result) as one the response cache must not keep. */
export function responseCachePlugin<C extends BaseContext & { freshness?: AnswerObserver }>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (response.body.kind !== 'single' || (response.body.singleResult.errors?.length ?? 0) > 0) contextValue?.freshness?.spoil();
        },
      };
    },
  };
}

/** A deployment id: a hash of what, besides the request, decides an answer. */
export function deploymentId(...parts: string[]): string {
  return digestOf(16, ...parts);
}

function isStoredEntry(value: unknown): value is StoredEntry {
  const v = value as Partial<StoredEntry> | null;
  const r = v?.response as Partial<StoredResponse> | undefined;
  return typeof v === 'object' && v !== null && typeof v.epoch === 'string' && typeof r === 'object' && r !== null && typeof r.status === 'number' && typeof r.body === 'string' && Array.isArray(r.headers);
}
