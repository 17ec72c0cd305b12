import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ClusterKindCache } from '../../src/clusters/ClusterKindCache';
import { DEMO } from '../../src/simulator';
import { OTHER_PROJECT } from '../support/seeds';
import { encodeGlobalId } from '../../src/restoreJobs/globalId';
import type { RestoreJobKind } from '../../src/restoreJobs/RestoreJobModel';
import { RESTORE_JOB_KINDS } from '../../src/restoreJobs/sources';
import { startAuditSubgraph, type AuditEvent, type AuditSubgraph } from '../support/auditSubgraph';
import { startInventorySubgraph, type InventorySubgraph, type OwnedCluster } from '../support/inventorySubgraph';
import { startHarness, type GraphQLResponse, type Harness } from '../support/harness';
import { KIND_FACTS } from '../support/kinds';

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** The inventory's clusters: three of the demo project (dedicated, flex, free) and one Atlas no longer knows. */
const OWNED: OwnedCluster[] = [
  { projectId: DEMO.projectId, name: DEMO.clusters.CLOUD_BACKUP, owner: 'payments', runbook: { href: 'https://runbooks.example.com/payments', rel: 'runbook' } },
  { projectId: DEMO.projectId, name: DEMO.clusters.FLEX, owner: 'web', runbook: null },
  { projectId: DEMO.projectId, name: DEMO.today.free, owner: 'sandbox', runbook: null },
  { projectId: OTHER_PROJECT.projectId, name: 'decommissioned-0', owner: 'legacy-team', runbook: null },
];

/**
 * A federated runtime: @apollo/gateway (IntrospectAndCompose over `_service`) in front of this gateway, the audit
 * subgraph and the inventory subgraph, all four real HTTP servers on loopback. Answers that need several subgraphs,
 * and what they cost upstream.
 */
