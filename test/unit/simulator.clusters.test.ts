import { DEMO } from '../../src/simulator';
import { apiError, FLEX_V2, get, seedCluster as cluster, useSimulator, V2 } from '../support/simulatorHttp';

const P = DEMO.projectId;

describe("today's Atlas: Cloud Backup, cluster lookups, migrated clusters", () => {
  const { sim, base } = useSimulator();
  const CLUSTERS_V2 = 'application/vnd.atlas.2024-08-05+json';
  const groups = `/api/atlas/v2/groups/${P}`;

  it('serves Cloud Backup jobs paged with pageNum/itemsPerPage and one by id, as 2023-01-01, v2 only', async () => {
    const jobs = cluster(P, DEMO.clusters.CLOUD_BACKUP).cloudBackup!;
    const list = `${groups}/clusters/${DEMO.clusters.CLOUD_BACKUP}/backup/restoreJobs`;
    const page = await get(base(), `${list}?pageNum=2&itemsPerPage=5`, { accept: V2 });
    expect(page).toEqual({
      status: 200,
      contentType: V2,
      wwwAuthenticate: undefined,
      body: {
        links: [
          { href: `${base()}${list}?pageNum=2&itemsPerPage=5`, rel: 'self' },
          { href: `${base()}${list}?pageNum=1&itemsPerPage=5`, rel: 'previous' },
          { href: `${base()}${list}?pageNum=3&itemsPerPage=5`, rel: 'next' },
        ],
        results: jobs.slice(5, 10),
        totalCount: 12,
      },
    });
    expect((await get(base(), `${list}/${jobs[3]!.id}`, { accept: V2 })).body).toEqual(jobs[3]);
    expect((await get(base(), list.replace('/v2/', '/v1.0/'), { accept: 'application/json' })).status).toBe(404);
    expect(sim().calls.map((c) => c.status)).toEqual([200, 200, 404]);
  });

  it('seeds every flag combination and delivery type, sharded jobs with components, some downloads not ready', () => {
    const uniq = (values: unknown[]): string[] => [...new Set(values.map(String))].sort();
    const jobs = cluster(P, DEMO.clusters.CLOUD_BACKUP).cloudBackup!;
    expect(uniq(jobs.map((j) => j.deliveryType))).toEqual(['automated', 'download', 'pointInTime']);
    expect(uniq(jobs.map((j) => `${j.cancelled}/${j.failed}/${j.expired}/${j.finishedAt !== undefined}`))).toEqual([
      'false/false/false/false',
      'false/false/false/true',
      'false/false/true/true',
      'false/true/false/true',
      'true/false/false/false',
    ]);
    expect(uniq(jobs.map((j) => `${j.deliveryType}:${(j.deliveryUrl ?? []).length}/${(j.privateDownloadDeliveryUrls ?? []).length}`))).toEqual([
      'automated:0/0',
      'download:0/0',
      'download:0/1',
      'download:1/0',
      'download:1/1',
      'pointInTime:0/0',
    ]);
    const sharded = cluster(P, DEMO.today.sharded).cloudBackup!;
    expect(sharded.map((j) => [j.deliveryType, (j.components ?? []).map((c) => [c.replicaSetName, c.downloadUrl !== undefined])])).toEqual([
      ['download', [['sharded-cluster-0-shard-0', true], ['sharded-cluster-0-shard-1', false], ['sharded-cluster-0-config-0', false]]],
      ['download', [['sharded-cluster-0-shard-0', true], ['sharded-cluster-0-shard-1', true], ['sharded-cluster-0-config-0', true]]],
      ['automated', [['sharded-cluster-0-shard-0', false], ['sharded-cluster-0-shard-1', false], ['sharded-cluster-0-config-0', false]]],
    ]);
  });

  it('describes a dedicated cluster as ClusterDescription20240805', async () => {
    const reply = await get(base(), `${groups}/clusters/${DEMO.today.sharded}`, { accept: CLUSTERS_V2 });
    const spec = { id: expect.stringMatching(/^[a-f0-9]{24}$/), regionConfigs: [{ electableSpecs: { instanceSize: 'M40', nodeCount: 3 }, priority: 7, providerName: 'AWS' }], zoneId: expect.stringMatching(/^[a-f0-9]{24}$/), zoneName: 'Zone 1' };
    expect(reply).toEqual({
      status: 200,
      contentType: CLUSTERS_V2,
      wwwAuthenticate: undefined,
      body: {
        backupEnabled: true,
        clusterType: 'SHARDED',
        createDate: '2024-01-02T03:04:05Z',
        groupId: P,
        id: expect.stringMatching(/^[a-f0-9]{24}$/),
        links: [{ href: `https://cloud.mongodb.com/api/atlas/v2/groups/${P}/clusters/${DEMO.today.sharded}`, rel: 'self' }],
        mongoDBVersion: '8.0.4',
        name: DEMO.today.sharded,
        paused: false,
        pitEnabled: false,
        replicationSpecs: [spec, spec],
        stateName: 'IDLE',
        terminationProtectionEnabled: false,
      },
    });
  });

  it.each([
    [DEMO.clusters.LEGACY_BACKUP, false, 'AWS', { instanceSize: 'M30', nodeCount: 3 }],
    [DEMO.today.formerServerless, true, 'GCP', { instanceSize: 'M10', nodeCount: 3 }],
    [DEMO.clusters.SHARED_TIER, true, 'TENANT', { effectiveInstanceSize: 'M2', instanceSize: 'M2' }],
    [DEMO.today.free, false, 'TENANT', { effectiveInstanceSize: 'M0', instanceSize: 'M0' }],
  ])('describes %s: backupEnabled %s, %s %j', async (name, backupEnabled, providerName, electableSpecs) => {
    const body = (await get(base(), `${groups}/clusters/${name}`, { accept: CLUSTERS_V2 })).body as Record<string, unknown>;
    expect([body.backupEnabled, body.replicationSpecs]).toEqual([
      backupEnabled,
      [expect.objectContaining({ regionConfigs: [{ electableSpecs, priority: 7, providerName }] })],
    ]);
  });

  it('describes a flex cluster (a former M2 too) through the flex API only', async () => {
    const reply = await get(base(), `${groups}/flexClusters/${DEMO.today.formerM2}`, { accept: FLEX_V2 });
    expect(reply).toEqual({
      status: 200,
      contentType: FLEX_V2,
      wwwAuthenticate: undefined,
      body: {
        backupSettings: { enabled: true },
        clusterType: 'REPLICASET',
        createDate: '2025-02-01T00:00:00Z',
        groupId: P,
        id: expect.stringMatching(/^[a-f0-9]{24}$/),
        links: [{ href: `https://cloud.mongodb.com/api/atlas/v2/groups/${P}/flexClusters/${DEMO.today.formerM2}`, rel: 'self' }],
        mongoDBVersion: '8.0.4',
        name: DEMO.today.formerM2,
        providerSettings: { backingProviderName: 'AWS', diskSizeGB: 5, providerName: 'FLEX', regionName: 'US_EAST_1' },
        stateName: 'IDLE',
        terminationProtectionEnabled: false,
      },
    });
  });

  it('answers the lookups and the restore APIs of migrated, free and foreign clusters with Atlas error codes', async () => {
    const tenant = (name: string, v = 'v2') => `/api/atlas/${v}/groups/${P}/clusters/${name}/backup/tenant/restores`;
    const cases: [string, string, ReturnType<typeof apiError>][] = [
      [`${groups}/clusters/${DEMO.clusters.FLEX}`, CLUSTERS_V2, apiError(400, 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API', `Cluster ${DEMO.clusters.FLEX} is a flex cluster: use the flex cluster API.`, 'Bad Request')],
      [`${groups}/clusters/${DEMO.today.formerM2}`, CLUSTERS_V2, apiError(400, 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API', `Cluster ${DEMO.today.formerM2} is a flex cluster: use the flex cluster API.`, 'Bad Request')],
      [`${groups}/clusters/${DEMO.clusters.SERVERLESS}`, CLUSTERS_V2, apiError(400, 'CANNOT_USE_SERVERLESS_INSTANCE_IN_CLUSTER_API', `${DEMO.clusters.SERVERLESS} is a serverless instance: use the serverless instance API.`, 'Bad Request')],
      [`${groups}/clusters/nope`, CLUSTERS_V2, apiError(404, 'CLUSTER_NOT_FOUND', `No cluster named nope exists in group ${P}.`, 'Not Found')],
      [`${groups}/clusters/nope`, V2, apiError(406, 'INVALID_VERSION_DATE', 'Invalid accept header or version date.', 'Not Acceptable')],
      [`${groups}/flexClusters/${DEMO.clusters.CLOUD_BACKUP}`, FLEX_V2, apiError(400, 'CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API', `Cluster ${DEMO.clusters.CLOUD_BACKUP} is not a flex cluster: use the cluster API.`, 'Bad Request')],
      [`${groups}/flexClusters/nope`, FLEX_V2, apiError(404, 'FLEX_CLUSTER_NOT_FOUND', `Flex cluster nope cannot be found in group ${P}.`, 'Not Found')],
      [tenant(DEMO.today.formerM2), V2, apiError(410, 'VERSION_GONE', 'This happens when a resource is marked for sunset and the sunset date is in the past.', 'Gone')],
      [tenant(DEMO.today.formerM2, 'v1.0'), 'application/json', apiError(410, 'VERSION_GONE', 'This happens when a resource is marked for sunset and the sunset date is in the past.', 'Gone')],
      [tenant(DEMO.clusters.CLOUD_BACKUP), V2, apiError(400, 'NOT_SERVERLESS_TENANT_CLUSTER', `Cluster ${DEMO.clusters.CLOUD_BACKUP} is not a shared-tier (M2/M5) cluster.`, 'Bad Request')],
      [`${groups}/serverless/${DEMO.today.formerServerless}/backup/restoreJobs`, V2, apiError(400, 'CANNOT_USE_CLUSTER_IN_SERVERLESS_INSTANCE_API', `Cluster ${DEMO.today.formerServerless} is a cluster, not a serverless instance: use the cluster API.`, 'Bad Request')],
      [`${groups}/flexClusters/${DEMO.clusters.CLOUD_BACKUP}/backup/restoreJobs`, FLEX_V2, apiError(400, 'CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API', `Cluster ${DEMO.clusters.CLOUD_BACKUP} is not a flex cluster: use the cluster API.`, 'Bad Request')],
      [`${groups}/clusters/${DEMO.today.free}/backup/restoreJobs`, V2, apiError(400, 'FEATURE_UNSUPPORTED', `Cloud Backup is not available for the tenant cluster ${DEMO.today.free}.`, 'Bad Request')],
      [`${groups}/clusters/${DEMO.clusters.FLEX}/backup/restoreJobs`, V2, apiError(400, 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API', `Cluster ${DEMO.clusters.FLEX} is a flex cluster: use the flex cluster API.`, 'Bad Request')],
      [`${groups}/clusters/nope/backup/restoreJobs`, V2, apiError(404, 'CLUSTER_NOT_FOUND', `No cluster named nope exists in group ${P}.`, 'Not Found')],
    ];
    for (const [path, accept, body] of cases) {
      expect({ path, reply: await get(base(), path, { accept }) }).toEqual({
        path,
        reply: { status: body.error, contentType: 'application/json', wwwAuthenticate: undefined, body },
      });
    }
  });

  it("serves the migrated clusters' jobs from their successor APIs; a Legacy Backup cluster has no Cloud Backup jobs", async () => {
    const flexList = `${groups}/flexClusters/${DEMO.today.formerM2}/backup/restoreJobs`;
    expect((await get(base(), flexList, { accept: FLEX_V2 })).body).toMatchObject({ results: cluster(P, DEMO.today.formerM2).flex, totalCount: 3 });
    const cbList = `${groups}/clusters/${DEMO.today.formerServerless}/backup/restoreJobs`;
    expect((await get(base(), cbList, { accept: V2 })).body).toMatchObject({ results: cluster(P, DEMO.today.formerServerless).cloudBackup, totalCount: 2 });
    const legacy = `${groups}/clusters/${DEMO.clusters.LEGACY_BACKUP}/backup/restoreJobs`;
    expect((await get(base(), legacy, { accept: V2 })).body).toMatchObject({ results: [], totalCount: 0 });
  });
});
