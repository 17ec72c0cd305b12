import {
  discoveryAction,
  flexLookupAction,
  mayServe,
  nextAction,
  ROUTING_RULES,
  type RouteAction,
  type RoutingInput,
} from '../../src/restoreJobs/routing/rules';

const DISCOVER: RouteAction = { type: 'discover' };
const base = { op: 'list', routed: false, confirmed: false } as const;
const sig = (status: number | null, errorCode: string | null) => ({ status, errorCode });

describe('routing decision table', () => {
  it.each<[string, RoutingInput, RouteAction | null]>([
    // SHARED_TIER: past its sunset, and mismatches
    ['tenant 410 VERSION_GONE: straight to flex', { ...base, called: 'SHARED_TIER', signal: sig(410, 'VERSION_GONE') }, { type: 'try', kind: 'FLEX' }],
    ['tenant 404 CLUSTER_NOT_FOUND', { ...base, called: 'SHARED_TIER', signal: sig(404, 'CLUSTER_NOT_FOUND') }, DISCOVER],
    ['tenant 404 without a code (a lookup)', { ...base, op: 'get', called: 'SHARED_TIER', signal: sig(404, null) }, DISCOVER],
    ['tenant SERVERLESS_INSTANCE_NOT_FOUND', { ...base, called: 'SHARED_TIER', signal: sig(404, 'SERVERLESS_INSTANCE_NOT_FOUND') }, DISCOVER],
    ['tenant CANNOT_USE_CLUSTER_IN_SERVERLESS_INSTANCE_API', { ...base, called: 'SHARED_TIER', signal: sig(400, 'CANNOT_USE_CLUSTER_IN_SERVERLESS_INSTANCE_API') }, DISCOVER],
    ['tenant NOT_SERVERLESS_TENANT_CLUSTER', { ...base, called: 'SHARED_TIER', signal: sig(400, 'NOT_SERVERLESS_TENANT_CLUSTER') }, DISCOVER],
    // SERVERLESS: the same, but 410 needs discovery (free, flex or dedicated)
    ['serverless 410 VERSION_GONE', { ...base, called: 'SERVERLESS', signal: sig(410, 'VERSION_GONE') }, DISCOVER],
    ['serverless 404 RESOURCE_NOT_FOUND', { ...base, called: 'SERVERLESS', signal: sig(404, 'RESOURCE_NOT_FOUND') }, DISCOVER],
    ['serverless SERVERLESS_INSTANCE_NOT_FOUND', { ...base, called: 'SERVERLESS', signal: sig(404, 'SERVERLESS_INSTANCE_NOT_FOUND') }, DISCOVER],
    ['serverless CANNOT_USE_CLUSTER_IN_SERVERLESS_INSTANCE_API', { ...base, called: 'SERVERLESS', signal: sig(400, 'CANNOT_USE_CLUSTER_IN_SERVERLESS_INSTANCE_API') }, DISCOVER],
    ['serverless NOT_SERVERLESS_TENANT_CLUSTER', { ...base, called: 'SERVERLESS', signal: sig(400, 'NOT_SERVERLESS_TENANT_CLUSTER') }, DISCOVER],
    // the reverse mismatches
    ['flex CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API', { ...base, called: 'FLEX', signal: sig(400, 'CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API') }, { type: 'try', kind: 'CLOUD_BACKUP' }],
    ['flex FEATURE_UNSUPPORTED', { ...base, called: 'FLEX', signal: sig(400, 'FEATURE_UNSUPPORTED') }, { type: 'try', kind: 'CLOUD_BACKUP' }],
    ['routed flex list 404: the guess was wrong', { ...base, routed: true, called: 'FLEX', signal: sig(404, 'FLEX_CLUSTER_NOT_FOUND') }, DISCOVER],
    // a successor that does not know the job
    ['routed flex lookup 404', { ...base, op: 'get', routed: true, called: 'FLEX', signal: sig(404, null) }, { type: 'notMigrated' }],
    ['routed Cloud Backup lookup 404', { ...base, op: 'get', routed: true, called: 'CLOUD_BACKUP', signal: sig(404, null) }, { type: 'notMigrated' }],
  ])('%s', (_name, input, action) => {
    expect(nextAction(input)).toEqual(action);
  });

  it.each<[string, RoutingInput]>([
    ['a named flex list 404 stands', { ...base, called: 'FLEX', signal: sig(404, 'FLEX_CLUSTER_NOT_FOUND') }],
    ['a named flex lookup 404 is just null', { ...base, op: 'get', called: 'FLEX', signal: sig(404, null) }],
    ['a tenant 404 on a cluster known to be shared tier means the job is missing', { ...base, op: 'get', confirmed: true, called: 'SHARED_TIER', signal: sig(404, null) }],
    ['a serverless 404 on a known serverless instance, likewise', { ...base, op: 'get', confirmed: true, called: 'SERVERLESS', signal: sig(404, null) }],
    ['a tenant 500 is an outage, not a migration', { ...base, called: 'SHARED_TIER', signal: sig(500, 'UNEXPECTED_ERROR') }],
    ['a tenant 410 with another code', { ...base, called: 'SHARED_TIER', signal: sig(410, 'SOMETHING_ELSE') }],
    ['a serverless 403', { ...base, called: 'SERVERLESS', signal: sig(403, 'USER_CANNOT_ACCESS_GROUP') }],
    ['Legacy Backup is never routed', { ...base, called: 'LEGACY_BACKUP', signal: sig(404, 'CLUSTER_NOT_FOUND') }],
    ['Cloud Backup asked is never routed', { ...base, called: 'CLOUD_BACKUP', signal: sig(400, 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API') }],
    ['a routed Cloud Backup list error stands', { ...base, routed: true, called: 'CLOUD_BACKUP', signal: sig(400, 'FEATURE_UNSUPPORTED') }],
  ])('no row: %s', (_name, input) => {
    expect(nextAction(input)).toBeNull();
  });

  it('names the kinds each row is about, and says why', () => {
    expect(ROUTING_RULES.map((r) => [r.called, r.status ?? null, r.errorCode ?? null, r.then.type])).toEqual([
      ['*', 404, null, 'notMigrated'],
      ['SHARED_TIER', 410, 'VERSION_GONE', 'try'],
      ['SHARED_TIER', null, 'SERVERLESS_INSTANCE_NOT_FOUND', 'discover'],
      ['SHARED_TIER', null, 'CANNOT_USE_CLUSTER_IN_SERVERLESS_INSTANCE_API', 'discover'],
      ['SHARED_TIER', null, 'NOT_SERVERLESS_TENANT_CLUSTER', 'discover'],
      ['SHARED_TIER', 404, null, 'discover'],
      ['SERVERLESS', 410, 'VERSION_GONE', 'discover'],
      ['SERVERLESS', null, 'SERVERLESS_INSTANCE_NOT_FOUND', 'discover'],
      ['SERVERLESS', null, 'CANNOT_USE_CLUSTER_IN_SERVERLESS_INSTANCE_API', 'discover'],
      ['SERVERLESS', null, 'NOT_SERVERLESS_TENANT_CLUSTER', 'discover'],
      ['SERVERLESS', 404, null, 'discover'],
      ['FLEX', null, 'CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API', 'try'],
      ['FLEX', null, 'FEATURE_UNSUPPORTED', 'try'],
      ['FLEX', 404, null, 'discover'],
    ]);
    expect(ROUTING_RULES.filter((r) => r.why.length < 10)).toEqual([]);
  });

  it.each([
    ['SHARED_TIER', 'FLEX', true],
    ['SHARED_TIER', 'CLOUD_BACKUP', true],
    ['SHARED_TIER', null, true],
    ['SHARED_TIER', 'SERVERLESS', false],
    ['SERVERLESS', 'FLEX', true],
    ['SERVERLESS', 'CLOUD_BACKUP', true],
    ['SERVERLESS', 'SHARED_TIER', false],
    ['FLEX', 'CLOUD_BACKUP', true],
    ['FLEX', null, false],
    ['FLEX', 'SHARED_TIER', false],
    ['CLOUD_BACKUP', 'FLEX', false],
    ['LEGACY_BACKUP', 'CLOUD_BACKUP', false],
  ] as const)('%s may be served by %s: %s', (requested, next, expected) => {
    expect(mayServe(requested, next)).toBe(expected);
  });
});

describe('discovery table', () => {
  it.each([
    [sig(400, 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API'), 'askFlexApi'],
    [sig(404, 'CLUSTER_NOT_FOUND'), 'askFlexApi'],
    [sig(400, 'CANNOT_USE_SERVERLESS_INSTANCE_IN_CLUSTER_API'), 'serverlessInstance'],
    // An unknown project is not an unknown cluster: the failure stands (NOT_FOUND for lookups too).
    [sig(404, 'GROUP_NOT_FOUND'), null],
    [sig(404, null), 'notFound'],
    [sig(401, 'UNAUTHORIZED'), null],
    [sig(429, 'RATE_LIMITED'), null],
    [sig(500, 'UNEXPECTED_ERROR'), null],
  ])('clusters API %j: %s', (signal, action) => {
    expect(discoveryAction(signal)).toBe(action);
  });

  it.each([
    [sig(404, 'FLEX_CLUSTER_NOT_FOUND'), 'notFound'],
    [sig(400, 'CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API'), 'notFound'],
    [sig(403, 'USER_CANNOT_ACCESS_GROUP'), null],
    [sig(503, null), null],
  ])('flex API %j: %s', (signal, action) => {
    expect(flexLookupAction(signal)).toBe(action);
  });
});
