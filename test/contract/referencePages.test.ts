import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { flex } from '../../src/restoreJobs/flex';
import { encodeGlobalId } from '../../src/restoreJobs/globalId';
import { sharedTier } from '../../src/restoreJobs/sharedTier';
import { buildSchema } from '../../src/schema';
import type { Gateway } from '../../src/server';
import { postGraphQL, startTestGateway, type GraphQLResponse } from '../support/harness';
import legacyFixture from '../fixtures/legacyBackup/reference-page-example.json';
import tenantFixture from '../fixtures/sharedTier/reference-page-example.json';
import flexFixture from '../fixtures/flex/reference-page-example.json';
import serverlessFixture from '../fixtures/serverless/reference-page-list-example.json';
import { fullSelection } from './graphqlTypes';
import { curlAccepts, documentedAttributes, PAGES, responseExample } from './referencePages';
import { loadContract, loadSpec, responsePropertyPaths } from './specSchemas';

/**
 * The reference pages (../shared/atlas/pages) as fixtures: their examples are the fixtures' source, they are held
 * against the spec (every disagreement listed here), and they go through the mappers and the GraphQL layer of the
 * real gateway, served verbatim by a loopback upstream.
 */

const strict = loadContract({ strict: true });
const loose = loadContract();

/** Spec property paths of a schema's response view, without the schema's name. */
const specPaths = (name: string): string[] =>
  responsePropertyPaths(loose, name, loose.responseView(name)).map((p) => p.slice(name.length + 1));

describe('the reference pages against the spec', () => {
  it.each([
    ['legacy backup', PAGES.legacyGet, legacyFixture],
    ['shared tier', PAGES.sharedTierGet, tenantFixture],
    ['flex', PAGES.flexGet, flexFixture],
    ['serverless', PAGES.serverlessList, serverlessFixture],
  ])('%s: the fixture is the page example, verbatim', (_kind, page, fixture) => {
    expect(responseExample(page)).toEqual(fixture);
  });

  it('examples: what the spec refuses in them', () => {
    const tenantProperties = Object.keys(loadSpec().components.schemas.TenantRestore!.properties as object);
    expect({
      legacy: strict.validate('BackupRestoreJob', legacyFixture),
      sharedTier: strict.validate('TenantRestore', tenantFixture),
      sharedTierBeyondSpec: Object.keys(tenantFixture).filter((k) => !tenantProperties.includes(k)),
      sharedTierMissing: tenantProperties.filter((k) => !(k in tenantFixture)),
      flex: strict.validate('FlexBackupRestoreJob20241113', flexFixture),
      serverless: strict.validate('PaginatedApiAtlasServerlessBackupRestoreJobView', serverlessFixture),
    }).toEqual({
      // A placeholder where the spec declares `format: uuid`.
      legacy: ['/masterKeyUUID must match format "uuid"'],
      // Valid only thanks to the documented extension (specSchemas.ts): the example uses older names.
      sharedTier: [],
      sharedTierBeyondSpec: ['finishedDate', 'submittedAt', 'timestamp'],
      sharedTierMissing: ['links', 'restoreFinishedDate', 'restoreScheduledDate', 'snapshotFinishedDate'],
      flex: [],
      // Epoch seconds of 42 where the spec sets a minimum of 1199145600 (2008-01-01).
      serverless: ['/results/0/oplogTs must be >= 1199145600', '/results/0/pointInTimeUTCSeconds must be >= 1199145600'],
    });
  });

  it('documented attributes: what each page lists that the spec does not, and the reverse', () => {
    const diff = (page: string, schema: string, topLevelOnly = false) => {
      const documented = documentedAttributes(page);
      const spec = specPaths(schema).filter((p) => !topLevelOnly || !p.includes('.'));
      return { notInSpec: documented.filter((p) => !spec.includes(p)), notOnPage: spec.filter((p) => !documented.includes(p)) };
    };
    expect({
      legacy: diff(PAGES.legacyGet, 'BackupRestoreJob'),
      legacySecondRendering: diff(PAGES.legacyGetSecondRendering, 'BackupRestoreJob', true),
      sharedTier: diff(PAGES.sharedTierGet, 'TenantRestore'),
      flex: diff(PAGES.flexGet, 'FlexBackupRestoreJob20241113'),
      serverless: diff(PAGES.serverlessList, 'PaginatedApiAtlasServerlessBackupRestoreJobView'),
    }).toEqual({
      // The first legacy rendering leaves out `deploymentJobId` and the links (its own example has them); the second
      // lists every top-level property.
      legacy: {
        notInSpec: [],
        notOnPage: ['deploymentJobId', 'hashes.links', 'hashes.links.href', 'hashes.links.rel', 'links', 'links.href', 'links.rel'],
      },
      legacySecondRendering: { notInSpec: [], notOnPage: [] },
      // The shared-tier page documents the current names while its example shows the older ones.
      sharedTier: { notInSpec: [], notOnPage: ['links', 'links.href', 'links.rel'] },
      flex: { notInSpec: [], notOnPage: ['links', 'links.href', 'links.rel'] },
      serverless: {
        notInSpec: [],
        notOnPage: ['links', 'links.href', 'links.rel', 'results.links', 'results.links.href', 'results.links.rel'],
      },
    });
  });

  it("curl examples: the flex page's Accept names a version the spec does not list; the gateway sends the spec's", () => {
    const flexGet = loadSpec().paths['/api/atlas/v2/groups/{groupId}/flexClusters/{name}/backup/restoreJobs/{restoreJobId}']!.get!;
    expect({
      flexPage: curlAccepts(PAGES.flexGet),
      flexSpec: Object.keys((flexGet.responses['200']!.content as object) ?? {}),
      gateway: flex.mediaType,
      sharedTierPage: curlAccepts(PAGES.sharedTierGet),
    }).toEqual({
      flexPage: ['application/vnd.atlas.2025-03-12+json'],
      flexSpec: ['application/vnd.atlas.2024-11-13+json'],
      gateway: 'application/vnd.atlas.2024-11-13+json',
      sharedTierPage: ['application/json'],
    });
  });
});

