import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import type { SeedCluster } from '../../src/simulator';
import { KIND_FACTS } from '../support/kinds';
import { useSimulator } from '../support/simulatorHttp';
import { loadContract, REPO_ROOT, SUCCESSORS_SPEC_PATH, type ResponseCheck } from './specSchemas';

/**
 * atlas/successors.openapi.yaml held to the reads the gateway makes of it: the simulator's Cloud Backup lists and jobs
 * and its cluster and flex-cluster lookups, answered over HTTP and validated strictly (no undeclared property), and the
 * fixtures of those operations (test/fixtures/cloudBackup, test/fixtures/clusters). The writes of that file are held
 * to it in simulator.test.ts; Prism's run over it is prismSuccessors.test.ts.
 */

const contract = loadContract({ specPath: SUCCESSORS_SPEC_PATH, strict: true });
const CLOUD_BACKUP = KIND_FACTS.CLOUD_BACKUP;
const CLUSTER_MEDIA = 'application/vnd.atlas.2024-08-05+json';
const FLEX_MEDIA = 'application/vnd.atlas.2024-11-13+json';
const agent = new Agent({ connections: 8 });
const simulator = useSimulator(undefined, 'file');
afterAll(() => agent.close());

async function get(path: string, accept: string): Promise<{ status: number; check: ResponseCheck }> {
  const res = await request(`${simulator.base()}/api/atlas/v2${path}`, { headers: { accept }, dispatcher: agent });
  const text = await res.body.text();
  const check = contract.checkResponse({
    method: 'GET',
    path: `/api/atlas/v2${path.split('?')[0]!}`,
    status: res.statusCode,
    contentType: String(res.headers['content-type'] ?? ''),
    body: JSON.parse(text) as unknown,
  });
  return { status: res.statusCode, check };
}

/** Every cluster of the seed that the clusters API describes, and every one the flex API describes. */
function lookups(): { projectId: string; cluster: SeedCluster; path: string; accept: string }[] {
  return simulator.sim().seed.projects.flatMap((project) =>
    project.clusters.flatMap((cluster) => {
      if (cluster.kind === 'SERVERLESS') return [];
      const flex = cluster.kind === 'FLEX';
      const path = `/groups/${project.id}/${flex ? 'flexClusters' : 'clusters'}/${cluster.name}`;
      return [{ projectId: project.id, cluster, path, accept: flex ? FLEX_MEDIA : CLUSTER_MEDIA }];
    }),
  );
}

