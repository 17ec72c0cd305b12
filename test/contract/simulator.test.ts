import { Agent, request } from 'undici';
import { AtlasSimulator, DEMO, type SeedCluster } from '../../src/simulator';
import { createTestSeed, EDGE_CASES } from '../support/seeds';
import { KIND_FACTS } from '../support/kinds';
import { loadContract, SPEC_JOB_KINDS, type ResponseCheck, type SpecJobKind } from './specSchemas';

/**
 * The simulator held to the contract: every operation it serves (get and list of each kind, v2 and v1.0, and its error
 * bodies) answered over HTTP and validated, strictly (no undeclared property), against the spec's response schemas.
 * Every job of the seed goes through its schema twice per API version: in a list page and on its own.
 */

const contract = loadContract({ strict: true });
const agent = new Agent({ keepAliveTimeout: 1000, connections: 16 });
let sim: AtlasSimulator;
let base: string;

beforeAll(async () => {
  sim = new AtlasSimulator({ seed: createTestSeed() });
  base = await sim.start(0, '127.0.0.1');
});
afterAll(async () => {
  await sim.stop();
  await agent.close();
});

interface Exchange {
  method: string;
  path: string;
  status: number;
  contentType: string;
  body: unknown;
}

async function call(path: string, accept: string | undefined, method = 'GET', target = base): Promise<Exchange> {
  const res = await request(`${target}${path}`, {
    method: method as 'GET',
    headers: accept === undefined ? {} : { accept },
    dispatcher: agent,
  });
  const text = await res.body.text();
  const contentType = String(res.headers['content-type'] ?? '');
  return { method, path: path.split('?')[0]!, status: res.statusCode, contentType, body: JSON.parse(text) as unknown };
}

function check(exchange: Exchange): ResponseCheck {
  return contract.checkResponse(exchange);
}

/** Runs `fn` over `items`, at most `limit` at a time, keeping order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

const isSpecKind = (kind: string): kind is SpecJobKind => (SPEC_JOB_KINDS as readonly string[]).includes(kind);

const accept = (kind: SpecJobKind, version: string): string =>
  version === 'v2' ? KIND_FACTS[kind].mediaType : 'application/json';

/** One invalid job: where it sits in the seed and what the contract says about it. */
type Violation = [cluster: string, index: number, errors: string[]];

