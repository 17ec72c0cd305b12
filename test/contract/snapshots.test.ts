import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import type { SnapshotList } from '../../src/clusters/snapshots/BackupSnapshotModel';
import { SNAPSHOT_LIST_DEFINITIONS } from '../../src/clusters/snapshots/snapshotLists';
import { AtlasSimulator, type SeedCluster } from '../../src/simulator';
import { createTestSeed } from '../support/seeds';
import { loadContract, REPO_ROOT, SNAPSHOTS_SPEC_PATH, type ResponseCheck } from './specSchemas';

/**
 * atlas/snapshots.openapi.yaml held to the snapshot reads: every snapshot list and snapshot the simulator serves for
 * the test seed, over HTTP, validated strictly (no undeclared property) against the operation the path matches; its
 * error answers; and the fixtures (test/fixtures/snapshots), validated and read by the gateway's mappers. Prism's run
 * over the same file is prismSnapshots.test.ts.
 */

const contract = loadContract({ specPath: SNAPSHOTS_SPEC_PATH, strict: true });
const CLOUD = 'application/vnd.atlas.2023-01-01+json';
const FLEX = 'application/vnd.atlas.2024-11-13+json';
const agent = new Agent({ connections: 8 });
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

async function get(path: string, accept: string): Promise<{ status: number; body: unknown; check: ResponseCheck }> {
  const res = await request(`${base}/api/atlas/v2${path}`, { headers: { accept }, dispatcher: agent });
  const body = JSON.parse(await res.body.text()) as unknown;
  const check = contract.checkResponse({ method: 'GET', path: `/api/atlas/v2${path.split('?')[0]!}`, status: res.statusCode, contentType: String(res.headers['content-type'] ?? ''), body });
  return { status: res.statusCode, body, check };
}

/** The lists that serve a seed cluster (a dedicated cluster has both Cloud Backup lists; the simulator's kinds say so). */
function listsOf(cluster: SeedCluster): SnapshotList[] {
  if (cluster.kind === 'CLOUD_BACKUP') return ['CLOUD_BACKUP_REPLICA_SET', 'CLOUD_BACKUP_SHARDED'];
  if (cluster.kind === 'LEGACY_BACKUP') return ['LEGACY_BACKUP', 'CLOUD_BACKUP_REPLICA_SET', 'CLOUD_BACKUP_SHARDED'];
  if (cluster.kind === 'FLEX') return ['FLEX'];
  return [];
}