describe("the simulator's answers to the successors' reads (strict response views)", () => {
  it('every Cloud Backup job of the seed, in pages of 500 and one by one, conforms; every answer is a declared 200', async () => {
    const problems: string[] = [];
    let listed = 0;
    let single = 0;
    for (const project of simulator.sim().seed.projects) {
      for (const cluster of project.clusters.filter((c) => c.kind === 'CLOUD_BACKUP')) {
        const path = CLOUD_BACKUP.path(project.id, cluster.name);
        const jobs = CLOUD_BACKUP.jobs(cluster);
        for (let page = 1; page === 1 || (page - 1) * 500 < jobs.length; page += 1) {
          const { status, check } = await get(`${path}?itemsPerPage=500&pageNum=${page}`, CLOUD_BACKUP.mediaType);
          problems.push(...check.errors.map((line) => `${cluster.name} page ${page}: ${line}`));
          if (status !== 200 || !check.statusDeclared || !check.contentTypeDeclared) problems.push(`${cluster.name} page ${page}: ${status}`);
          expect(check.operationId).toBe('listGroupClusterBackupRestoreJobs');
          listed += Math.min(500, jobs.length - (page - 1) * 500);
        }
        for (const job of jobs) {
          const { status, check } = await get(`${path}/${job.id!}`, CLOUD_BACKUP.mediaType);
          problems.push(...check.errors.map((line) => `${cluster.name}/${job.id!}: ${line}`));
          if (status !== 200 || check.operationId !== 'getGroupClusterBackupRestoreJob') problems.push(`${cluster.name}/${job.id!}: ${status}`);
          single += 1;
        }
      }
    }
    // The one departure is deliberate: the edge-case cluster's job with a delivery type the spec does not list
    // (test/support/seeds/edgeCases.ts), which the gateway reads as UNKNOWN with the Atlas word kept.
    const teleport = 'deliveryType must be equal to one of the allowed values (automated, download, pointInTime)';
    expect(problems.map((line) => line.replace(/\/[a-f0-9]{24}:/, '/{id}:'))).toEqual([`edge-cases-dedicated page 1: /results/0/${teleport}`, `edge-cases-dedicated/{id}: /${teleport}`]);
    // The seed has Cloud Backup jobs in more than one project, so these counts say the loops ran.
    expect([listed > 10, single]).toEqual([true, listed]);
  });

  it('every cluster lookup of the seed conforms (dedicated, sharded, tenant, free and flex clusters)', async () => {
    const problems: string[] = [];
    const operations = new Set<string>();
    const all = lookups();
    for (const { cluster, path, accept } of all) {
      const { status, check } = await get(path, accept);
      problems.push(...check.errors.map((line) => `${cluster.name}: ${line}`));
      if (status !== 200 || !check.contentTypeDeclared) problems.push(`${cluster.name}: ${status}`);
      operations.add(`${check.operationId} ${cluster.kind}`);
    }
    expect(problems).toEqual([]);
    expect([...operations].sort()).toEqual([
      'getGroupCluster CLOUD_BACKUP',
      'getGroupCluster FREE',
      'getGroupCluster LEGACY_BACKUP',
      'getGroupCluster SHARED_TIER',
      'getGroupFlexCluster FLEX',
    ]);
  });

  it("answers the lookups' failures with ApiError bodies: an unknown cluster, a flex cluster asked of the clusters API", async () => {
    const project = simulator.sim().seed.projects[0]!;
    const flex = project.clusters.find((c) => c.kind === 'FLEX')!;
    const answers = await Promise.all([
      get(`/groups/${project.id}/clusters/no-such-cluster`, CLUSTER_MEDIA),
      get(`/groups/${project.id}/flexClusters/no-such-cluster`, FLEX_MEDIA),
      get(`/groups/${project.id}/clusters/${flex.name}`, CLUSTER_MEDIA),
      get(`${CLOUD_BACKUP.path(project.id, 'no-such-cluster')}/0123456789abcdef01234567`, CLOUD_BACKUP.mediaType),
    ]);
    expect(answers.map(({ status, check }) => [status, check.statusDeclared, check.schema, check.errors])).toEqual([
      [404, true, 'ApiError', []],
      [404, true, 'ApiError', []],
      // NOTE: getGroupCluster declares no 400 in the spec; Atlas's error-code list has CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API
      // (400) for it, and the gateway's discovery asks the flex API on it (src/restoreJobs/routing/rules.ts).
      [400, false, 'ApiError', []],
      [404, true, 'ApiError', []],
    ]);
  });
});

/** The fixtures of the successors' operations, file by file: each body (or each element of a list) validated. */
function fixtureViolations(folder: string, schemaOf: (body: Record<string, unknown>) => string): Record<string, string[]> {
  const dir = join(REPO_ROOT, 'test', 'fixtures', folder);
  const out: Record<string, string[]> = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const parsed = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown> | Record<string, unknown>[];
    const bodies = Array.isArray(parsed) ? parsed : [parsed];
    out[file] = bodies.flatMap((body, i) => contract.validate(schemaOf(body), body).map((line) => (Array.isArray(parsed) ? `[${i}]${line}` : line)));
  }
  return out;
}

describe('the fixtures of the successors operations against the spec', () => {
  it('Cloud Backup jobs: every fixture conforms but the deliberately odd one, whose departure is listed', () => {
    expect(fixtureViolations('cloudBackup', () => 'DiskBackupSnapshotRestoreJob')).toEqual(EXPECTED_CLOUD_BACKUP);
  });

  it('clusters: every lookup fixture conforms (flex ones to the flex API, the others to the clusters API)', () => {
    const schemaOf = (body: Record<string, unknown>): string =>
      (body.providerSettings as { providerName?: string } | undefined)?.providerName === 'FLEX' ? 'FlexClusterDescription20241113' : 'ClusterDescription20240805';
    expect(fixtureViolations('clusters', schemaOf)).toEqual(EXPECTED_CLUSTERS);
  });
});

/** What the spec refuses in the Cloud Backup fixtures: only the deliberately odd list's unknown delivery type. */
const EXPECTED_CLOUD_BACKUP: Record<string, string[]> = {
  'point-in-time-running.json': [],
  'replica-set-download-ready.json': [],
  'sharded-download.json': [],
  'spec-example.json': [],
  'unknown-and-minimal.json': ['[0]/deliveryType must be equal to one of the allowed values (automated, download, pointInTime)'],
};
/** Every cluster fixture conforms. */
const EXPECTED_CLUSTERS: Record<string, string[]> = {
  'dedicated-replica-set.json': [],
  'flex.json': [],
  'sharded-asymmetric-backup-off.json': [],
  'tenant-m0.json': [],
  'tenant-m5.json': [],
  'tenant-migrated-to-flex.json': [],
};
