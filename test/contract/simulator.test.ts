import { dirname, join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { Agent, request } from 'undici';
import { AtlasSimulator, DEMO, shardRestoreJobId, type SeedCluster, type SeedSnapshot } from '../../src/simulator';
import { createTestSeed, EDGE_CASES, OTHER_PROJECT } from '../support/seeds';
import { KIND_FACTS } from '../support/kinds';
import { useSimulator } from '../support/simulatorHttp';
import { loadContract, loadSpec, SPEC_JOB_KINDS, SPEC_PATH, type Contract, type ResponseCheck, type SpecJobKind } from './specSchemas';
import { mapLimit } from '../support/mapLimit';

/**
 * The simulator held to the contract: every operation it serves (get and list of each kind, v2 and v1.0, and its error
 * bodies) answered over HTTP and validated, strictly (no undeclared property), against the spec's response schemas.
 * Every job of the seed goes through its schema twice per API version: in a list page and on its own.
 */

const contract = loadContract({ strict: true });
const agent = new Agent({ keepAliveTimeout: 1000, connections: 16 });
const simulator = useSimulator(undefined, 'file');
afterAll(() => agent.close());

interface Exchange {
  method: string;
  path: string;
  status: number;
  contentType: string;
  body: unknown;
}

async function call(path: string, accept: string | undefined, method = 'GET', target = simulator.base(), sent?: unknown): Promise<Exchange> {
  const headers: Record<string, string> = accept === undefined ? {} : { accept };
  // A write sends its body in the media type it accepts (the versioned one on v2), as the gateway does.
  if (sent !== undefined && accept !== undefined) headers['content-type'] = accept;
  const res = await request(`${target}${path}`, { method: method as 'GET', headers, dispatcher: agent, ...(sent === undefined ? {} : { body: JSON.stringify(sent) }) });
  const text = await res.body.text();
  const contentType = String(res.headers['content-type'] ?? '');
  return { method, path: path.split('?')[0]!, status: res.statusCode, contentType, body: text === '' ? null : (JSON.parse(text) as unknown) };
}

function check(exchange: Exchange): ResponseCheck {
  return contract.checkResponse(exchange);
}

const isSpecKind = (kind: string): kind is SpecJobKind => (SPEC_JOB_KINDS as readonly string[]).includes(kind);

const accept = (kind: SpecJobKind, version: string): string =>
  version === 'v2' ? KIND_FACTS[kind].mediaType : 'application/json';

/** One invalid job: where it sits in the seed and what the contract says about it. */
type Violation = [cluster: string, index: number, errors: string[]];

describe('the simulator against the contract (strict response views)', () => {
  it('serves every job of the seed, in lists and one by one, v2 and v1.0, conforming; only the deliberate odd bodies do not', async () => {
    // NOTE: the restore-jobs contract's kinds only; Cloud Backup and free clusters belong to the successors spec.
    const targets = simulator.sim().seed.projects.flatMap((project) =>
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
    const seedJobs = simulator.sim().seed.projects.reduce((n, p) => n + p.clusters.reduce((m, c) => m + (isSpecKind(c.kind) ? KIND_FACTS[c.kind].jobs(c).length : 0), 0), 0);
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
    const cluster = simulator.sim().seed.projects[0]!.clusters.find((c) => c.name === DEMO.clusters.LEGACY_BACKUP)!;
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
    ['PUT on a list', legacyList, KIND_FACTS.LEGACY_BACKUP.mediaType, 'PUT', 405, 'METHOD_NOT_ALLOWED', null, false],
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
    simulator.sim().inject({ status });
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

const OTHER_PROJECT_ID = OTHER_PROJECT.projectId;
const OTHER_PROJECT_CB = OTHER_PROJECT.clusters.CLOUD_BACKUP;
const SUCCESSORS_SPEC = join(dirname(SPEC_PATH), 'successors.openapi.yaml');
const SNAPSHOTS_SPEC = join(dirname(SPEC_PATH), 'snapshots.openapi.yaml');

describe("the simulator's writes against the contract (strict response views)", () => {
  const successors = loadContract({ specPath: SUCCESSORS_SPEC, strict: true });
  const P = DEMO.projectId;
  const C = DEMO.clusters;
  const T0 = Date.UTC(2026, 1, 2, 9, 0, 0);
  let now = T0;
  let writer: AtlasSimulator;
  let writerBase: string;
  beforeAll(async () => {
    writer = new AtlasSimulator({ seed: createTestSeed(), now: () => now, jobStepMs: 1_000 });
    writerBase = await writer.start(0, '127.0.0.1');
  });
  afterAll(() => writer.stop());

  const V2 = KIND_FACTS.LEGACY_BACKUP.mediaType;
  const FLEX = KIND_FACTS.FLEX.mediaType;
  const JSON_TYPE = 'application/json';
  const done = (snapshots: string) => writer.snapshots.completedId(P, snapshots);
  /** What one write must answer: [what, contract, version, path after /groups/{P}, media type, body, operationId, schema]. */
  type WriteCase = [string, 'restore-jobs' | 'successors', string, string, string, () => unknown, string, string];
  const writes: WriteCase[] = [
    ['legacy download', 'restore-jobs', 'v2', `/clusters/${C.LEGACY_BACKUP}/restoreJobs`, V2, () => ({ delivery: { methodName: 'HTTP' }, snapshotId: done(C.LEGACY_BACKUP) }), 'createGroupClusterRestoreJob', 'PaginatedRestoreJobView'],
    ['legacy automated, v1.0', 'restore-jobs', 'v1.0', `/clusters/${C.LEGACY_BACKUP}/restoreJobs`, JSON_TYPE, () => ({ delivery: { methodName: 'AUTOMATED_RESTORE', targetGroupId: P, targetClusterName: DEMO.bigCluster.name }, snapshotId: done(C.LEGACY_BACKUP) }), 'createLegacyBackupRestoreJob', 'PaginatedRestoreJobView'],
    ['flex restore', 'restore-jobs', 'v2', `/flexClusters/${C.FLEX}/backup/restoreJobs`, FLEX, () => ({ snapshotId: done(C.FLEX), targetDeploymentItemName: DEMO.today.formerM2 }), 'createGroupFlexClusterBackupRestoreJob', 'FlexBackupRestoreJob20241113'],
    ['flex download', 'restore-jobs', 'v2', `/flexClusters/${C.FLEX}/backup/download`, FLEX, () => ({ snapshotId: done(C.FLEX) }), 'downloadGroupFlexClusterBackup', 'FlexBackupRestoreJob20241113'],
    ['shared-tier restore', 'restore-jobs', 'v2', `/clusters/${C.SHARED_TIER}/backup/tenant/restore`, V2, () => ({ snapshotId: done(C.SHARED_TIER), targetDeploymentItemName: C.CLOUD_BACKUP }), 'createSharedClusterBackupRestoreJob', 'TenantRestore'],
    ['shared-tier download, v1.0', 'restore-jobs', 'v1.0', `/clusters/${C.SHARED_TIER}/backup/tenant/download`, JSON_TYPE, () => ({ snapshotId: done(C.SHARED_TIER), targetDeploymentItemName: C.SHARED_TIER }), 'downloadSharedClusterBackupV1', 'TenantRestore'],
    ['serverless automated', 'restore-jobs', 'v2', `/serverless/${C.SERVERLESS}/backup/restoreJobs`, V2, () => ({ deliveryType: 'automated', snapshotId: done(C.SERVERLESS), targetClusterName: C.SERVERLESS, targetGroupId: P }), 'createGroupServerlessBackupRestoreJob', 'ServerlessBackupRestoreJob'],
    ['serverless download, v1.0', 'restore-jobs', 'v1.0', `/serverless/${C.SERVERLESS}/backup/restoreJobs`, JSON_TYPE, () => ({ deliveryType: 'download', snapshotId: done(C.SERVERLESS), targetClusterName: C.SERVERLESS, targetGroupId: P }), 'createServerlessBackupRestoreJob', 'ServerlessBackupRestoreJob'],
    ['Cloud Backup download', 'successors', 'v2', `/clusters/${C.CLOUD_BACKUP}/backup/restoreJobs`, V2, () => ({ deliveryType: 'download', snapshotId: done(C.CLOUD_BACKUP) }), 'createGroupClusterBackupRestoreJob', 'DiskBackupSnapshotRestoreJob'],
    ['Cloud Backup automated', 'successors', 'v2', `/clusters/${C.CLOUD_BACKUP}/backup/restoreJobs`, V2, () => ({ deliveryType: 'automated', snapshotId: done(C.CLOUD_BACKUP), targetClusterName: DEMO.today.formerServerless, targetGroupId: P }), 'createGroupClusterBackupRestoreJob', 'DiskBackupSnapshotRestoreJob'],
    ['Cloud Backup point in time', 'successors', 'v2', `/clusters/${C.CLOUD_BACKUP}/backup/restoreJobs`, V2, () => ({ deliveryType: 'pointInTime', pointInTimeUTCSeconds: T0 / 1000 - 60, targetClusterName: C.LEGACY_BACKUP, targetGroupId: P }), 'createGroupClusterBackupRestoreJob', 'DiskBackupSnapshotRestoreJob'],
    ['Cloud Backup oplog point in time', 'successors', 'v2', `/clusters/${DEMO.today.sharded}/backup/restoreJobs`, V2, () => ({ deliveryType: 'pointInTime', oplogTs: T0 / 1000 - 60, oplogInc: 2, targetClusterName: DEMO.today.sharded, targetGroupId: P }), 'createGroupClusterBackupRestoreJob', 'DiskBackupSnapshotRestoreJob'],
    ['Cloud Backup sharded download', 'successors', 'v2', `/clusters/${DEMO.today.sharded}/backup/restoreJobs`, V2, () => ({ deliveryType: 'download', snapshotId: done(DEMO.today.sharded) }), 'createGroupClusterBackupRestoreJob', 'DiskBackupSnapshotRestoreJob'],
  ];
  const contractOf = (which: WriteCase[1]): Contract => (which === 'successors' ? successors : contract);
  /** Where each created job is read back: [contract, list path on v2, media type, job id]. */
  const created: [WriteCase[1], string, string, string][] = [];

  it.each(writes)('%s: the answer conforms to the operation\'s 200 schema', async (_what, which, version, path, mediaType, body, operationId, schema) => {
    const exchange = await call(`/api/atlas/${version}/groups/${P}${path}`, mediaType, 'POST', writerBase, body());
    const answer = exchange.body as { id?: string; results?: { id: string }[] };
    // Where the job is listed: the tenant list for both tenant writes, the flex list for a flex download.
    const list = path.replace(/\/tenant\/(restore|download)$/, '/tenant/restores').replace(/\/backup\/download$/, '/backup/restoreJobs');
    for (const id of answer.results?.map((j) => j.id) ?? [answer.id!]) created.push([which, list, version === 'v2' ? mediaType : KIND_FACTS.SHARED_TIER.mediaType, id]);
    expect({ status: exchange.status, contentType: exchange.contentType, check: contractOf(which).checkResponse(exchange) }).toEqual({
      status: 200,
      contentType: mediaType,
      check: { operationId, statusDeclared: true, contentTypeDeclared: true, schema, errors: [] },
    });
  });

  it('serves every created job, in its list and on its own, conforming while running and once finished (and cancelled)', async () => {
    expect(created.length).toBe(writes.length);
    const problems: string[] = [];
    const readAll = async (stage: string): Promise<void> => {
      for (const [which, list, mediaType, id] of created) {
        for (const path of [`/api/atlas/v2/groups/${P}${list}/${id}`, `/api/atlas/v2/groups/${P}${list}`]) {
          const exchange = await call(path, mediaType, 'GET', writerBase);
          const result = contractOf(which).checkResponse(exchange);
          const listed = exchange.status === 200 && (path.endsWith(id) || (exchange.body as { results: { id: string }[] }).results.some((j) => j.id === id));
          if (!listed || !result.statusDeclared || result.errors.length) problems.push(`${stage} ${exchange.status} ${path}: ${result.errors.join('; ')}`);
        }
      }
    };
    await readAll('running');
    now = T0 + 10_000;
    await readAll('finished');
    const download = created.find(([, list]) => list.includes(C.CLOUD_BACKUP))!;
    const cancel = await call(`/api/atlas/v2/groups/${P}${download[1]}/${download[3]}`, V2, 'DELETE', writerBase);
    const declared = loadSpec(SUCCESSORS_SPEC).paths['/api/atlas/v2/groups/{groupId}/clusters/{clusterName}/backup/restoreJobs/{restoreJobId}']!.delete!.responses['204'];
    expect({ status: cancel.status, body: cancel.body, declared: declared !== undefined }).toEqual({ status: 204, body: null, declared: true });
    await readAll('cancelled');
    expect(problems).toEqual([]);
  });

  const unknownId = '0123456789abcdef01234567';
  /** [what, contract, method, version, path after /groups/{P}, media type, body, status, errorCode, operationId, declared]. */
  const errors: [string, WriteCase[1], string, string, string, string, () => unknown, number, string, string | null, boolean][] = [
    ['a body missing a field', 'restore-jobs', 'POST', 'v2', `/clusters/${C.LEGACY_BACKUP}/restoreJobs`, V2, () => ({ snapshotId: done(C.LEGACY_BACKUP) }), 400, 'MISSING_ATTRIBUTE', 'createGroupClusterRestoreJob', true],
    ['an unknown target', 'restore-jobs', 'POST', 'v2', `/flexClusters/${C.FLEX}/backup/restoreJobs`, FLEX, () => ({ snapshotId: done(C.FLEX), targetDeploymentItemName: 'nope' }), 404, 'CLUSTER_NOT_FOUND', 'createGroupFlexClusterBackupRestoreJob', true],
    ['a restore running onto the target', 'restore-jobs', 'POST', 'v2', `/clusters/${C.SHARED_TIER}/backup/tenant/restore`, V2, () => ({ snapshotId: done(C.SHARED_TIER), targetDeploymentItemName: C.SHARED_TIER }), 409, 'ATLAS_CLUSTER_RESTORE_IN_PROGRESS', 'createSharedClusterBackupRestoreJob', true],
    ['a migrated shared-tier cluster', 'restore-jobs', 'POST', 'v1.0', `/clusters/${DEMO.today.formerM2}/backup/tenant/restore`, JSON_TYPE, () => ({ snapshotId: unknownId, targetDeploymentItemName: 'x' }), 410, 'VERSION_GONE', 'createSharedClusterBackupRestoreJobV1', false],
    ['a snapshot still being taken', 'successors', 'POST', 'v2', `/clusters/${C.CLOUD_BACKUP}/backup/restoreJobs`, V2, () => ({ deliveryType: 'download', snapshotId: writer.snapshots.inProgressId(P, C.CLOUD_BACKUP) }), 400, 'CANNOT_START_RESTORE_JOB_FOR_INCOMPLETE_CLUSTER_SNAPSHOT', 'createGroupClusterBackupRestoreJob', true],
    ['an unknown snapshot', 'successors', 'POST', 'v2', `/clusters/${C.CLOUD_BACKUP}/backup/restoreJobs`, V2, () => ({ deliveryType: 'download', snapshotId: unknownId }), 404, 'SNAPSHOT_NOT_FOUND', 'createGroupClusterBackupRestoreJob', true],
    ['a running restore onto the target', 'successors', 'POST', 'v2', `/clusters/${C.CLOUD_BACKUP}/backup/restoreJobs`, V2, () => ({ deliveryType: 'automated', snapshotId: done(C.CLOUD_BACKUP), targetClusterName: OTHER_PROJECT_CB, targetGroupId: OTHER_PROJECT_ID }), 409, 'ATLAS_CLUSTER_RESTORE_IN_PROGRESS', 'createGroupClusterBackupRestoreJob', true],
    ['the wrong Content-Type', 'successors', 'POST', 'v2', `/clusters/${C.CLOUD_BACKUP}/backup/restoreJobs`, V2, () => 'send-json', 415, 'UNSUPPORTED_MEDIA_TYPE', 'createGroupClusterBackupRestoreJob', false],
    ['cancelling an automated job', 'successors', 'DELETE', 'v2', `/clusters/${C.CLOUD_BACKUP}/backup/restoreJobs/${'{automated}'}`, V2, () => undefined, 400, 'CANNOT_CANCEL_AUTOMATED_RESTORE', 'cancelGroupClusterBackupRestoreJob', true],
    ["cancelling one shard's job", 'successors', 'DELETE', 'v2', `/clusters/${DEMO.today.sharded}/backup/restoreJobs/${'{shard}'}`, V2, () => undefined, 405, 'ATLAS_BACKUP_CANCEL_SHARD_RESTORE_JOB_NOT_ALLOWED', 'cancelGroupClusterBackupRestoreJob', true],
    ['cancelling an unknown job', 'successors', 'DELETE', 'v2', `/clusters/${C.CLOUD_BACKUP}/backup/restoreJobs/${unknownId}`, V2, () => undefined, 404, 'RESTORE_JOB_NOT_FOUND', 'cancelGroupClusterBackupRestoreJob', true],
  ];

  it.each(errors)('%s: an ApiError body', async (_what, which, method, version, path, mediaType, body, status, errorCode, operationId, statusDeclared) => {
    const sharded = writer.seed.projects[0]!.clusters.find((c) => c.name === DEMO.today.sharded)!.cloudBackup![0]!;
    const automated = writer.seed.projects[0]!.clusters.find((c) => c.name === C.CLOUD_BACKUP)!.cloudBackup!.find((j) => j.deliveryType === 'automated')!;
    const full = `/api/atlas/${version}/groups/${P}${path.replace('{automated}', automated.id!).replace('{shard}', shardRestoreJobId(sharded.id!, sharded.components![0]!.replicaSetName!))}`;
    const sent = body();
    const exchange =
      sent === 'send-json'
        ? await (async () => {
            const res = await request(`${writerBase}${full}`, { method: 'POST', headers: { accept: mediaType, 'content-type': 'application/json' }, body: '{}', dispatcher: agent });
            return { method, path: full, status: res.statusCode, contentType: String(res.headers['content-type']), body: (await res.body.json()) as unknown };
          })()
        : await call(full, mediaType, method, writerBase, sent);
    expect({ status: exchange.status, errorCode: (exchange.body as { errorCode?: unknown }).errorCode, check: contractOf(which).checkResponse(exchange) }).toEqual({
      status,
      errorCode,
      check: { operationId, statusDeclared, contentTypeDeclared: statusDeclared, schema: 'ApiError', errors: [] },
    });
  });

  it('seeds snapshots that conform to snapshots.openapi.yaml, each cluster\'s in the shape of its snapshot API', () => {
    const snapshots = loadContract({ specPath: SNAPSHOTS_SPEC, strict: true });
    // NOTE: BackupSnapshotPart.machineId's pattern escapes a colon (`\:`), which a Unicode-mode RegExp refuses, and the
    // contract compiles every pattern in Unicode mode; legacy snapshots go through an ajv without it, over the same views.
    const legacyAjv = new Ajv({ strict: true, allErrors: true, unicodeRegExp: false });
    addFormats(legacyAjv);
    legacyAjv.addSchema({ $id: 'legacy', definitions: Object.fromEntries(['BackupSnapshot', 'BackupSnapshotPart', 'ApiBSONTimestampView', 'Link'].map((n) => [n, snapshots.responseView(n)])) });
    const legacy = legacyAjv.getSchema('legacy#/definitions/BackupSnapshot')!;
    const schemaOf: Record<Exclude<SeedSnapshot['shape'], 'legacy'>, string> = { replicaSet: 'DiskBackupReplicaSet', shardedCluster: 'DiskBackupShardedClusterSnapshot', flex: 'FlexBackupSnapshot20241113' };
    const seed = createTestSeed();
    const problems: string[] = [];
    let count = 0;
    for (const project of seed.projects) {
      for (const cluster of project.clusters) {
        for (const snapshot of writer.snapshots.of(project.id, cluster.name)) {
          count += 1;
          const errors = snapshot.shape === 'legacy' ? (legacy(snapshot.body) ? [] : (legacy.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`)) : snapshots.validate(schemaOf[snapshot.shape], snapshot.body);
          if (errors.length) problems.push(`${cluster.name} ${snapshot.shape}: ${errors.join('; ')}`);
        }
      }
    }
    expect({ count, problems }).toEqual({ count: 96, problems: [] });
  });
});