describe("the simulator's snapshot reads (strict response views)", () => {
  it('every list of every cluster of the seed, and every snapshot alone, conforms; each answer a declared 200 of its operation', async () => {
    const problems: string[] = [];
    const operations = new Set<string>();
    let listed = 0;
    let single = 0;
    for (const project of sim.seed.projects) {
      for (const cluster of project.clusters) {
        for (const list of listsOf(cluster)) {
          const definition = SNAPSHOT_LIST_DEFINITIONS[list];
          const at = { list, projectId: project.id, clusterName: cluster.name };
          const accept = list === 'FLEX' ? FLEX : CLOUD;
          const query = definition.paging === 'pageNum' ? `?itemsPerPage=500&pageNum=1${list === 'LEGACY_BACKUP' ? '&completed=all' : ''}` : '';
          const { status, body, check } = await get(`${definition.listPath(at)}${query}`, accept);
          problems.push(...check.errors.map((line) => `${cluster.name} ${list}: ${line}`));
          if (status !== 200 || !check.statusDeclared || !check.contentTypeDeclared) problems.push(`${cluster.name} ${list}: ${status}`);
          operations.add(`${check.operationId}`);
          const results = (body as { results: { id: string }[] }).results;
          listed += results.length;
          for (const snapshot of results) {
            const one = await get(definition.onePath(at, snapshot.id), accept);
            problems.push(...one.check.errors.map((line) => `${cluster.name}/${snapshot.id}: ${line}`));
            if (one.status !== 200) problems.push(`${cluster.name}/${snapshot.id}: ${one.status}`);
            operations.add(`${one.check.operationId}`);
            single += 1;
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect([...operations].sort()).toEqual([
      'getGroupClusterBackupSnapshot',
      'getGroupClusterBackupSnapshotShardedCluster',
      'getGroupClusterSnapshot',
      'getGroupFlexClusterBackupSnapshot',
      'listGroupClusterBackupSnapshotShardedClusters',
      'listGroupClusterBackupSnapshots',
      'listGroupClusterSnapshots',
      'listGroupFlexClusterBackupSnapshots',
    ]);
    // Four for each backup-capable cluster but the free one and the serverless and shared-tier ones (no list here).
    expect([listed, single]).toEqual([4 * 16, listed]);
  });

  it("answers the reads' failures with ApiError bodies, each a status the operation declares", async () => {
    const project = sim.seed.projects[0]!;
    const flex = project.clusters.find((c) => c.kind === 'FLEX')!.name;
    const dedicated = project.clusters.find((c) => c.kind === 'CLOUD_BACKUP')!.name;
    const answers = await Promise.all([
      get(`/groups/${project.id}/clusters/no-such-cluster/backup/snapshots`, CLOUD),
      get(`/groups/000000000000000000000000/clusters/x/backup/snapshots/shardedClusters`, CLOUD),
      get(`/groups/${project.id}/flexClusters/no-such-cluster/backup/snapshots`, FLEX),
      get(`/groups/${project.id}/clusters/no-such-cluster/snapshots`, CLOUD),
      get(`/groups/${project.id}/clusters/${flex}/backup/snapshots`, CLOUD),
      get(`/groups/${project.id}/clusters/${dedicated}/backup/snapshots/0123456789abcdef01234567`, CLOUD),
      get(`/groups/${project.id}/clusters/${dedicated}/backup/snapshots?itemsPerPage=501`, CLOUD),
    ]);
    expect(answers.map(({ status, check }) => [status, check.operationId, check.statusDeclared, check.schema, check.errors])).toEqual([
      [404, 'listGroupClusterBackupSnapshots', true, 'ApiError', []],
      [404, 'listGroupClusterBackupSnapshotShardedClusters', true, 'ApiError', []],
      [404, 'listGroupFlexClusterBackupSnapshots', true, 'ApiError', []],
      [404, 'listGroupClusterSnapshots', true, 'ApiError', []],
      [400, 'listGroupClusterBackupSnapshots', true, 'ApiError', []],
      [404, 'getGroupClusterBackupSnapshot', true, 'ApiError', []],
      [400, 'listGroupClusterBackupSnapshots', true, 'ApiError', []],
    ]);
  });
});

/** Each fixture file's list and schema. */
const FIXTURES: Record<string, { list: SnapshotList; schema: string }> = {
  'replica-set.json': { list: 'CLOUD_BACKUP_REPLICA_SET', schema: 'DiskBackupReplicaSet' },
  'sharded.json': { list: 'CLOUD_BACKUP_SHARDED', schema: 'DiskBackupShardedClusterSnapshot' },
  'flex.json': { list: 'FLEX', schema: 'FlexBackupSnapshot20241113' },
  'legacy.json': { list: 'LEGACY_BACKUP', schema: 'BackupSnapshot' },
  'unknown-and-minimal.json': { list: 'CLOUD_BACKUP_REPLICA_SET', schema: 'DiskBackupReplicaSet' },
};

function fixture(file: string): Record<string, unknown>[] {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'snapshots', file), 'utf8')) as Record<string, unknown>[];
}

describe('the snapshot fixtures against the spec and the mappers', () => {
  it('every file is listed; every body conforms but the deliberately odd one, whose departures are listed', () => {
    const files = readdirSync(join(REPO_ROOT, 'test', 'fixtures', 'snapshots')).filter((f) => f.endsWith('.json')).sort();
    expect(files).toEqual(Object.keys(FIXTURES).sort());
    const violations = Object.fromEntries(files.map((file) => [file, fixture(file).flatMap((body, i) => contract.validate(FIXTURES[file]!.schema, body).map((line) => `[${i}]${line}`))]));
    expect(violations).toEqual({
      'flex.json': [],
      'legacy.json': [],
      'replica-set.json': [],
      'sharded.json': [],
      'unknown-and-minimal.json': [
        '[0]/snapshotType must be equal to one of the allowed values (onDemand, scheduled, fallback)',
        '[0]/status must be equal to one of the allowed values (queued, inProgress, completed, failed)',
      ],
    });
  });

  it("the mappers read every fixture: each status and type in the graph's vocabulary", () => {
    const read = (file: string) =>
      fixture(file).map((body) => {
        const m = SNAPSHOT_LIST_DEFINITIONS[FIXTURES[file]!.list].toModel(body, { list: FIXTURES[file]!.list, projectId: '32b6e34b3d91647abb20e7b8', clusterName: 'Cluster0' });
        return m && `${m.status}/${m.atlasStatus}/${m.type}/${m.sizeBytes}`;
      });
    expect(Object.fromEntries(Object.keys(FIXTURES).map((file) => [file, read(file)]))).toEqual({
      'replica-set.json': ['COMPLETED/completed/SCHEDULED/3221225472', 'IN_PROGRESS/inProgress/ON_DEMAND/0', 'FAILED/failed/FALLBACK/null', 'QUEUED/queued/SCHEDULED/null'],
      'sharded.json': ['COMPLETED/completed/SCHEDULED/12884901888'],
      'flex.json': ['COMPLETED/COMPLETED/SCHEDULED/null', 'QUEUED/PENDING/SCHEDULED/null', 'QUEUED/QUEUED/SCHEDULED/null', 'IN_PROGRESS/RUNNING/SCHEDULED/null', 'FAILED/FAILED/SCHEDULED/null'],
      'legacy.json': ['COMPLETED/null/SCHEDULED/1040000000', 'IN_PROGRESS/null/SCHEDULED/1101000000'],
      'unknown-and-minimal.json': ['UNKNOWN/archived/UNKNOWN/null', 'UNKNOWN/null/UNKNOWN/null'],
    });
  });
});