describe('supergraph: @apollo/gateway over restore-jobs, audit and inventory', () => {
  let h: Harness;
  let audit: AuditSubgraph;
  let inventory: InventorySubgraph;
  /** The process's memory of clusters, emptied before each test so that each counts its own descriptions. */
  const clusterKinds = new ClusterKindCache();
  let router: ApolloServer;
  let routerUrl: string;
  /** Operations the router sent to the restore-jobs subgraph: how many representations each `_entities` carried. */
  const sentToRestoreJobs: { entities: number | null }[] = [];
  /** One seeded job per kind and a second legacy one: 6 distinct global ids. */
  let ids: string[];
  let events: Record<string, AuditEvent[]>;

  beforeAll(async () => {
    // NOTE: ApolloGateway otherwise starts usage telemetry that probes cloud metadata endpoints and reports to
    // apollographql.com; these tests reach nothing but 127.0.0.1.
    process.env.APOLLO_TELEMETRY_DISABLED = 'true';
    h = await startHarness({ deps: { clusterKinds } });
    const project = h.sim.seed.projects.find((p) => p.id === DEMO.projectId)!;
    ids = RESTORE_JOB_KINDS.flatMap((kind) => {
      const cluster = project.clusters.find((c) => c.name === DEMO.clusters[kind])!;
      return KIND_FACTS[kind]
        .jobs(cluster)
        .slice(0, kind === 'LEGACY_BACKUP' ? 2 : 1)
        .map((j) => encodeGlobalId({ kind, projectId: DEMO.projectId, clusterName: DEMO.clusters[kind], jobId: j.id! }));
    });
    events = {
      [ids[0]!]: [
        { action: 'REQUESTED', actor: 'ana@example.com' },
        { action: 'DOWNLOADED', actor: 'ben@example.com' },
      ],
      [ids[3]!]: [{ action: 'REQUESTED', actor: 'ci-bot' }],
    };
    audit = await startAuditSubgraph(events);
    inventory = await startInventorySubgraph(OWNED);
    const gateway = new ApolloGateway({
      logger: silent,
      supergraphSdl: new IntrospectAndCompose({
        subgraphs: [
          { name: 'restore-jobs', url: h.gateway.url },
          { name: 'audit', url: audit.url },
          { name: 'inventory', url: inventory.url },
        ],
      }),
      buildService: ({ name, url }) =>
        new RemoteGraphQLDataSource({
          url,
          willSendRequest({ request }) {
            if (name !== 'restore-jobs' || !request.query?.includes('_entities')) return;
            const representations = request.variables?.representations;
            sentToRestoreJobs.push({ entities: Array.isArray(representations) ? representations.length : null });
          },
        }),
    });
    router = new ApolloServer({ gateway, logger: silent });
    ({ url: routerUrl } = await startStandaloneServer(router, { listen: { port: 0, host: '127.0.0.1' } }));
  }, 30_000);
  afterAll(async () => {
    await router?.stop();
    await audit?.stop();
    await inventory?.stop();
    await h?.stop();
  });
  beforeEach(() => {
    h.sim.resetCalls();
    audit.entityBatches.length = 0;
    inventory.entityBatches.length = 0;
    clusterKinds.clear();
    sentToRestoreJobs.length = 0;
  });

  const viaRouter = async (query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse> => {
    const res = await fetch(routerUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as GraphQLResponse;
  };

  it('audit returns jobs by id (repeats kept); the router completes them from restore-jobs in one _entities batch, one upstream call per distinct job', async () => {
    const asked = Array.from({ length: 12 }, (_, i) => ids[(i * 7) % ids.length]!);
    const JOB = `id kind status isTerminal auditEvents { action actor }`;
    const expectedJobs = await h.query(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on RestoreJob { id kind status isTerminal } } }`, { ids });
    const byId = new Map((expectedJobs.data!.nodes as { id: string; kind: RestoreJobKind }[]).map((j) => [j.id, j]));
    h.sim.resetCalls();

    const res = await viaRouter(`query($ids: [ID!]!) { auditedJobs(ids: $ids) { __typename ${JOB} } }`, { ids: asked });
    expect(res).toEqual({
      data: {
        auditedJobs: asked.map((id) => ({
          __typename: KIND_FACTS[byId.get(id)!.kind].typeName,
          ...byId.get(id),
          auditEvents: events[id] ?? [],
        })),
      },
    });
    expect(sentToRestoreJobs).toEqual([{ entities: 12 }]);
    expect(h.sim.calls).toHaveLength(new Set(asked).size);
    expect(new Set(asked).size).toBe(6);
  });

  it('a restore-jobs connection gains the audit fields: the router asks audit for those jobs by id', async () => {
    const res = await viaRouter(
      `query($p: ObjectID!, $c: String!) { restoreJobs(kind: LEGACY_BACKUP, projectId: $p, clusterName: $c, first: 3) { nodes { id auditEvents { action } } } }`,
      { p: DEMO.projectId, c: DEMO.clusters.LEGACY_BACKUP },
    );
    const cluster = h.sim.seed.projects.find((p) => p.id === DEMO.projectId)!.clusters.find((c) => c.name === DEMO.clusters.LEGACY_BACKUP)!;
    const first3 = (cluster.legacy ?? [])
      .slice(0, 3)
      .map((j) => encodeGlobalId({ kind: 'LEGACY_BACKUP', projectId: DEMO.projectId, clusterName: DEMO.clusters.LEGACY_BACKUP, jobId: j.id! }));
    expect(res).toEqual({
      data: { restoreJobs: { nodes: first3.map((id) => ({ id, auditEvents: (events[id] ?? []).map(({ action }) => ({ action })) })) } },
    });
    expect(audit.entityBatches).toEqual([first3.map((id) => ({ __typename: 'RestoreJob', id }))]);
    expect(h.sim.calls).toHaveLength(1);
  });

  it("projectRestoreJobs through the router: the project's newest jobs, as this gateway answers them, gain the audit fields", async () => {
    const direct = await h.query(`{ projectRestoreJobs(projectId: "${DEMO.projectId}", first: 8) { clustersSearched failures { clusterName } nodes { id } } }`);
    const page = (direct.data as { projectRestoreJobs: { clustersSearched: number; failures: unknown[]; nodes: { id: string }[] } }).projectRestoreJobs;
    expect(page.nodes).toHaveLength(8);
    audit.entityBatches.length = 0;
    const res = await viaRouter(
      `query($p: ObjectID!) { projectRestoreJobs(projectId: $p, first: 8) { clustersSearched failures { clusterName } nodes { id auditEvents { action } } } }`,
      { p: DEMO.projectId },
    );
    expect(res).toEqual({
      data: {
        projectRestoreJobs: {
          clustersSearched: page.clustersSearched,
          failures: page.failures,
          nodes: page.nodes.map(({ id }) => ({ id, auditEvents: (events[id] ?? []).map(({ action }) => ({ action })) })),
        },
      },
    });
    expect(audit.entityBatches).toEqual([page.nodes.map(({ id }) => ({ __typename: 'RestoreJob', id }))]);
  });

  describe("the inventory's Cluster gains restoreJobs", () => {
    const OWNED_CLUSTERS = `query($p: ObjectID!) {
      ownedClusters(projectId: $p, first: 10) {
        pageInfo { hasNextPage hasPreviousPage }
        edges {
          node {
            name
            owner
            runbook { href rel }
            kind
            restoreJobs(first: 3) { totalCount pageInfo { hasNextPage } nodes { jobId } }
          }
        }
      }
    }`;
    const group = `/api/atlas/v2/groups/${DEMO.projectId}`;
    const upstream = () => h.sim.calls.map((c) => `${c.method} ${c.path} ${c.status}`).sort();
    /** The first three seeded jobs of a demo cluster (Atlas's order) and how many it has. */
    const seeded = (kind: RestoreJobKind, name: string) => {
      const cluster = h.sim.seed.projects.find((p) => p.id === DEMO.projectId)!.clusters.find((c) => c.name === name)!;
      const all = KIND_FACTS[kind].jobs(cluster);
      return { totalCount: all.length, pageInfo: { hasNextPage: all.length > 3 }, nodes: all.slice(0, 3).map((j) => ({ jobId: j.id })) };
    };
    const expectedPage = () => ({
      ownedClusters: {
        pageInfo: { hasNextPage: false, hasPreviousPage: false },
        edges: [
          {
            node: {
              name: DEMO.clusters.CLOUD_BACKUP,
              owner: 'payments',
              runbook: { href: 'https://runbooks.example.com/payments', rel: 'runbook' },
              kind: 'CLOUD_BACKUP',
              restoreJobs: seeded('CLOUD_BACKUP', DEMO.clusters.CLOUD_BACKUP),
            },
          },
          { node: { name: DEMO.clusters.FLEX, owner: 'web', runbook: null, kind: 'FLEX', restoreJobs: seeded('FLEX', DEMO.clusters.FLEX) } },
          {
            node: {
              name: DEMO.today.free,
              owner: 'sandbox',
              runbook: null,
              kind: null,
              restoreJobs: { totalCount: 0, pageInfo: { hasNextPage: false }, nodes: [] },
            },
          },
        ],
      },
    });

    it("one request reads the inventory's owner and this gateway's restoreJobs: one _entities batch, each cluster described once and listed once", async () => {
      const res = await viaRouter(OWNED_CLUSTERS, { p: DEMO.projectId });
      expect(res).toEqual({ data: expectedPage() });
      expect(expectedPage().ownedClusters.edges.map((e) => e.node.restoreJobs.nodes.length)).toEqual([3, 3, 0]);
      expect(sentToRestoreJobs).toEqual([{ entities: 3 }]);
      expect(inventory.entityBatches).toEqual([]);
      expect(upstream()).toEqual(
        [
          // The descriptions: a dedicated and a free cluster from the clusters API; the flex cluster refused there
          // (CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API) and described by the flex API.
          `GET ${group}/clusters/${DEMO.clusters.CLOUD_BACKUP} 200`,
          `GET ${group}/clusters/${DEMO.clusters.FLEX} 400`,
          `GET ${group}/flexClusters/${DEMO.clusters.FLEX} 200`,
          `GET ${group}/clusters/${DEMO.today.free} 200`,
          // The lists, one page each; the free cluster has no restore-job API, so no list.
          `GET ${group}/clusters/${DEMO.clusters.CLOUD_BACKUP}/backup/restoreJobs 200`,
          `GET ${group}/flexClusters/${DEMO.clusters.FLEX}/backup/restoreJobs 200`,
        ].sort(),
      );
    });

    it('the next request finds the clusters remembered: only the two lists reach Atlas', async () => {
      expect(await viaRouter(OWNED_CLUSTERS, { p: DEMO.projectId })).toEqual({ data: expectedPage() });
      h.sim.resetCalls();
      expect(await viaRouter(OWNED_CLUSTERS, { p: DEMO.projectId })).toEqual({ data: expectedPage() });
      expect(upstream()).toEqual(
        [`GET ${group}/clusters/${DEMO.clusters.CLOUD_BACKUP}/backup/restoreJobs 200`, `GET ${group}/flexClusters/${DEMO.clusters.FLEX}/backup/restoreJobs 200`].sort(),
      );
    });

    it('a cluster Atlas does not know: this subgraph resolves the reference to null, and only its fields are null', async () => {
      const res = await viaRouter(OWNED_CLUSTERS, { p: OTHER_PROJECT.projectId });
      // The inventory's own fields stay; this subgraph's are null (its `_entities` answer for the reference is null).
      expect(res).toEqual({
        data: {
          ownedClusters: {
            pageInfo: { hasNextPage: false, hasPreviousPage: false },
            edges: [{ node: { name: 'decommissioned-0', owner: 'legacy-team', runbook: null, kind: null, restoreJobs: null } }],
          },
        },
      });
      const other = `/api/atlas/v2/groups/${OTHER_PROJECT.projectId}`;
      expect(upstream()).toEqual([`GET ${other}/clusters/decommissioned-0 404`, `GET ${other}/flexClusters/decommissioned-0 404`]);
    });

    it("one cluster's jobs failing nulls only its restoreJobs, with the error at its path: the other clusters and the inventory's page stay", async () => {
      h.sim.inject({ match: (c) => c.path.endsWith(`/flexClusters/${DEMO.clusters.FLEX}/backup/restoreJobs`), status: 403, times: Infinity });
      const res = await viaRouter(OWNED_CLUSTERS, { p: DEMO.projectId });
      h.sim.clearFaults();
      const page = expectedPage();
      page.ownedClusters.edges[1]!.node.restoreJobs = null as never;
      expect(res).toEqual({
        data: page,
        errors: [
          {
            message: expect.any(String),
            path: ['ownedClusters', 'edges', 1, 'node', 'restoreJobs'],
            extensions: expect.objectContaining({ code: 'FORBIDDEN', atlas: expect.objectContaining({ status: 403 }) }),
          },
        ],
      });
    });

    it("a cluster this gateway returns gains the inventory's owner", async () => {
      const res = await viaRouter(`query($p: ObjectID!, $n: String!) { cluster(projectId: $p, name: $n) { name kind owner } }`, {
        p: DEMO.projectId,
        n: DEMO.clusters.FLEX,
      });
      expect(res).toEqual({ data: { cluster: { name: DEMO.clusters.FLEX, kind: 'FLEX', owner: 'web' } } });
      expect(inventory.entityBatches).toEqual([[{ __typename: 'Cluster', projectId: DEMO.projectId, name: DEMO.clusters.FLEX }]]);
    });

    it("the inventory's clusters gain their snapshots, each from the list its description names (a free cluster's empty)", async () => {
      const res = await viaRouter(`query($p: ObjectID!) { ownedClusters(projectId: $p, first: 10) { edges { node { name snapshots(first: 1) { totalCount nodes { kind status } } } } } }`, { p: DEMO.projectId });
      expect(res).toEqual({
        data: {
          ownedClusters: {
            edges: [
              { node: { name: DEMO.clusters.CLOUD_BACKUP, snapshots: { totalCount: 4, nodes: [{ kind: 'CLOUD_BACKUP', status: 'IN_PROGRESS' }] } } },
              { node: { name: DEMO.clusters.FLEX, snapshots: { totalCount: 4, nodes: [{ kind: 'FLEX', status: 'IN_PROGRESS' }] } } },
              { node: { name: DEMO.today.free, snapshots: { totalCount: 0, nodes: [] } } },
            ],
          },
        },
      });
      expect(upstream().filter((call) => call.includes('/snapshots'))).toEqual(
        [`GET ${group}/clusters/${DEMO.clusters.CLOUD_BACKUP}/backup/snapshots 200`, `GET ${group}/flexClusters/${DEMO.clusters.FLEX}/backup/snapshots 200`].sort(),
      );
    });
  });
});
