import { DEMO, type SeedCluster } from '../../src/simulator';
import { decodeGlobalId, encodeGlobalId } from '../../src/restoreJobs/globalId';
import { ClusterKindCache } from '../../src/clusters/ClusterKindCache';
import type { RestoreJobKind } from '../../src/restoreJobs/RestoreJobModel';
import { startHarness, type Harness } from '../support/harness';

const P = DEMO.projectId;
const T = DEMO.today;
const NODE = `__typename id jobId kind servedBy requestedKind clusterName`;
const LIST = `query($kind: RestoreJobKind, $c: String!) {
  restoreJobs(kind: $kind, projectId: "${P}", clusterName: $c, first: 50) { totalCount nodes { ${NODE} } }
}`;
const GET = `query($kind: RestoreJobKind, $c: String!, $j: ObjectID!) {
  restoreJob(kind: $kind, projectId: "${P}", clusterName: $c, jobId: $j) { ${NODE} }
}`;
const TYPE: Record<RestoreJobKind, string> = {
  LEGACY_BACKUP: 'LegacyBackupRestoreJob',
  SHARED_TIER: 'SharedTierRestoreJob',
  FLEX: 'FlexRestoreJob',
  SERVERLESS: 'ServerlessRestoreJob',
  CLOUD_BACKUP: 'CloudBackupRestoreJob',
};
const tenantPath = (c: string) => `/clusters/${c}/backup/tenant/restores`;
const serverlessPath = (c: string) => `/serverless/${c}/backup/restoreJobs`;
const apiError = (status: number, errorCode: string) => JSON.stringify({ error: status, errorCode, detail: 'Simulated.', reason: 'Reason' });

