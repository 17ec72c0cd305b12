import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { digestOf } from '../atlas/auth/identity';
import type { Freshness } from './Freshness';
import type { CacheEvent, UpstreamCache } from '../atlas/upstreamCache/UpstreamCache';

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

/**
 * Whole GraphQL answers, served again while every upstream answer they were built from is still fresh (the TTL is
 * the request's Freshness: the shortest of the jobs' and pages' TTLs; errors, 404s and uncacheable calls make an
 * answer uncacheable). It sits before Apollo: a repeated read costs a key lookup, not a GraphQL execution.
 *
 * Keys hold the credential identity, the deployment (schema, Atlas base URL, API version) and a SHA-256 of the
 * request (Accept, Content-Type, body), so two credentials, two schema versions or two requests never share one.
 * Entries live in the same cache as upstream bodies (in-process LRU, or Redis shared by replicas).
 * NOTE: not @apollo/server-plugin-response-cache: it answers inside Apollo's request pipeline (after context,
 * parsing and validation), which on this machine caps a cached read below what Atlas's direct REST call does;
 * see bench/README.md. The policy is the same: private per credential, never an answer with errors.
 */
export class ResponseCache {
  constructor(
    private readonly cache: UpstreamCache,
    /** Identifies the deployment: answers of another schema or another Atlas are never served. */
    private readonly deployment: string,
    private readonly onEvent?: (event: CacheEvent) => void,
  ) {}

  key(parts: ResponseKeyParts): string {
    const request = digestOf(43, parts.accept, parts.contentType, parts.body);
    return `graphql ${parts.identity} ${this.deployment} ${request}`;
  }

  async get(key: string): Promise<StoredResponse | undefined> {
    const hit = await this.cache.get(key);
    const stored = hit && isStoredResponse(hit.value) ? hit.value : undefined;
    this.onEvent?.(stored ? 'hit' : 'miss');
    return stored;
  }

  async store(key: string, response: StoredResponse, ttlMs: number): Promise<void> {
    if (ttlMs <= 0) return;
    await this.cache.set(key, response, ttlMs, response.body.length + 200);
    this.onEvent?.('store');
  }
}

/** Marks an answer with errors (or one that is not a single result) as one the response cache must not keep. */
export function responseCachePlugin<C extends BaseContext & { freshness?: Freshness }>(): ApolloServerPlugin<C> {
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

function isStoredResponse(value: unknown): value is StoredResponse {
  const v = value as Partial<StoredResponse> | null;
  return typeof v === 'object' && v !== null && typeof v.status === 'number' && typeof v.body === 'string' && Array.isArray(v.headers);
}