describe('the reference pages through the mappers', () => {
  it("maps the shared-tier example's older names onto the spec's fields (NOTE in src/restoreJobs/snapshotRestore.ts)", () => {
    const model = sharedTier.toModel(tenantFixture, { kind: 'SHARED_TIER', projectId: '5b69d0349b15c62cdfc38b78', clusterName: 'aws-cluster-1' });
    expect({
      createdAt: model?.createdAt,
      finishedAt: model?.finishedAt,
      snapshotFinishedAt: model?.snapshotFinishedAt,
    }).toEqual({
      createdAt: new Date('2019-05-01T15:02:25Z'), // submittedAt
      finishedAt: new Date('2019-05-01T15:02:25Z'), // finishedDate
      snapshotFinishedAt: new Date('2019-05-01T14:33:19Z'), // timestamp
    });
  });
});

describe('the reference pages through the GraphQL layer (the examples served verbatim on loopback)', () => {
  const LEGACY = { projectId: '32b6e34b3d91647abb20e7b8', clusterName: 'Cluster0', jobId: '32b6e34b3d91647abb20e7b8' };
  const TENANT = { projectId: '5b69d0349b15c62cdfc38b78', clusterName: 'aws-cluster-1', jobId: '5cc9b501e5dc7c8ab1e45d65' };
  const FLEX = { projectId: '32b6e34b3d91647abb20e7b8', clusterName: 'flex0', jobId: '32b6e34b3d91647abb20e7b8' };
  const SERVERLESS = { projectId: '32b6e34b3d91647abb20e7b8', clusterName: 'serverless0' };
  /** What the loopback upstream serves, by path: the pages' bodies, as the pages' API versions serve them. */
  const bodies: Record<string, unknown> = {
    [`/api/atlas/v1.0/groups/${LEGACY.projectId}/clusters/${LEGACY.clusterName}/restoreJobs/${LEGACY.jobId}`]: legacyFixture,
    [`/api/atlas/v1.0/groups/${TENANT.projectId}/clusters/${TENANT.clusterName}/backup/tenant/restores/${TENANT.jobId}`]: tenantFixture,
    [`/api/atlas/v2/groups/${FLEX.projectId}/flexClusters/${FLEX.clusterName}/backup/restoreJobs/${FLEX.jobId}`]: flexFixture,
    [`/api/atlas/v1.0/groups/${SERVERLESS.projectId}/serverless/${SERVERLESS.clusterName}/backup/restoreJobs`]: serverlessFixture,
  };
  const schema = buildSchema();
  const JOB = fullSelection(schema, 'RestoreJob');
  const GET = `query($kind: RestoreJobKind!, $projectId: ObjectID!, $clusterName: String!, $jobId: ObjectID!) {
    restoreJob(kind: $kind, projectId: $projectId, clusterName: $clusterName, jobId: $jobId) { ${JOB} }
  }`;
  const LIST = `query($projectId: ObjectID!, $clusterName: String!) {
    restoreJobs(kind: SERVERLESS, projectId: $projectId, clusterName: $clusterName) { totalCount pageInfo { hasNextPage hasPreviousPage } nodes { ${JOB} } }
  }`;
  let upstream: Server;
  let gateway: Gateway;
  const served: string[] = [];

  beforeAll(async () => {
    upstream = createServer((req, res) => {
      req.resume();
      const path = new URL(req.url ?? '/', 'http://upstream').pathname;
      served.push(`${req.headers.accept} ${path}`);
      const body = bodies[path];
      const text = JSON.stringify(body ?? { error: 404, errorCode: 'RESOURCE_NOT_FOUND', detail: path, reason: 'Not Found' });
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', () => resolve()));
    gateway = await startTestGateway(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`, { apiVersion: 'v1.0' });
  });
  afterAll(async () => {
    await gateway.stop();
    upstream.closeAllConnections();
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
  });

  function graphql(query: string, variables: Record<string, unknown>): Promise<GraphQLResponse> {
    return postGraphQL(gateway, query, variables);
  }

  const link = { __typename: 'Link', href: 'https://cloud.mongodb.com/api/atlas', rel: 'self' };
  const bson = (date: string, increment: number) => ({ __typename: 'BsonTimestamp', date, increment });
  const T = '2025-05-04T09:42:00.000Z';

  it('legacy backup (page 000, v1.0): CLIENT_PIT_HTTP is POINT_IN_TIME; placeholders that are no URL or UUID are null', async () => {
    const result = await graphql(GET, { kind: 'LEGACY_BACKUP', ...LEGACY });
    expect(result).toEqual({
      data: {
        restoreJob: {
          __typename: 'LegacyBackupRestoreJob',
          id: encodeGlobalId({ kind: 'LEGACY_BACKUP', ...LEGACY }),
          jobId: LEGACY.jobId,
          kind: 'LEGACY_BACKUP',
          projectId: LEGACY.projectId,
          requestedAt: '1996-12-17T18:15:39.000Z',
          requestedKind: 'LEGACY_BACKUP',
          servedBy: 'LEGACY_BACKUP',
          // From the request path; the example's `clusterName` is the placeholder "string".
          clusterName: LEGACY.clusterName,
          snapshotId: '32b6e34b3d91647abb20e7b8',
          status: 'IN_PROGRESS',
          atlasStatus: 'IN_PROGRESS',
          isTerminal: false,
          deliveryType: 'POINT_IN_TIME',
          createdAt: T,
          finishedAt: null,
          expiresAt: T,
          targetProjectId: '32b6e34b3d91647abb20e7b8',
          targetClusterName: 'string',
          downloadUrls: [],
          links: [link],
          batchId: '32b6e34b3d91647abb20e7b8',
          sourceClusterId: '32b6e34b3d91647abb20e7b8',
          deploymentJobId: null,
          encryptionEnabled: true,
          masterKeyUuid: null,
          snapshotTimestamp: bson(T, 1199145600),
          delivery: {
            __typename: 'LegacyRestoreDelivery',
            method: 'CLIENT_PIT_HTTP',
            downloadStatus: 'NOT_STARTED',
            authHeader: 'string',
            authValue: 'string',
            expirationHours: 42,
            expiresAt: T,
            maxDownloads: 42,
            targetClusterId: '32b6e34b3d91647abb20e7b8',
            targetClusterName: 'string',
            targetProjectId: '32b6e34b3d91647abb20e7b8',
            url: 'string',
            urlV2: 'string',
          },
          hashes: [{ __typename: 'RestoreFileHash', fileName: 'string', hash: 'string', algorithm: 'SHA1', links: [link] }],
        },
      },
    });
  });

  it("shared tier (page 001, v1.0): the stale `submittedAt`, `finishedDate` and `timestamp` fill the spec's fields", async () => {
    const result = await graphql(GET, { kind: 'SHARED_TIER', ...TENANT });
    expect(result).toEqual({
      data: {
        restoreJob: {
          __typename: 'SharedTierRestoreJob',
          id: encodeGlobalId({ kind: 'SHARED_TIER', ...TENANT }),
          jobId: TENANT.jobId,
          kind: 'SHARED_TIER',
          projectId: TENANT.projectId,
          requestedAt: '2019-05-01T15:02:25.000Z',
          requestedKind: 'SHARED_TIER',
          servedBy: 'SHARED_TIER',
          clusterName: TENANT.clusterName,
          snapshotId: '5cc9ad92e5dc7c8ab1e41c50',
          status: 'COMPLETED',
          atlasStatus: 'COMPLETED',
          isTerminal: true,
          deliveryType: 'DOWNLOAD',
          createdAt: '2019-05-01T15:02:25.000Z', // submittedAt
          finishedAt: '2019-05-01T15:02:25.000Z', // finishedDate
          expiresAt: '2019-05-01T19:02:25.000Z',
          targetProjectId: '5b69d0349b15c62cdfc38b78',
          targetClusterName: 'aws-cluster-1',
          // `{SNAPSHOT-URL}` is the page's placeholder: kept raw, but no URL.
          downloadUrls: [],
          links: [],
          atlasDeliveryType: 'DOWNLOAD',
          snapshotFinishedAt: '2019-05-01T14:33:19.000Z', // timestamp
          snapshotUrl: '{SNAPSHOT-URL}',
        },
      },
    });
  });

  it('flex (page 002, v2): RESTORE is AUTOMATED', async () => {
    const result = await graphql(GET, { kind: 'FLEX', ...FLEX });
    expect(result).toEqual({
      data: {
        restoreJob: {
          __typename: 'FlexRestoreJob',
          id: encodeGlobalId({ kind: 'FLEX', ...FLEX }),
          jobId: FLEX.jobId,
          kind: 'FLEX',
          projectId: FLEX.projectId,
          requestedAt: '1996-12-17T18:15:39.000Z',
          requestedKind: 'FLEX',
          servedBy: 'FLEX',
          // From the request path; the example's `instanceName` is the placeholder "string".
          clusterName: FLEX.clusterName,
          snapshotId: '32b6e34b3d91647abb20e7b8',
          status: 'PENDING',
          atlasStatus: 'PENDING',
          isTerminal: false,
          deliveryType: 'AUTOMATED',
          createdAt: T,
          finishedAt: T,
          expiresAt: T,
          targetProjectId: '32b6e34b3d91647abb20e7b8',
          targetClusterName: 'string',
          downloadUrls: [],
          links: [link],
          atlasDeliveryType: 'RESTORE',
          snapshotFinishedAt: T,
          snapshotUrl: 'string',
        },
      },
    });
  });

  it('serverless (page 004, v1.0 list): the first flag that holds is the status; epoch seconds of 42 stay what they say', async () => {
    const result = await graphql(LIST, SERVERLESS);
    expect(result).toEqual({
      data: {
        restoreJobs: {
          totalCount: 42,
          pageInfo: { hasNextPage: false, hasPreviousPage: false },
          nodes: [
            {
              __typename: 'ServerlessRestoreJob',
              id: encodeGlobalId({ kind: 'SERVERLESS', ...SERVERLESS, jobId: '32b6e34b3d91647abb20e7b8' }),
              jobId: '32b6e34b3d91647abb20e7b8',
              kind: 'SERVERLESS',
              projectId: SERVERLESS.projectId,
              requestedAt: '1996-12-17T18:15:39.000Z',
              requestedKind: 'SERVERLESS',
              servedBy: 'SERVERLESS',
              clusterName: SERVERLESS.clusterName,
              snapshotId: '32b6e34b3d91647abb20e7b8',
              status: 'CANCELLED',
              atlasStatus: null,
              isTerminal: true,
              deliveryType: 'AUTOMATED',
              createdAt: null,
              finishedAt: T,
              expiresAt: T,
              targetProjectId: '32b6e34b3d91647abb20e7b8',
              targetClusterName: 'string',
              downloadUrls: [],
              links: [link],
              atlasDeliveryType: 'automated',
              cancelled: true,
              failed: true,
              expired: true,
              desiredTimestamp: bson(T, 1199145600),
              oplogTimestamp: bson('1970-01-01T00:00:42.000Z', 1),
              pointInTime: '1970-01-01T00:00:42.000Z',
              snapshotTakenAt: T,
            },
          ],
        },
      },
    });
  });

  it("asks Atlas as the pages do: v1.0 with application/json, flex on v2 with the spec's media type", async () => {
    served.length = 0;
    const results = await Promise.all([
      graphql(GET, { kind: 'LEGACY_BACKUP', ...LEGACY }),
      graphql(GET, { kind: 'SHARED_TIER', ...TENANT }),
      graphql(GET, { kind: 'FLEX', ...FLEX }),
      graphql(LIST, SERVERLESS),
    ]);
    expect(results.map((r) => r.errors)).toEqual([undefined, undefined, undefined, undefined]);
    expect([...served].sort()).toEqual(
      [
        `application/json /api/atlas/v1.0/groups/${LEGACY.projectId}/clusters/${LEGACY.clusterName}/restoreJobs/${LEGACY.jobId}`,
        `application/json /api/atlas/v1.0/groups/${TENANT.projectId}/clusters/${TENANT.clusterName}/backup/tenant/restores/${TENANT.jobId}`,
        `application/vnd.atlas.2024-11-13+json /api/atlas/v2/groups/${FLEX.projectId}/flexClusters/${FLEX.clusterName}/backup/restoreJobs/${FLEX.jobId}`,
        `application/json /api/atlas/v1.0/groups/${SERVERLESS.projectId}/serverless/${SERVERLESS.clusterName}/backup/restoreJobs`,
      ].sort(),
    );
  });
});