describe('the simulator against the contract (strict response views)', () => {
  it('serves every job of the seed, in lists and one by one, v2 and v1.0, conforming; only the deliberate odd bodies do not', async () => {
    // NOTE: the restore-jobs contract's kinds only; Cloud Backup and free clusters belong to the successors spec.
    const targets = sim.seed.projects.flatMap((project) =>
      project.clusters.filter((cluster): cluster is SeedCluster & { kind: SpecJobKind } => isSpecKind(cluster.kind)).flatMap((cluster) =>
        KIND_FACTS[cluster.kind].versions.map((version) => ({ project, cluster, version, jobs: KIND_FACTS[cluster.kind].jobs(cluster) })),
      ),
    );
    const violations = new Map<string, string[]>();
    const record = (cluster: string, index: number, errors: string[]): void => {
      const key = JSON.stringify([cluster, index]);
      violations.set(key, [...new Set([...(violations.get(key) ?? []), ...errors])].sort());
    };
    const envelopeErrors: string[] = [];
    const undeclared: string[] = [];
    let listBodies = 0;
    let jobsInLists = 0;
    let jobBodies = 0;

    for (const { project, cluster, version, jobs } of targets) {
      const path = `/api/atlas/${version}${KIND_FACTS[cluster.kind].path(project.id, cluster.name)}`;
      const paged = cluster.kind !== 'SHARED_TIER';
      // Whole lists in pages of 500 (the shared-tier list has no paging), then one more variant: no count.
      const pages: string[] = [];
      if (paged) {
        for (let pageNum = 1; pageNum === 1 || (pageNum - 1) * 500 < jobs.length; pageNum += 1) pages.push(`${path}?itemsPerPage=500&pageNum=${pageNum}`);
        pages.push(`${path}?includeCount=false&itemsPerPage=2`);
      } else {
        pages.push(path);
      }
      let offset = 0;
      for (const page of pages) {
        const exchange = await call(page, accept(cluster.kind, version));
        const result = check(exchange);
        listBodies += 1;
        if (!result.statusDeclared || !result.contentTypeDeclared || exchange.status !== 200) undeclared.push(`${exchange.status} ${page}`);
        const results = (exchange.body as { results: unknown[] }).results;
        const first = page.includes('includeCount=false') ? 0 : offset;
        if (!page.includes('includeCount=false')) {
          offset += results.length;
          jobsInLists += results.length;
        }
        for (const line of result.errors) {
          const m = /^\/results\/(\d+)(\/.*| .*)$/.exec(line);
          if (!m) envelopeErrors.push(`${page}: ${line}`);
          else record(cluster.name, first + Number(m[1]), [m[2]!.startsWith('/') ? m[2]! : `/${m[2]!}`]);
        }
      }
      const checks = await mapLimit(jobs, 16, async (job) => {
        const exchange = await call(`${path}/${job.id}`, accept(cluster.kind, version));
        return { exchange, result: check(exchange) };
      });
      checks.forEach(({ exchange, result }, index) => {
        jobBodies += 1;
        if (!result.statusDeclared || !result.contentTypeDeclared || exchange.status !== 200) undeclared.push(`${exchange.status} ${exchange.path}`);
        if (result.errors.length) record(cluster.name, index, result.errors);
      });
    }

    /** Each job once per API version that serves its kind. */
    const servedJobs = targets.reduce((n, t) => n + t.jobs.length, 0);
    const seedJobs = sim.seed.projects.reduce((n, p) => n + p.clusters.reduce((m, c) => m + (isSpecKind(c.kind) ? KIND_FACTS[c.kind].jobs(c).length : 0), 0), 0);
    const E = EDGE_CASES.clusters;
    expect({
      envelopeErrors,
      undeclared,
      counts: { listBodies, jobsInLists, jobBodies },
      violations: [...violations].map(([key, errors]): Violation => [...(JSON.parse(key) as [string, number]), errors]).sort(),
    }).toEqual({
      envelopeErrors: [],
      undeclared: [],
      counts: { listBodies: expect.any(Number) as number, jobsInLists: servedJobs, jobBodies: servedJobs },
      // The edge-cases project keeps deliberately odd bodies (test/support/seeds/edgeCases.ts): words outside the spec's enums,
      // so the gateway's UNKNOWN mapping has an upstream to be tested against. Nothing else may fail.
      violations: [
        [E.LEGACY_BACKUP, 0, ['/statusName must be equal to one of the allowed values (IN_PROGRESS, BROKEN, KILLED, FINISHED)']],
        [
          E.LEGACY_BACKUP,
          1,
          [
            '/delivery/methodName must be equal to one of the allowed values (CLIENT_PIT_HTTP, QUERY, AUTOMATED_RESTORE, HTTP, THIRD_PARTY_COPY, CLIENT_PIT_SCP, SCP)',
            '/delivery/statusName must be equal to one of the allowed values (NOT_STARTED, IN_PROGRESS, READY, FAILED, INTERRUPTED, EXPIRED, MAX_DOWNLOADS_EXCEEDED, PENDING)',
          ],
        ],
        [E.FLEX, 0, ['/status must be equal to one of the allowed values (PENDING, QUEUED, RUNNING, FAILED, COMPLETED)']],
        [E.FLEX, 1, ['/deliveryType must be equal to one of the allowed values (RESTORE, DOWNLOAD)']],
        [E.SHARED_TIER, 0, ['/status must be equal to one of the allowed values (PENDING, QUEUED, RUNNING, FAILED, COMPLETED)']],
        [E.SHARED_TIER, 1, ['/deliveryType must be equal to one of the allowed values (RESTORE, DOWNLOAD)']],
        [E.SERVERLESS, 0, ['/deliveryType must be equal to one of the allowed values (automated, download, pointInTime)']],
      ].sort(),
    });
    // Every list page of every cluster and version, plus the no-count variant of each paged one.
    expect(listBodies).toBe(targets.reduce((n, t) => n + (t.cluster.kind === 'SHARED_TIER' ? 1 : Math.max(1, Math.ceil(t.jobs.length / 500)) + 1), 0));
    // 1,341 jobs of this contract's kinds, 2,663 once per version: 5,326 job bodies validated (in pages and alone).
    expect({ seedJobs, servedJobs }).toEqual({ seedJobs: 1341, servedJobs: 2663 });
  });

  it('answers the legacy batchId filter with a conforming page', async () => {
    const cluster = sim.seed.projects[0]!.clusters.find((c) => c.name === DEMO.clusters.LEGACY_BACKUP)!;
    const batchId = cluster.legacy!.find((j) => j.batchId)!.batchId!;
    const exchange = await call(`/api/atlas/v2${KIND_FACTS.LEGACY_BACKUP.path(DEMO.projectId, cluster.name)}?batchId=${batchId}`, KIND_FACTS.LEGACY_BACKUP.mediaType);
    expect({ check: check(exchange), results: (exchange.body as { results: unknown[] }).results.length }).toEqual({
      check: { operationId: 'listGroupClusterRestoreJobs', statusDeclared: true, contentTypeDeclared: true, schema: 'PaginatedRestoreJobView', errors: [] },
      results: 3,
    });
  });

  const P = DEMO.projectId;
  const C = DEMO.clusters;
  const unknownId = '0123456789abcdef01234567';
  const legacyList = `/api/atlas/v2${KIND_FACTS.LEGACY_BACKUP.path(P, C.LEGACY_BACKUP)}`;

  /** [what, path, Accept, method, expected status, errorCode, operationId, status declared by the spec]. */
  const errorCases: [string, string, string | undefined, string, number, string, string | null, boolean][] = [
    ['unknown legacy job', `${legacyList}/${unknownId}`, KIND_FACTS.LEGACY_BACKUP.mediaType, 'GET', 404, 'RESTORE_JOB_NOT_FOUND', 'getGroupClusterRestoreJob', true],
    ['unknown shared-tier job, v1.0', `/api/atlas/v1.0${KIND_FACTS.SHARED_TIER.path(P, C.SHARED_TIER)}/${unknownId}`, 'application/json', 'GET', 404, 'BACKUP_RESTORE_NOT_FOUND', 'getSharedClusterBackupRestoreJobV1', true],
    ['unknown flex cluster', `/api/atlas/v2${KIND_FACTS.FLEX.path(P, 'nope')}`, KIND_FACTS.FLEX.mediaType, 'GET', 404, 'FLEX_CLUSTER_NOT_FOUND', 'listGroupFlexClusterBackupRestoreJobs', true],
    ['unknown serverless instance, v1.0', `/api/atlas/v1.0${KIND_FACTS.SERVERLESS.path(P, 'nope')}`, 'application/json', 'GET', 404, 'SERVERLESS_INSTANCE_NOT_FOUND', 'listServerlessBackupRestoreJobs', true],
    ['unknown legacy cluster', `/api/atlas/v2${KIND_FACTS.LEGACY_BACKUP.path(P, 'nope')}`, KIND_FACTS.LEGACY_BACKUP.mediaType, 'GET', 404, 'CLUSTER_NOT_FOUND', 'listGroupClusterRestoreJobs', true],
    ['unknown project', `/api/atlas/v2${KIND_FACTS.SERVERLESS.path(unknownId, C.SERVERLESS)}`, KIND_FACTS.SERVERLESS.mediaType, 'GET', 404, 'GROUP_NOT_FOUND', 'listGroupServerlessBackupRestoreJobs', true],
    ['malformed project id', `/api/atlas/v2${KIND_FACTS.LEGACY_BACKUP.path('not-a-group', C.LEGACY_BACKUP)}`, KIND_FACTS.LEGACY_BACKUP.mediaType, 'GET', 400, 'INVALID_GROUP_ID', 'listGroupClusterRestoreJobs', true],
    ['itemsPerPage above 500', `${legacyList}?itemsPerPage=501`, KIND_FACTS.LEGACY_BACKUP.mediaType, 'GET', 400, 'INVALID_QUERY_PARAMETER', 'listGroupClusterRestoreJobs', true],
    ['shared-tier API on a legacy cluster', `/api/atlas/v2${KIND_FACTS.SHARED_TIER.path(P, C.LEGACY_BACKUP)}`, KIND_FACTS.SHARED_TIER.mediaType, 'GET', 400, 'NOT_SERVERLESS_TENANT_CLUSTER', 'listSharedClusterBackupRestoreJobs', true],
    ['v2 without the versioned media type', legacyList, 'application/json', 'GET', 406, 'INVALID_VERSION_DATE', 'listGroupClusterRestoreJobs', false],
    ['POST on a list', legacyList, KIND_FACTS.LEGACY_BACKUP.mediaType, 'POST', 405, 'METHOD_NOT_ALLOWED', 'createGroupClusterRestoreJob', false],
    ['flex on v1.0 (no such resource)', `/api/atlas/v1.0${KIND_FACTS.FLEX.path(P, C.FLEX)}`, 'application/json', 'GET', 404, 'RESOURCE_NOT_FOUND', null, false],
  ];

  it.each(errorCases)('%s: an ApiError body', async (_what, path, acceptHeader, method, status, errorCode, operationId, statusDeclared) => {
    const exchange = await call(path, acceptHeader, method);
    expect({ status: exchange.status, contentType: exchange.contentType, errorCode: (exchange.body as { errorCode?: unknown }).errorCode, check: check(exchange) }).toEqual({
      status,
      contentType: 'application/json',
      errorCode,
      check: { operationId, statusDeclared, contentTypeDeclared: statusDeclared, schema: 'ApiError', errors: [] },
    });
  });

  it.each([
    [429, 'RATE_LIMITED', true],
    [500, 'UNEXPECTED_ERROR', true],
    [503, 'SERVICE_UNAVAILABLE', false],
  ])('injected %i: an ApiError body', async (status, errorCode, statusDeclared) => {
    sim.inject({ status });
    const exchange = await call(legacyList, KIND_FACTS.LEGACY_BACKUP.mediaType);
    expect({ status: exchange.status, errorCode: (exchange.body as { errorCode?: unknown }).errorCode, check: check(exchange) }).toEqual({
      status,
      errorCode,
      check: { operationId: 'listGroupClusterRestoreJobs', statusDeclared, contentTypeDeclared: statusDeclared, schema: 'ApiError', errors: [] },
    });
  });

  it('answers a missing credential with a 401 ApiError body (digest mode)', async () => {
    const guarded = new AtlasSimulator({ seed: createTestSeed(), auth: { mode: 'digest', publicKey: 'pub', privateKey: 'secret' } });
    const guardedBase = await guarded.start(0, '127.0.0.1');
    try {
      const exchange = await call(`/api/atlas/v1.0${KIND_FACTS.SERVERLESS.path(P, C.SERVERLESS)}`, 'application/json', 'GET', guardedBase);
      expect({ status: exchange.status, check: check(exchange) }).toEqual({
        status: 401,
        check: { operationId: 'listServerlessBackupRestoreJobs', statusDeclared: true, contentTypeDeclared: true, schema: 'ApiError', errors: [] },
      });
    } finally {
      await guarded.stop();
    }
  });
});
