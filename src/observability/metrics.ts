import type { ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { UpstreamCallEvent } from '../atlas/AtlasClient';
import type { BreakerState, UpstreamRoute } from '../atlas/resilience';

const BREAKER_VALUE: Record<BreakerState, number> = { closed: 0, half_open: 1, open: 2 };

/**
 * The gateway's Prometheus metrics, in a registry of its own (never prom-client's global one, so two gateways in one
 * process, as in tests, keep separate counts). Labels are bounded sets: kinds, operations, statuses, error codes.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly upstreamCalls: Counter<'kind' | 'operation' | 'status'>;
  private readonly upstreamSeconds: Histogram<'kind' | 'operation' | 'status'>;
  private readonly retries: Counter<'kind' | 'operation' | 'reason'>;
  private readonly shortCircuits: Counter<'kind' | 'operation' | 'reason'>;
  private readonly breakerState: Gauge<'kind' | 'operation'>;
  private readonly rateLimitRemaining: Gauge<'kind' | 'operation'>;
  private readonly operationSeconds: Histogram<'operation_type' | 'outcome'>;
  private readonly errors: Counter<'code'>;
  private readonly cacheOperations: Counter<'backend' | 'result'>;
  private readonly coalesced: Counter<'kind' | 'operation'>;
  private readonly responseCache: Counter<'result'>;
  private readonly subscriptionsActive: Gauge;
  private readonly watchPolls: Counter<'outcome'>;
  private readonly subscriptionMessages: Counter<'result'>;

  constructor(options: { defaultMetrics?: boolean } = {}) {
    const registers = [this.registry];
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    this.upstreamCalls = new Counter({
      name: 'atlas_upstream_requests_total',
      help: 'Upstream Atlas requests (each attempt), by job kind, operation and HTTP status (or transport failure).',
      labelNames: ['kind', 'operation', 'status'],
      registers,
    });
    this.upstreamSeconds = new Histogram({
      name: 'atlas_upstream_request_duration_seconds',
      help: 'Latency of upstream Atlas requests (each attempt), headers and body.',
      labelNames: ['kind', 'operation', 'status'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.retries = new Counter({
      name: 'atlas_upstream_retries_total',
      help: 'Upstream retries, by reason (rate_limited, 502, 503, 504, reset).',
      labelNames: ['kind', 'operation', 'reason'],
      registers,
    });
    this.shortCircuits = new Counter({
      name: 'atlas_upstream_short_circuits_total',
      help: 'Upstream calls not made: circuit breaker open, or a rate-limit wait longer than the request had left.',
      labelNames: ['kind', 'operation', 'reason'],
      registers,
    });
    this.breakerState = new Gauge({
      name: 'atlas_circuit_breaker_state',
      help: 'Circuit breaker state per upstream route, the worst over the credentials calling it: 0 closed, 1 half-open, 2 open.',
      labelNames: ['kind', 'operation'],
      registers,
    });
    this.rateLimitRemaining = new Gauge({
      name: 'atlas_rate_limit_remaining',
      help: 'The last RateLimit-Remaining Atlas reported per route.',
      labelNames: ['kind', 'operation'],
      registers,
    });
    this.operationSeconds = new Histogram({
      name: 'graphql_operation_duration_seconds',
      help: 'GraphQL operations from request to response, by operation type and outcome (ok or error).',
      labelNames: ['operation_type', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.errors = new Counter({
      name: 'graphql_errors_total',
      help: 'Errors in GraphQL responses, by extensions.code.',
      labelNames: ['code'],
      registers,
    });
    this.cacheOperations = new Counter({
      name: 'gateway_cache_operations_total',
      help: 'Cache operations by backend (memory, redis) and result: hit, miss, store, error (a failed or slow operation, answered as a miss).',
      labelNames: ['backend', 'result'],
      registers,
    });
    this.responseCache = new Counter({
      name: 'graphql_response_cache_total',
      help: 'Whole GraphQL answers: hit (served again without executing), miss, store.',
      labelNames: ['result'],
      registers,
    });
    this.coalesced = new Counter({
      name: 'atlas_upstream_coalesced_total',
      help: 'Upstream GETs not sent because an identical one (same credential, URL and Accept) was already in flight.',
      labelNames: ['kind', 'operation'],
      registers,
    });
    this.subscriptionsActive = new Gauge({ name: 'graphql_subscriptions_active', help: 'Subscriptions (restoreJobUpdates) open on this process.', registers });
    this.watchPolls = new Counter({
      name: 'watch_polls_total',
      help: 'Polls of watched jobs (one per job and credential, however many subscribers), by outcome: job, gone, fatal, or the retry reason (rate_limited, 503, timeout, circuit_open, ...).',
      labelNames: ['outcome'],
      registers,
    });
    this.subscriptionMessages = new Counter({
      name: 'graphql_subscription_messages_total',
      help: 'Messages sent on subscriptions: data (an event) or error.',
      labelNames: ['result'],
      registers,
    });
  }

  /** Subscriptions open now. */
  subscriptions(active: number): void {
    this.subscriptionsActive.set(active);
  }

  /** One poll of a watched job. */
  watchPoll(outcome: string): void {
    this.watchPolls.inc({ outcome });
  }

  /** One message sent on a subscription. */
  subscriptionMessage(result: string): void {
    this.subscriptionMessages.inc({ result });
  }

  /** One cache operation. */
  cache(backend: string, result: string): void {
    this.cacheOperations.inc({ backend, result });
  }

  /** One response-cache lookup or store. */
  responseCacheEvent(result: string): void {
    this.responseCache.inc({ result });
  }

  /** One GET that joined another in flight. */
  coalescedCall(route: UpstreamRoute): void {
    this.coalesced.inc(routeLabels(route));
  }

  /** One upstream attempt. */
  upstreamCall(event: UpstreamCallEvent): void {
    const labels = { kind: event.route.kind, operation: event.route.operation, status: event.failure ?? String(event.status ?? 'none') };
    this.upstreamCalls.inc(labels);
    this.upstreamSeconds.observe(labels, event.durationMs / 1000);
    if (event.rateLimitRemaining !== null) this.rateLimitRemaining.set(routeLabels(event.route), event.rateLimitRemaining);
  }

  /** One retry scheduled. */
  retry(route: UpstreamRoute, reason: string): void {
    this.retries.inc({ kind: route.kind, operation: route.operation, reason });
  }

  /** One call not made. */
  shortCircuit(route: UpstreamRoute, reason: string): void {
    this.shortCircuits.inc({ kind: route.kind, operation: route.operation, reason });
  }

  /** A breaker changed state. */
  breaker(route: UpstreamRoute, state: BreakerState): void {
    this.breakerState.set(routeLabels(route), BREAKER_VALUE[state]);
  }

  /** One error sent to a caller. */
  error(code: string): void {
    this.errors.inc({ code });
  }

  /** Times operations: an Apollo plugin. */
  plugin(): ApolloServerPlugin {
    const histogram = this.operationSeconds;
    return {
      async requestDidStart() {
        const end = histogram.startTimer();
        return {
          async willSendResponse({ response, operation }) {
            const body = response.body;
            const failed = body.kind === 'single' ? (body.singleResult.errors?.length ?? 0) > 0 : false;
            end({ operation_type: operation?.operation ?? 'unknown', outcome: failed ? 'error' : 'ok' });
          },
        };
      },
    };
  }

  /** The Prometheus text exposition. */
  async text(): Promise<string> {
    return this.registry.metrics();
  }

  /** Answers `GET /metrics`. */
  serve(res: ServerResponse): void {
    this.text().then(
      (text) => {
        res.writeHead(200, { 'content-type': this.registry.contentType });
        res.end(text);
      },
      () => {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ error: 'Metrics unavailable.' }));
      },
    );
  }
}

/**
 * The route's labels. NOTE: label objects here are written out in full rather than spread from this one
 * (`{ ...routeLabels(route), status }`): on Node 20 a spread followed by a new property costs about 2 µs a property,
 * and upstreamCall runs for every upstream call.
 */
function routeLabels(route: UpstreamRoute): { kind: string; operation: string } {
  return { kind: route.kind, operation: route.operation };
}
