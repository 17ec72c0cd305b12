import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { DEMO } from '../../src/simulator';
import { encodeGlobalId } from '../../src/restoreJobs/globalId';
import type { RestoreJobKind } from '../../src/restoreJobs/RestoreJobModel';
import { RESTORE_JOB_KINDS } from '../../src/restoreJobs/sources';
import { startAuditSubgraph, type AuditEvent, type AuditSubgraph } from '../support/auditSubgraph';
import { startHarness, type GraphQLResponse, type Harness } from '../support/harness';
import { KIND_FACTS } from '../support/kinds';

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * A federated runtime: @apollo/gateway (IntrospectAndCompose over `_service`) in front of this gateway and the audit
 * subgraph, all three real HTTP servers on loopback. Answers that need both subgraphs, and what they cost upstream.
 */
describe('supergraph: @apollo/gateway over restore-jobs and audit', () => {
  let h: Harness;
  let audit: AuditSubgraph;
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
    h = await startHarness();
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
    const gateway = new ApolloGateway({
      logger: silent,
      supergraphSdl: new IntrospectAndCompose({
        subgraphs: [
          { name: 'restore-jobs', url: h.gateway.url },
          { name: 'audit', url: audit.url },
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
    await h?.stop();
  });
  beforeEach(() => {
    h.sim.resetCalls();
    audit.entityBatches.length = 0;
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
});
