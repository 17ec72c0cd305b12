import { DEMO } from '../../src/simulator';
import type { RestoreJobKind } from '../../src/restoreJobs/RestoreJobModel';
import { startHarness, type Harness } from '../support/harness';
import { KIND_FACTS } from '../support/kinds';

const JOB_FIELDS = `__typename id jobId kind projectId clusterName status atlasStatus isTerminal deliveryType`;

const cases: [RestoreJobKind, 'v2' | 'v1.0'][] = [
  ['LEGACY_BACKUP', 'v2'],
  ['LEGACY_BACKUP', 'v1.0'],
  ['SHARED_TIER', 'v2'],
  ['SHARED_TIER', 'v1.0'],
  ['FLEX', 'v2'],
  ['SERVERLESS', 'v2'],
  ['SERVERLESS', 'v1.0'],
  ['CLOUD_BACKUP', 'v2'],
];

describe.each(['v2', 'v1.0'] as const)('every kind through the real server, API %s configured', (apiVersion) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ apiVersion });
  });
  afterAll(() => h.stop());
  beforeEach(() => h.sim.resetCalls());

  const kinds = cases.filter(([, v]) => v === apiVersion).map(([k]) => k);
  // Flex and Cloud Backup have no v1.0 resource: with v1.0 configured they must still be served, from v2.
  if (apiVersion === 'v1.0') kinds.push('FLEX', 'CLOUD_BACKUP');

  it.each(kinds)('%s: list and get-one, on the right path with the right Accept', async (kind) => {
    const facts = KIND_FACTS[kind];
    const clusterName = DEMO.clusters[kind];
    const cluster = h.sim.seed.projects.find((p) => p.id === DEMO.projectId)!.clusters.find((c) => c.name === clusterName)!;
    const seedJobs = facts.jobs(cluster);
    expect(seedJobs.length).toBeGreaterThanOrEqual(3);
    const version = facts.versions.includes(apiVersion) ? apiVersion : 'v2';
    const base = `/api/atlas/${version}${facts.path(DEMO.projectId, clusterName)}`;
    const accept = version === 'v2' ? facts.mediaType : 'application/json';

    const list = await h.query(
      `query($kind: RestoreJobKind!, $p: ObjectID!, $c: String!) {
        restoreJobs(kind: $kind, projectId: $p, clusterName: $c, first: 3) { totalCount nodes { __typename jobId kind projectId clusterName } }
      }`,
      { kind, p: DEMO.projectId, c: clusterName },
    );
    expect(list).toEqual({
      data: {
        restoreJobs: {
          totalCount: seedJobs.length,
          nodes: seedJobs.slice(0, 3).map((j) => ({ __typename: facts.typeName, jobId: j.id, kind, projectId: DEMO.projectId, clusterName })),
        },
      },
    });
    expect(h.sim.calls.map((c) => [c.path, c.accept, c.status])).toEqual([[base, accept, 200]]);

    h.sim.resetCalls();
    const jobId = seedJobs[1]!.id!;
    const one = await h.query(
      `query($kind: RestoreJobKind!, $p: ObjectID!, $c: String!, $j: ObjectID!) {
        restoreJob(kind: $kind, projectId: $p, clusterName: $c, jobId: $j) { ${JOB_FIELDS} }
      }`,
      { kind, p: DEMO.projectId, c: clusterName, j: jobId },
    );
    expect(one.errors).toBeUndefined();
    expect(one.data?.restoreJob).toMatchObject({ __typename: facts.typeName, jobId, kind, projectId: DEMO.projectId, clusterName });
    expect(h.sim.calls.map((c) => [c.path, c.accept, c.status])).toEqual([[`${base}/${jobId}`, accept, 200]]);

    // The global id leads back to the same job.
    const id = (one.data?.restoreJob as { id: string }).id;
    const again = await h.query(`query($id: ID!) { node(id: $id) { ... on RestoreJob { ${JOB_FIELDS} } } }`, { id });
    expect(again).toEqual({ data: { node: one.data?.restoreJob } });
  });
});
