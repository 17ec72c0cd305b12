import { getNamedType, isInterfaceType, isObjectType, type GraphQLObjectType } from 'graphql';
import { buildSchema } from '../../src/schema';
import { DEMO } from '../../src/simulator';
import { encodeGlobalId } from '../../src/restoreJobs/globalId';
import { startHarness, type Harness } from '../support/harness';

const P = DEMO.projectId;
const UNKNOWN_PROJECT = '000000000000000000000000';
const SOME_JOB = '65f1c0de2a4b6c8d0e1f2a3b';
const FLEX = DEMO.clusters.FLEX;
const LEGACY = DEMO.clusters.LEGACY_BACKUP;

/** Every field of a type, object fields expanded (no arguments needed by any of them). */
function everyField(type: GraphQLObjectType): string {
  return Object.values(type.getFields())
    .map((field) => {
      const named = getNamedType(field.type);
      return isObjectType(named) ? `${field.name} { ${everyField(named)} }` : field.name;
    })
    .join(' ');
}

describe('the read side: one failure nulls only itself, unknown containers are NOT_FOUND (issue 13, the four traps)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());
  beforeEach(() => h.sim.resetCalls());

  it('a failing restoreJobs nulls only itself: its sibling is answered', async () => {
    const r = await h.query(`{
      ok: restoreJobs(projectId: "${P}", clusterName: "${FLEX}") { totalCount }
      bad: restoreJobs(projectId: "${P}", clusterName: "no-such-cluster") { totalCount }
    }`);
    expect(r).toEqual({
      data: { ok: { totalCount: 10 }, bad: null },
      errors: [
        {
          message: 'Atlas knows no cluster or flex cluster named "no-such-cluster" in this project.',
          locations: [{ line: 3, column: 7 }],
          path: ['bad'],
          extensions: { code: 'NOT_FOUND' },
        },
      ],
    });
  });

  it('a job lookup on an unknown cluster is NOT_FOUND with the Atlas errorCode; an unknown job of a known cluster is null', async () => {
    const named = await h.query(`{
      named: restoreJob(kind: FLEX, projectId: "${P}", clusterName: "no-such-cluster", jobId: "${SOME_JOB}") { id }
      unknownJobNamed: restoreJob(kind: FLEX, projectId: "${P}", clusterName: "${FLEX}", jobId: "${SOME_JOB}") { id }
    }`);
    expect(named).toEqual({
      data: { named: null, unknownJobNamed: null },
      errors: [
        {
          message: 'Atlas has no such resource.',
          locations: [{ line: 2, column: 7 }],
          path: ['named'],
          extensions: {
            code: 'NOT_FOUND',
            atlas: { status: 404, errorCode: 'FLEX_CLUSTER_NOT_FOUND', detail: `Flex cluster no-such-cluster cannot be found in group ${P}.` },
          },
        },
      ],
    });
    const discovered = await h.query(`{
      discovered: restoreJob(projectId: "${P}", clusterName: "no-such-cluster", jobId: "${SOME_JOB}") { id }
      unknownJob: restoreJob(projectId: "${P}", clusterName: "${FLEX}", jobId: "${SOME_JOB}") { id }
    }`);
    expect(discovered).toEqual({
      data: { discovered: null, unknownJob: null },
      errors: [
        {
          message: 'Atlas knows no cluster or flex cluster named "no-such-cluster" in this project.',
          locations: [{ line: 2, column: 7 }],
          path: ['discovered'],
          extensions: { code: 'NOT_FOUND' },
        },
      ],
    });
  });

  it('node on a global id whose cluster Atlas does not know is NOT_FOUND, not null', async () => {
    const id = encodeGlobalId({ kind: 'FLEX', projectId: P, clusterName: 'no-such-cluster', jobId: SOME_JOB });
    const r = await h.query(`query($id: ID!) { node(id: $id) { id } }`, { id });
    expect(r).toEqual({
      data: { node: null },
      errors: [
        {
          message: 'Atlas has no such resource.',
          locations: [{ line: 1, column: 19 }],
          path: ['node'],
          extensions: {
            code: 'NOT_FOUND',
            atlas: { status: 404, errorCode: 'FLEX_CLUSTER_NOT_FOUND', detail: `Flex cluster no-such-cluster cannot be found in group ${P}.` },
          },
        },
      ],
    });
  });

  it('cluster on an unknown project is NOT_FOUND; an unknown cluster of a known project is null', async () => {
    const r = await h.query(`{
      c: cluster(projectId: "${UNKNOWN_PROJECT}", name: "x") { name }
      c2: cluster(projectId: "${P}", name: "no-such-cluster") { name }
    }`);
    expect(r).toEqual({
      data: { c: null, c2: null },
      errors: [
        {
          message: 'Atlas has no such resource.',
          locations: [{ line: 2, column: 7 }],
          path: ['c'],
          extensions: {
            code: 'NOT_FOUND',
            atlas: { status: 404, errorCode: 'GROUP_NOT_FOUND', detail: `No group with ID ${UNKNOWN_PROJECT} exists.` },
          },
        },
      ],
    });
  });

  it('Cluster.restoreJobs(kind: LEGACY_BACKUP) reaches the legacy jobs discovery does not report', async () => {
    const r = await h.query(`{
      cluster(projectId: "${P}", name: "${LEGACY}") {
        kind
        legacy: restoreJobs(kind: LEGACY_BACKUP, first: 2) { totalCount nodes { kind jobId } }
        discovered: restoreJobs { totalCount }
      }
    }`);
    const legacyJobs = h.sim.seed.projects.find((p) => p.id === P)!.clusters.find((c) => c.name === LEGACY)!;
    expect(r.errors).toBeUndefined();
    const cluster = r.data?.cluster as { legacy: { nodes: { jobId: string }[] } };
    const ids = cluster.legacy.nodes.map((n) => n.jobId);
    expect(r).toEqual({
      data: {
        cluster: {
          kind: 'CLOUD_BACKUP',
          legacy: { totalCount: 19, nodes: ids.map((jobId) => ({ kind: 'LEGACY_BACKUP', jobId })) },
          discovered: { totalCount: 0 },
        },
      },
    });
    expect(ids).toHaveLength(2);
    expect(legacyJobs.name).toBe(LEGACY);
  });

  it('requestedAt is the time in the job id for every kind, and createdAt keeps its meaning', async () => {
    const kinds = ['LEGACY_BACKUP', 'FLEX', 'SERVERLESS', 'CLOUD_BACKUP'] as const;
    for (const kind of kinds) {
      const r = await h.query(`query($c: String!) { restoreJobs(kind: ${kind}, projectId: "${P}", clusterName: $c, first: 3) { nodes { jobId requestedAt createdAt } } }`, {
        c: DEMO.clusters[kind],
      });
      const nodes = (r.data?.restoreJobs as { nodes: { jobId: string; requestedAt: string; createdAt: string | null }[] }).nodes;
      expect(nodes.length).toBeGreaterThan(0);
      for (const n of nodes) {
        expect(n.requestedAt).toBe(new Date(Number.parseInt(n.jobId.slice(0, 8), 16) * 1000).toISOString());
        if (kind === 'SERVERLESS' || kind === 'CLOUD_BACKUP') expect(n.createdAt).toBeNull();
      }
    }
  });

  it('the static field cost admits a full 500-job page of every field of every kind, literal or variable count', async () => {
    const schema = buildSchema();
    const jobInterface = schema.getType('RestoreJob');
    if (!isInterfaceType(jobInterface)) throw new Error('RestoreJob is an interface');
    const kinds = schema.getPossibleTypes(jobInterface).map((t) => `... on ${t.name} { ${everyField(t as GraphQLObjectType)} }`);
    const selection = `totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { ${kinds.join(' ')} }`;
    const big = DEMO.bigCluster.name;
    const literal = await h.query(`{ restoreJobs(kind: LEGACY_BACKUP, projectId: "${P}", clusterName: "${big}", first: 500) { ${selection} } }`);
    expect(literal.errors).toBeUndefined();
    const page = literal.data?.restoreJobs as { totalCount: number; pageInfo: { hasNextPage: boolean }; nodes: unknown[] };
    expect({ totalCount: page.totalCount, hasNextPage: page.pageInfo.hasNextPage, n: page.nodes.length }).toEqual({
      totalCount: DEMO.bigCluster.jobCount,
      hasNextPage: true,
      n: 500,
    });
    const variable = await h.query(`query($n: Int) { restoreJobs(kind: LEGACY_BACKUP, projectId: "${P}", clusterName: "${big}", first: $n) { ${selection} } }`, { n: 500 });
    expect(variable).toEqual(literal);
  });

  it('the issue\'s 500-job page (12 fields and 2 of flex) passes the default limits', async () => {
    const query = `{ restoreJobs(projectId: "${P}", clusterName: "${FLEX}", first: 500) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      nodes { id jobId kind projectId clusterName snapshotId status atlasStatus isTerminal deliveryType createdAt finishedAt
        ... on FlexRestoreJob { atlasDeliveryType snapshotFinishedAt } }
    } }`;
    const r = await h.query(query);
    expect(r.errors).toBeUndefined();
    expect((r.data?.restoreJobs as { nodes: unknown[] }).nodes).toHaveLength(10);
  });
});
