import type { RestoreJobKind } from '../RestoreJobKind';

/**
 * The routing decisions as data: which upstream answers send a request past the sunset APIs, and where to. Pure, so
 * every row is unit-tested with literal inputs (test/unit/routingRules.test.ts). The router (RestoreJobRouter.ts)
 * only walks these tables.
 */

/** What an upstream failure says: its HTTP status and Atlas `errorCode` (a lookup's 404 arrives without a code). */
export interface UpstreamSignal {
  status: number | null;
  errorCode: string | null;
}

/** What to do after a failed call. */
export type RouteAction =
  /** Call this kind's API next: its answer classifies the cluster. */
  | { type: 'try'; kind: RestoreJobKind }
  /** Ask Atlas what the cluster is now (clusters API, then flex API), and call the kind that serves it. */
  | { type: 'discover' }
  /** A job lookup on a successor that does not know the job: null, with JOB_NOT_MIGRATED. */
  | { type: 'notMigrated' };

/** One row of {@link ROUTING_RULES}; a field left out matches anything. */
export interface RoutingRule {
  /** The kind whose call failed (`*`: any). */
  called: RestoreJobKind | '*';
  /** `asked`: the caller named that kind (or discovery chose it); `routed`: routing chose it instead of the named kind. */
  when?: 'asked' | 'routed';
  op?: 'get' | 'list';
  status?: number;
  errorCode?: string;
  /** Only when the gateway does not already know the cluster is of the called kind (a 404 then means the job). */
  unconfirmedOnly?: true;
  then: RouteAction;
  /** Why, for the reader and the README. */
  why: string;
}

const DISCOVER: RouteAction = { type: 'discover' };

/** Where each retired kind's answers send a request. Shared by SHARED_TIER and SERVERLESS except for VERSION_GONE. */
function mismatchRows(called: 'SHARED_TIER' | 'SERVERLESS'): RoutingRule[] {
  return [
    { called, errorCode: 'SERVERLESS_INSTANCE_NOT_FOUND', then: DISCOVER, why: 'no serverless instance of that name (any more)' },
    { called, errorCode: 'CANNOT_USE_CLUSTER_IN_SERVERLESS_INSTANCE_API', then: DISCOVER, why: 'the name is a cluster now' },
    { called, errorCode: 'NOT_SERVERLESS_TENANT_CLUSTER', then: DISCOVER, why: 'not a serverless or M2/M5 cluster (any more)' },
    { called, status: 404, unconfirmedOnly: true, then: DISCOVER, why: 'the retired API does not know the cluster' },
  ];
}

/**
 * The decision table, first matching row wins. Rows with an `errorCode` come before the generic 404 rows, so a
 * 404 that names the instance as gone routes even when the cluster's kind was known.
 */
export const ROUTING_RULES: readonly RoutingRule[] = [
  { called: '*', when: 'routed', op: 'get', status: 404, then: { type: 'notMigrated' }, why: 'the successor API has no such job' },
  {
    called: 'SHARED_TIER',
    status: 410,
    errorCode: 'VERSION_GONE',
    then: { type: 'try', kind: 'FLEX' },
    why: 'past the 2026-01-15 sunset; every M2/M5 cluster became a flex cluster, so the flex API is asked directly',
  },
  ...mismatchRows('SHARED_TIER'),
  {
    called: 'SERVERLESS',
    status: 410,
    errorCode: 'VERSION_GONE',
    then: DISCOVER,
    why: 'past the 2026-01-22 sunset; a serverless instance became a free, flex or dedicated cluster',
  },
  ...mismatchRows('SERVERLESS'),
  {
    called: 'FLEX',
    errorCode: 'CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API',
    then: { type: 'try', kind: 'CLOUD_BACKUP' },
    why: 'a dedicated cluster: its jobs are Cloud Backup jobs',
  },
  { called: 'FLEX', errorCode: 'FEATURE_UNSUPPORTED', then: { type: 'try', kind: 'CLOUD_BACKUP' }, why: 'not a flex feature: a dedicated cluster' },
  {
    called: 'FLEX',
    when: 'routed',
    op: 'list',
    status: 404,
    then: DISCOVER,
    why: 'the guess that the cluster is flex was wrong, or its migration is in progress',
  },
];