describe('kind discovery and routing past the sunset APIs, through the real server', () => {
  let h: Harness;
  const clusterKinds = new ClusterKindCache();

  beforeAll(async () => {
    h = await startHarness({ deps: { clusterKinds } });
  });
  afterAll(() => h.stop());
  beforeEach(() => {
    clusterKinds.clear();
    h.sim.clearFaults();
    h.sim.resetCalls();
  });

  /** The upstream calls since the last reset, as `status path` below the demo project, then reset. */
  function calls(): string[] {
    const seen = h.sim.calls.map((c) => `${c.status} ${c.path.replace(`/api/atlas/v2/groups/${P}`, '')}`);
    h.sim.resetCalls();
    return seen;
  }

  function seed(name: string): SeedCluster {
    return h.sim.seed.projects.find((p) => p.id === P)!.clusters.find((c) => c.name === name)!;
  }

  /** What the gateway should answer for a seed job served by `servedBy`. */
  function node(clusterName: string, jobId: string | undefined, servedBy: RestoreJobKind, requestedKind: RestoreJobKind | null) {
    return {
      __typename: TYPE[servedBy],
      id: encodeGlobalId({ kind: servedBy, projectId: P, clusterName, jobId: jobId! }),
      jobId,
      kind: servedBy,
      servedBy,
      requestedKind,
      clusterName,
    };
  }

  function listOf(clusterName: string, jobs: { id?: string }[], servedBy: RestoreJobKind, requestedKind: RestoreJobKind | null) {
    return { data: { restoreJobs: { totalCount: jobs.length, nodes: jobs.map((j) => node(clusterName, j.id, servedBy, requestedKind)) } } };
  }

  describe('SHARED_TIER on a former M2 cluster, now flex', () => {
    it('lists its flex jobs, flagged as served by flex: 2 calls, then 1 once remembered', async () => {
      const expected = listOf(T.formerM2, seed(T.formerM2).flex!, 'FLEX', 'SHARED_TIER');
      expect(await h.query(LIST, { kind: 'SHARED_TIER', c: T.formerM2 })).toEqual(expected);
      expect(calls()).toEqual([`410 /clusters/${T.formerM2}/backup/tenant/restores`, `200 /flexClusters/${T.formerM2}/backup/restoreJobs`]);
      expect(await h.query(LIST, { kind: 'SHARED_TIER', c: T.formerM2 })).toEqual(expected);
      expect(calls()).toEqual([`200 /flexClusters/${T.formerM2}/backup/restoreJobs`]);
    });

    it('gets one job the same way; its id names FLEX, so node(id) costs one call', async () => {
      const jobId = seed(T.formerM2).flex![1]!.id!;
      const expected = { data: { restoreJob: node(T.formerM2, jobId, 'FLEX', 'SHARED_TIER') } };
      expect(await h.query(GET, { kind: 'SHARED_TIER', c: T.formerM2, j: jobId })).toEqual(expected);
      expect(calls()).toEqual([`410 /clusters/${T.formerM2}/backup/tenant/restores/${jobId}`, `200 /flexClusters/${T.formerM2}/backup/restoreJobs/${jobId}`]);
      const id = encodeGlobalId({ kind: 'FLEX', projectId: P, clusterName: T.formerM2, jobId });
      expect(decodeGlobalId(id).kind).toBe('FLEX');
      expect(await h.query(`query($id: ID!) { node(id: $id) { ... on RestoreJob { ${NODE} } } }`, { id })).toEqual({
        data: { node: node(T.formerM2, jobId, 'FLEX', 'FLEX') },
      });
      expect(calls()).toEqual([`200 /flexClusters/${T.formerM2}/backup/restoreJobs/${jobId}`]);
    });

    it('an id minted for SHARED_TIER before the migration still resolves, to the job with its current id', async () => {
      const jobId = seed(T.formerM2).flex![0]!.id!;
      const oldId = encodeGlobalId({ kind: 'SHARED_TIER', projectId: P, clusterName: T.formerM2, jobId });
      expect(await h.query(`query($id: ID!) { node(id: $id) { ... on RestoreJob { ${NODE} } } }`, { id: oldId })).toEqual({
        data: { node: node(T.formerM2, jobId, 'FLEX', 'SHARED_TIER') },
      });
      expect(calls()).toEqual([`410 /clusters/${T.formerM2}/backup/tenant/restores/${jobId}`, `200 /flexClusters/${T.formerM2}/backup/restoreJobs/${jobId}`]);
    });

    it('a job id flex does not know is null with JOB_NOT_MIGRATED, before and after the route is remembered', async () => {
      const jobId = 'ffffffffffffffffffffffff';
      const expected = {
        data: { restoreJob: null },
        errors: [
          {
            message: `The SHARED_TIER API does not serve this cluster any more, and its successor (FLEX) has no restore job ${jobId}.`,
            locations: [{ line: 2, column: 3 }],
            path: ['restoreJob'],
            extensions: {
              code: 'JOB_NOT_MIGRATED',
              routing: { requestedKind: 'SHARED_TIER', triedKinds: ['SHARED_TIER', 'FLEX'], successorKind: 'FLEX', trigger: { status: 410, errorCode: 'VERSION_GONE' } },
            },
          },
        ],
      };
      expect(await h.query(GET, { kind: 'SHARED_TIER', c: T.formerM2, j: jobId })).toEqual(expected);
      expect(calls()).toEqual([`410 /clusters/${T.formerM2}/backup/tenant/restores/${jobId}`, `404 /flexClusters/${T.formerM2}/backup/restoreJobs/${jobId}`]);
      await h.query(LIST, { kind: 'SHARED_TIER', c: T.formerM2 });
      calls();
      const after = await h.query(GET, { kind: 'SHARED_TIER', c: T.formerM2, j: jobId });
      expect(after).toEqual({
        data: { restoreJob: null },
        errors: [
          {
            ...expected.errors[0],
            extensions: {
              code: 'JOB_NOT_MIGRATED',
              routing: { requestedKind: 'SHARED_TIER', triedKinds: ['FLEX'], successorKind: 'FLEX', trigger: { status: 404, errorCode: null } },
            },
          },
        ],
      });
      expect(calls()).toEqual([`404 /flexClusters/${T.formerM2}/backup/restoreJobs/${jobId}`]);
    });

    it('nothing learned with one credential is used for another', async () => {
      const tokens = { a: 'token-a-1234567890', b: 'token-b-1234567890' };
      const passthrough = await startHarness({
        simulator: { auth: { mode: 'bearer', clientId: 'x', clientSecret: 'y', acceptedTokens: [tokens.a, tokens.b] } },
        auth: { mode: 'passthrough' },
        deps: { clusterKinds },
      });
      try {
        const ask = async (token: string): Promise<string[]> => {
          passthrough.sim.resetCalls();
          const res = await passthrough.query(LIST, { kind: 'SHARED_TIER', c: T.formerM2 }, { authorization: `Bearer ${token}` });
          expect(res.errors).toBeUndefined();
          return passthrough.sim.calls.map((c) => `${c.status} ${c.path.replace(`/api/atlas/v2/groups/${P}`, '')}`);
        };
        const flexList = `200 /flexClusters/${T.formerM2}/backup/restoreJobs`;
        const twoCalls = [`410 /clusters/${T.formerM2}/backup/tenant/restores`, flexList];
        expect(await ask(tokens.a)).toEqual(twoCalls);
        expect(await ask(tokens.a)).toEqual([flexList]);
        expect(await ask(tokens.b)).toEqual(twoCalls);
      } finally {
        await passthrough.stop();
      }
    });
  });

  describe('SERVERLESS on a former serverless instance, now a dedicated cluster', () => {
    it('lists its Cloud Backup jobs: 3 calls (the refusal, discovery, the list), then 1', async () => {
      const expected = listOf(T.formerServerless, seed(T.formerServerless).cloudBackup!, 'CLOUD_BACKUP', 'SERVERLESS');
      expect(await h.query(LIST, { kind: 'SERVERLESS', c: T.formerServerless })).toEqual(expected);
      expect(calls()).toEqual([
        `400 /serverless/${T.formerServerless}/backup/restoreJobs`,
        `200 /clusters/${T.formerServerless}`,
        `200 /clusters/${T.formerServerless}/backup/restoreJobs`,
      ]);
      expect(await h.query(LIST, { kind: 'SERVERLESS', c: T.formerServerless })).toEqual(expected);
      expect(calls()).toEqual([`200 /clusters/${T.formerServerless}/backup/restoreJobs`]);
    });

    it('a job id Cloud Backup does not know is null with JOB_NOT_MIGRATED', async () => {
      const res = await h.query(GET, { kind: 'SERVERLESS', c: T.formerServerless, j: 'eeeeeeeeeeeeeeeeeeeeeeee' });
      expect(res).toEqual({
        data: { restoreJob: null },
        errors: [
          {
            message: 'The SERVERLESS API does not serve this cluster any more, and its successor (CLOUD_BACKUP) has no restore job eeeeeeeeeeeeeeeeeeeeeeee.',
            locations: [{ line: 2, column: 3 }],
            path: ['restoreJob'],
            extensions: {
              code: 'JOB_NOT_MIGRATED',
              routing: {
                requestedKind: 'SERVERLESS',
                triedKinds: ['SERVERLESS', 'CLOUD_BACKUP'],
                successorKind: 'CLOUD_BACKUP',
                trigger: { status: 400, errorCode: 'CANNOT_USE_CLUSTER_IN_SERVERLESS_INSTANCE_API' },
              },
            },
          },
        ],
      });
      expect(calls()).toHaveLength(3);
    });
  });

  describe('kind omitted: the gateway finds the API', () => {
    it.each<[string, string, RestoreJobKind, (c: SeedCluster) => { id?: string }[], string[]]>([
      ['a dedicated cluster', DEMO.clusters.CLOUD_BACKUP, 'CLOUD_BACKUP', (c) => c.cloudBackup!, ['200 /clusters/dedicated-cluster-0']],
      ['a sharded cluster', T.sharded, 'CLOUD_BACKUP', (c) => c.cloudBackup!, ['200 /clusters/sharded-cluster-0']],
      ['a flex cluster', DEMO.clusters.FLEX, 'FLEX', (c) => c.flex!, ['400 /clusters/flex-cluster-0', '200 /flexClusters/flex-cluster-0']],
      ['a former M2, now flex', T.formerM2, 'FLEX', (c) => c.flex!, ['400 /clusters/m2-now-flex-0', '200 /flexClusters/m2-now-flex-0']],
      ['an M2 not yet migrated', DEMO.clusters.SHARED_TIER, 'SHARED_TIER', (c) => c.tenant!.slice(0, 50), ['200 /clusters/m2-cluster-0']],
      ['a serverless instance not yet migrated', DEMO.clusters.SERVERLESS, 'SERVERLESS', (c) => c.serverless!, ['400 /clusters/serverless-0']],
      ['a cluster on Legacy Backup (Cloud Backup, with no jobs: Legacy Backup needs its kind named)', DEMO.clusters.LEGACY_BACKUP, 'CLOUD_BACKUP', () => [], ['200 /clusters/legacy-cluster-0']],
    ])('%s', async (_name, clusterName, servedBy, jobs, discovery) => {
      const listPath = {
        CLOUD_BACKUP: `/clusters/${clusterName}/backup/restoreJobs`,
        FLEX: `/flexClusters/${clusterName}/backup/restoreJobs`,
        SHARED_TIER: `/clusters/${clusterName}/backup/tenant/restores`,
        SERVERLESS: `/serverless/${clusterName}/backup/restoreJobs`,
        LEGACY_BACKUP: `/clusters/${clusterName}/restoreJobs`,
      }[servedBy];
      const expected = listOf(clusterName, jobs(seed(clusterName)), servedBy, null);
      if (servedBy === 'SHARED_TIER') expected.data.restoreJobs.totalCount = seed(clusterName).tenant!.length;
      expect(await h.query(LIST, { c: clusterName })).toEqual(expected);
      expect(calls()).toEqual([...discovery, `200 ${listPath}`]);
      expect(await h.query(LIST, { c: clusterName })).toEqual(expected);
      expect(calls()).toEqual([`200 ${listPath}`]);
    });

    it('a free cluster has an empty connection: one call to learn it, none after', async () => {
      const empty = { data: { restoreJobs: { totalCount: 0, nodes: [] } } };
      expect(await h.query(LIST, { c: T.free })).toEqual(empty);
      expect(calls()).toEqual([`200 /clusters/${T.free}`]);
      expect(await h.query(LIST, { c: T.free })).toEqual(empty);
      expect(calls()).toEqual([]);
      expect(await h.query(GET, { c: T.free, j: 'ffffffffffffffffffffffff' })).toEqual({ data: { restoreJob: null } });
    });

    it('a cluster neither API knows is NOT_FOUND for a list and for a lookup (its container is unknown)', async () => {
      expect(await h.query(LIST, { c: 'no-such-cluster' })).toEqual({
        data: { restoreJobs: null },
        errors: [
          {
            message: 'Atlas knows no cluster or flex cluster named "no-such-cluster" in this project.',
            locations: [{ line: 2, column: 3 }],
            path: ['restoreJobs'],
            extensions: { code: 'NOT_FOUND' },
          },
        ],
      });
      expect(calls()).toEqual(['404 /clusters/no-such-cluster', '404 /flexClusters/no-such-cluster']);
      expect(await h.query(GET, { c: 'no-such-cluster', j: 'ffffffffffffffffffffffff' })).toEqual({
        data: { restoreJob: null },
        errors: [
          {
            message: 'Atlas knows no cluster or flex cluster named "no-such-cluster" in this project.',
            locations: [{ line: 2, column: 3 }],
            path: ['restoreJob'],
            extensions: { code: 'NOT_FOUND' },
          },
        ],
      });
    });

    it('CLUSTER_NOT_FOUND from the clusters API gets one more flex probe (a migration in progress)', async () => {
      h.sim.inject({ match: (c) => c.path.endsWith(`/clusters/${T.formerM2}`), status: 404, body: apiError(404, 'CLUSTER_NOT_FOUND') });
      expect(await h.query(LIST, { c: T.formerM2 })).toEqual(listOf(T.formerM2, seed(T.formerM2).flex!, 'FLEX', null));
      expect(calls()).toEqual([`404 /clusters/${T.formerM2}`, `200 /flexClusters/${T.formerM2}`, `200 /flexClusters/${T.formerM2}/backup/restoreJobs`]);
    });

    it('a lookup without kind on a dedicated cluster', async () => {
      const jobId = seed(T.sharded).cloudBackup![0]!.id!;
      expect(await h.query(GET, { c: T.sharded, j: jobId })).toEqual({ data: { restoreJob: node(T.sharded, jobId, 'CLOUD_BACKUP', null) } });
      expect(calls()).toEqual([`200 /clusters/${T.sharded}`, `200 /clusters/${T.sharded}/backup/restoreJobs/${jobId}`]);
    });
  });

  describe('the cluster root field', () => {
    const CLUSTER = `query($n: String!) { cluster(projectId: "${P}", name: $n) { projectId name kind tier clusterType backupEnabled } }`;

    it.each([
      [DEMO.clusters.CLOUD_BACKUP, 'CLOUD_BACKUP', 'M30', 'REPLICASET', true],
      [T.sharded, 'CLOUD_BACKUP', 'M40', 'SHARDED', true],
      [T.formerServerless, 'CLOUD_BACKUP', 'M10', 'REPLICASET', true],
      [DEMO.clusters.FLEX, 'FLEX', 'FLEX', 'REPLICASET', true],
      [DEMO.clusters.SHARED_TIER, 'SHARED_TIER', 'M2', 'REPLICASET', true],
      [DEMO.clusters.SERVERLESS, 'SERVERLESS', null, null, null],
      [T.free, null, 'M0', 'REPLICASET', false],
      [DEMO.clusters.LEGACY_BACKUP, 'CLOUD_BACKUP', 'M30', 'REPLICASET', false],
    ])('%s is %s, tier %s', async (name, kind, tier, clusterType, backupEnabled) => {
      expect(await h.query(CLUSTER, { n: name })).toEqual({ data: { cluster: { projectId: P, name, kind, tier, clusterType, backupEnabled } } });
    });

    it('is null for a cluster Atlas does not know; a bad name is BAD_USER_INPUT before any call', async () => {
      expect(await h.query(CLUSTER, { n: 'nope' })).toEqual({ data: { cluster: null } });
      expect(calls()).toEqual(['404 /clusters/nope', '404 /flexClusters/nope']);
      const bad = await h.query(CLUSTER, { n: '-bad' });
      expect(bad.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', argument: 'name' }]);
      expect(calls()).toEqual([]);
    });

    it("serves the cluster's jobs from the API that serves it, with no second lookup", async () => {
      const res = await h.query(
        `query($n: String!) { cluster(projectId: "${P}", name: $n) { kind restoreJobs(first: 2) { totalCount nodes { ${NODE} ... on CloudBackupRestoreJob { components { replicaSetName } } } } } }`,
        { n: T.sharded },
      );
      const jobs = seed(T.sharded).cloudBackup!;
      expect(res).toEqual({
        data: {
          cluster: {
            kind: 'CLOUD_BACKUP',
            restoreJobs: {
              totalCount: jobs.length,
              nodes: jobs.slice(0, 2).map((j) => ({
                ...node(T.sharded, j.id, 'CLOUD_BACKUP', null),
                components: ['shard-0', 'shard-1', 'config-0'].map((rs) => ({ replicaSetName: `${T.sharded}-${rs}` })),
              })),
            },
          },
        },
      });
      expect(calls()).toEqual([`200 /clusters/${T.sharded}`, `200 /clusters/${T.sharded}/backup/restoreJobs`]);
    });

    it("a free cluster's jobs are an empty connection", async () => {
      expect(await h.query(`query($n: String!) { cluster(projectId: "${P}", name: $n) { kind tier restoreJobs { totalCount nodes { id } pageInfo { hasNextPage endCursor } } } }`, { n: T.free })).toEqual({
        data: { cluster: { kind: null, tier: 'M0', restoreJobs: { totalCount: 0, nodes: [], pageInfo: { hasNextPage: false, endCursor: null } } } },
      });
    });
  });

  describe('the reverse mismatches: FLEX on a dedicated cluster goes to Cloud Backup', () => {
    it('CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API: 2 calls, then 1', async () => {
      const expected = listOf(DEMO.clusters.CLOUD_BACKUP, seed(DEMO.clusters.CLOUD_BACKUP).cloudBackup!, 'CLOUD_BACKUP', 'FLEX');
      expect(await h.query(LIST, { kind: 'FLEX', c: DEMO.clusters.CLOUD_BACKUP })).toEqual(expected);
      expect(calls()).toEqual([`400 /flexClusters/${DEMO.clusters.CLOUD_BACKUP}/backup/restoreJobs`, `200 /clusters/${DEMO.clusters.CLOUD_BACKUP}/backup/restoreJobs`]);
      expect(await h.query(LIST, { kind: 'FLEX', c: DEMO.clusters.CLOUD_BACKUP })).toEqual(expected);
      expect(calls()).toEqual([`200 /clusters/${DEMO.clusters.CLOUD_BACKUP}/backup/restoreJobs`]);
    });

    it('FEATURE_UNSUPPORTED: 2 calls', async () => {
      h.sim.inject({ match: (c) => c.path.includes('/flexClusters/'), status: 400, body: apiError(400, 'FEATURE_UNSUPPORTED') });
      expect(await h.query(LIST, { kind: 'FLEX', c: T.sharded })).toEqual(listOf(T.sharded, seed(T.sharded).cloudBackup!, 'CLOUD_BACKUP', 'FLEX'));
      expect(calls()).toEqual([`400 /flexClusters/${T.sharded}/backup/restoreJobs`, `200 /clusters/${T.sharded}/backup/restoreJobs`]);
    });

    it('a named flex cluster that does not exist is still NOT_FOUND, unrouted', async () => {
      const res = await h.query(LIST, { kind: 'FLEX', c: 'no-such-cluster' });
      expect(res.errors?.map((e) => e.extensions)).toEqual([
        { code: 'NOT_FOUND', atlas: { status: 404, errorCode: 'FLEX_CLUSTER_NOT_FOUND', detail: `Flex cluster no-such-cluster cannot be found in group ${P}.` } },
      ]);
      expect(calls()).toEqual(['404 /flexClusters/no-such-cluster/backup/restoreJobs']);
    });
  });

  describe('every other routing row', () => {

    it('SHARED_TIER, 404 (a flex cluster unknown to the tenant API): discovery finds flex', async () => {
      const c = DEMO.clusters.FLEX;
      expect(await h.query(LIST, { kind: 'SHARED_TIER', c })).toEqual(listOf(c, seed(c).flex!, 'FLEX', 'SHARED_TIER'));
      expect(calls()).toEqual([`404 ${tenantPath(c)}`, `400 /clusters/${c}`, `200 /flexClusters/${c}`, `200 /flexClusters/${c}/backup/restoreJobs`]);
    });

    it('SHARED_TIER, NOT_SERVERLESS_TENANT_CLUSTER (a dedicated cluster): discovery finds Cloud Backup', async () => {
      const c = DEMO.clusters.CLOUD_BACKUP;
      expect(await h.query(LIST, { kind: 'SHARED_TIER', c })).toEqual(listOf(c, seed(c).cloudBackup!, 'CLOUD_BACKUP', 'SHARED_TIER'));
      expect(calls()).toEqual([`400 ${tenantPath(c)}`, `200 /clusters/${c}`, `200 /clusters/${c}/backup/restoreJobs`]);
    });

    it.each([
      ['SHARED_TIER', 404, 'SERVERLESS_INSTANCE_NOT_FOUND'],
      ['SHARED_TIER', 400, 'CANNOT_USE_CLUSTER_IN_SERVERLESS_INSTANCE_API'],
      ['SERVERLESS', 410, 'VERSION_GONE'],
      ['SERVERLESS', 400, 'NOT_SERVERLESS_TENANT_CLUSTER'],
      ['SERVERLESS', 404, 'RESOURCE_NOT_FOUND'],
    ] as const)('%s, %i %s: discovery finds Cloud Backup', async (kind, status, errorCode) => {
      const c = T.sharded;
      const path = kind === 'SHARED_TIER' ? tenantPath(c) : serverlessPath(c);
      h.sim.inject({ match: (call) => call.path.endsWith(path), status, body: apiError(status, errorCode) });
      expect(await h.query(LIST, { kind, c })).toEqual(listOf(c, seed(c).cloudBackup!, 'CLOUD_BACKUP', kind));
      expect(calls()).toEqual([`${status} ${path}`, `200 /clusters/${c}`, `200 /clusters/${c}/backup/restoreJobs`]);
    });

    it('SERVERLESS, SERVERLESS_INSTANCE_NOT_FOUND (a flex cluster): discovery finds flex', async () => {
      const c = DEMO.clusters.FLEX;
      expect(await h.query(LIST, { kind: 'SERVERLESS', c })).toEqual(listOf(c, seed(c).flex!, 'FLEX', 'SERVERLESS'));
      expect(calls()).toEqual([`404 ${serverlessPath(c)}`, `400 /clusters/${c}`, `200 /flexClusters/${c}`, `200 /flexClusters/${c}/backup/restoreJobs`]);
    });

    it('SERVERLESS on what became a free cluster: an empty list; a lookup is null with JOB_NOT_MIGRATED', async () => {
      expect(await h.query(LIST, { kind: 'SERVERLESS', c: T.free })).toEqual({ data: { restoreJobs: { totalCount: 0, nodes: [] } } });
      expect(calls()).toEqual([`400 ${serverlessPath(T.free)}`, `200 /clusters/${T.free}`]);
      const res = await h.query(GET, { kind: 'SERVERLESS', c: T.free, j: 'ffffffffffffffffffffffff' });
      expect(res).toEqual({
        data: { restoreJob: null },
        errors: [
          {
            message: 'The SERVERLESS API does not serve this cluster any more, and the cluster has no restore jobs now (a free cluster).',
            locations: [{ line: 2, column: 3 }],
            path: ['restoreJob'],
            extensions: {
              code: 'JOB_NOT_MIGRATED',
              routing: { requestedKind: 'SERVERLESS', triedKinds: [], successorKind: null, trigger: null },
            },
          },
        ],
      });
      expect(calls()).toEqual([]);
    });

    it('SHARED_TIER 410, then flex 404 on the list (the flex guess was wrong): discovery finds Cloud Backup', async () => {
      const c = DEMO.clusters.CLOUD_BACKUP;
      h.sim.inject({ match: (call) => call.path.endsWith(tenantPath(c)), status: 410, body: apiError(410, 'VERSION_GONE') });
      h.sim.inject({ match: (call) => call.path.includes('/flexClusters/'), status: 404, body: apiError(404, 'FLEX_CLUSTER_NOT_FOUND') });
      expect(await h.query(LIST, { kind: 'SHARED_TIER', c })).toEqual(listOf(c, seed(c).cloudBackup!, 'CLOUD_BACKUP', 'SHARED_TIER'));
      expect(calls()).toEqual([`410 ${tenantPath(c)}`, `404 /flexClusters/${c}/backup/restoreJobs`, `200 /clusters/${c}`, `200 /clusters/${c}/backup/restoreJobs`]);
    });

    it('SHARED_TIER 410 on a cluster since upgraded to dedicated: flex refuses, Cloud Backup serves', async () => {
      const c = T.formerServerless;
      h.sim.inject({ match: (call) => call.path.endsWith(tenantPath(c)), status: 410, body: apiError(410, 'VERSION_GONE') });
      expect(await h.query(LIST, { kind: 'SHARED_TIER', c })).toEqual(listOf(c, seed(c).cloudBackup!, 'CLOUD_BACKUP', 'SHARED_TIER'));
      expect(calls()).toEqual([`410 ${tenantPath(c)}`, `400 /flexClusters/${c}/backup/restoreJobs`, `200 /clusters/${c}/backup/restoreJobs`]);
    });

    it('a retired kind on a cluster Atlas does not know: the original NOT_FOUND, with the routing tried', async () => {
      const res = await h.query(LIST, { kind: 'SERVERLESS', c: 'no-such-cluster' });
      expect(res).toEqual({
        data: { restoreJobs: null },
        errors: [
          {
            message: 'Atlas has no such resource.',
            locations: [{ line: 2, column: 3 }],
            path: ['restoreJobs'],
            extensions: {
              code: 'NOT_FOUND',
              atlas: { status: 404, errorCode: 'SERVERLESS_INSTANCE_NOT_FOUND', detail: `No serverless instance named no-such-cluster exists in group ${P}.` },
              routing: { requestedKind: 'SERVERLESS', triedKinds: ['SERVERLESS'], successorKind: null, trigger: { status: 404, errorCode: 'SERVERLESS_INSTANCE_NOT_FOUND' } },
            },
          },
        ],
      });
      expect(calls()).toEqual([`404 ${serverlessPath('no-such-cluster')}`, '404 /clusters/no-such-cluster', '404 /flexClusters/no-such-cluster']);
    });

    it('an outage of the successor is reported as such, not as the sunset', async () => {
      // Every attempt fails (the client retries a 503), so the successor is really out.
      h.sim.inject({ match: (call) => call.path.includes('/flexClusters/'), status: 503, body: apiError(503, 'SERVICE_UNAVAILABLE'), times: Infinity });
      const res = await h.query(LIST, { kind: 'SHARED_TIER', c: T.formerM2 });
      expect(res.errors?.map((e) => e.extensions)).toEqual([
        {
          code: 'UPSTREAM_UNAVAILABLE',
          atlas: { status: 503, errorCode: 'SERVICE_UNAVAILABLE', detail: 'Simulated.' },
          routing: { requestedKind: 'SHARED_TIER', triedKinds: ['SHARED_TIER', 'FLEX'], successorKind: null, trigger: { status: 410, errorCode: 'VERSION_GONE' } },
        },
      ]);
    });
  });

  describe('the old kinds still work where their APIs still answer', () => {
    it.each<[RestoreJobKind, string, (c: SeedCluster) => { id?: string }[]]>([
      ['SHARED_TIER', DEMO.clusters.SHARED_TIER, (c) => c.tenant!.slice(0, 50)],
      ['SERVERLESS', DEMO.clusters.SERVERLESS, (c) => c.serverless!],
      ['LEGACY_BACKUP', DEMO.clusters.LEGACY_BACKUP, (c) => c.legacy!],
    ])('%s on %s: one call, served by the kind asked', async (kind, c, jobs) => {
      const res = await h.query(LIST, { kind, c });
      const expected = listOf(c, jobs(seed(c)), kind, kind);
      if (kind === 'SHARED_TIER') expected.data.restoreJobs.totalCount = seed(c).tenant!.length;
      expect(res).toEqual(expected);
      expect(calls()).toHaveLength(1);
    });

    it('an unknown job on a serverless instance that still answers is null, after one discovery that is then remembered', async () => {
      const c = DEMO.clusters.SERVERLESS;
      const j = 'ffffffffffffffffffffffff';
      expect(await h.query(GET, { kind: 'SERVERLESS', c, j })).toEqual({ data: { restoreJob: null } });
      expect(calls()).toEqual([`404 ${serverlessPath(c)}/${j}`, `400 /clusters/${c}`]);
      expect(await h.query(GET, { kind: 'SERVERLESS', c, j })).toEqual({ data: { restoreJob: null } });
      expect(calls()).toEqual([`404 ${serverlessPath(c)}/${j}`]);
    });
  });
});