/** The kinds a request for a retired or mismatched kind may be served by (null: a free cluster, which has no jobs). */
export const SUCCESSORS: Readonly<Partial<Record<RestoreJobKind, readonly (RestoreJobKind | null)[]>>> = {
  SHARED_TIER: ['FLEX', 'CLOUD_BACKUP', null],
  SERVERLESS: ['FLEX', 'CLOUD_BACKUP', null],
  FLEX: ['CLOUD_BACKUP'],
};

/** True for a kind the gateway routes when its API disowns a cluster. */
export function isRoutable(kind: RestoreJobKind): boolean {
  return SUCCESSORS[kind] !== undefined;
}

/** True when `next` may serve a request that named `requested`. */
export function mayServe(requested: RestoreJobKind, next: RestoreJobKind | null): boolean {
  return SUCCESSORS[requested]?.includes(next) ?? false;
}

/** The inputs of one decision. */
export interface RoutingInput {
  called: RestoreJobKind;
  op: 'get' | 'list';
  /** True when the caller named another kind and routing chose this one. */
  routed: boolean;
  /** True when the gateway already knew the cluster is of the called kind (cache or discovery). */
  confirmed: boolean;
  signal: UpstreamSignal;
}

/** The first matching row's action, or null: the failure stands. */
export function nextAction(input: RoutingInput, rules: readonly RoutingRule[] = ROUTING_RULES): RouteAction | null {
  const row = rules.find(
    (r) =>
      (r.called === '*' || r.called === input.called) &&
      (r.when === undefined || r.when === (input.routed ? 'routed' : 'asked')) &&
      (r.op === undefined || r.op === input.op) &&
      (r.status === undefined || r.status === input.signal.status) &&
      (r.errorCode === undefined || r.errorCode === input.signal.errorCode) &&
      (r.unconfirmedOnly === undefined || !input.confirmed),
  );
  return row?.then ?? null;
}

/** What discovery does with the clusters API's refusal. */
export type DiscoveryAction =
  /** Ask the flex API (`GET /groups/{groupId}/flexClusters/{name}`). */
  | 'askFlexApi'
  /** It is a serverless instance (no further call). */
  | 'serverlessInstance'
  /** No such cluster. */
  | 'notFound';

/** One row of {@link DISCOVERY_RULES}. */
export interface DiscoveryRule {
  errorCode: string;
  then: DiscoveryAction;
  why: string;
}

/** How discovery reads the clusters API's errors (`GET /groups/{groupId}/clusters/{clusterName}`). */
export const DISCOVERY_RULES: readonly DiscoveryRule[] = [
  { errorCode: 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API', then: 'askFlexApi', why: 'the clusters API refuses flex clusters' },
  { errorCode: 'CLUSTER_NOT_FOUND', then: 'askFlexApi', why: 'one more flex probe, in case a migration to flex is in progress' },
  {
    // NOTE: not in atlas/successors.openapi.yaml (its cut lists no error codes); Atlas's error-code list has it, and a
    // pre-sunset serverless instance is known by it without a second call.
    errorCode: 'CANNOT_USE_SERVERLESS_INSTANCE_IN_CLUSTER_API',
    then: 'serverlessInstance',
    why: 'the clusters API refuses serverless instances',
  },
];

/** The clusters API's failure -> what discovery does next; null: the failure stands (auth, rate limit, outage). */
export function discoveryAction(signal: UpstreamSignal, rules: readonly DiscoveryRule[] = DISCOVERY_RULES): DiscoveryAction | null {
  const row = rules.find((r) => r.errorCode === signal.errorCode);
  if (row) return row.then;
  // An unknown project is no answer about the cluster: the failure stands, so lookups say NOT_FOUND, not null.
  if (signal.errorCode === 'GROUP_NOT_FOUND') return null;
  return signal.status === 404 ? 'notFound' : null;
}

/** The flex API's failure during discovery: a 404 or a refusal of a non-flex cluster is "not found"; else it stands. */
export function flexLookupAction(signal: UpstreamSignal): 'notFound' | null {
  return signal.status === 404 || signal.errorCode === 'CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API' ? 'notFound' : null;
}
