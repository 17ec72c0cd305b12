import { Kind, parse } from 'graphql';
import { ClusterKindCache } from '../../src/clusters/ClusterKindCache';
import { DEMO } from '../../src/simulator';
import { encodeGlobalId } from '../../src/restoreJobs/globalId';
import type { RestoreJobKind } from '../../src/restoreJobs/RestoreJobModel';
import { RESTORE_JOB_KINDS } from '../../src/restoreJobs/sources';
import { startHarness, type Harness } from '../support/harness';
import { KIND_FACTS } from '../support/kinds';

/** The subgraph contract a router relies on: `_service { sdl }` and `_entities`, against the real server. */
describe('federation subgraph: _service and _entities', () => {
  let h: Harness;
  /** The process's memory of clusters, emptied before each Cluster test so that each counts its own descriptions. */
  const clusterKinds = new ClusterKindCache();
  /** Two seeded job ids per kind, as [globalId, jobId]. */
  let jobs: Record<RestoreJobKind, [string, string][]>;

  beforeAll(async () => {
    h = await startHarness({ deps: { clusterKinds } });
    const project = h.sim.seed.projects.find((p) => p.id === DEMO.projectId)!;
    jobs = Object.fromEntries(
      RESTORE_JOB_KINDS.map((kind) => {
        const cluster = project.clusters.find((c) => c.name === DEMO.clusters[kind])!;
        const ids = KIND_FACTS[kind].jobs(cluster).slice(0, 2).map((j) => j.id!);
        return [kind, ids.map((jobId) => [encodeGlobalId({ kind, projectId: DEMO.projectId, clusterName: DEMO.clusters[kind], jobId }), jobId])];
      }),
    ) as Record<RestoreJobKind, [string, string][]>;
  });
  afterAll(() => h.stop());
  beforeEach(() => h.sim.resetCalls());

  const ENTITIES = `query($representations: [_Any!]!) {
    _entities(representations: $representations) { __typename ... on RestoreJob { id jobId kind } }
  }`;

  it('_service { sdl } declares RestoreJob and every job type an entity keyed by id, and Cluster by projectId name, on federation v2.4 (the first version whose Subscription fields the Apollo Router accepts)', async () => {
    const res = await h.query('{ _service { sdl } }');
    const sdl = (res.data?._service as { sdl: string }).sdl;
    const keyed = parse(sdl)
      .definitions.filter((d) => (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.INTERFACE_TYPE_DEFINITION) && d.directives?.some((x) => x.name.value === 'key'))
      .map((d) => ('name' in d && d.name ? d.name.value : ''))
      .sort();
    expect({ errors: res.errors, keyed }).toEqual({
      errors: undefined,
      keyed: ['CloudBackupRestoreJob', 'Cluster', 'FlexRestoreJob', 'LegacyBackupRestoreJob', 'RestoreJob', 'ServerlessRestoreJob', 'SharedTierRestoreJob'],
    });
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.4", import: ["@key", "@shareable"])');
    expect(sdl).toMatch(/interface RestoreJob implements Node\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/type Cluster\s+@key\(fields: "projectId name"\)/);
  });

  it('resolves each of the five kinds by concrete type and by the interface; an unknown job is null', async () => {
    const unknownJob = encodeGlobalId({ kind: 'FLEX', projectId: DEMO.projectId, clusterName: DEMO.clusters.FLEX, jobId: 'ffffffffffffffffffffffff' });
    const representations = [
      ...RESTORE_JOB_KINDS.map((kind) => ({ __typename: KIND_FACTS[kind].typeName, id: jobs[kind][0]![0] })),
      ...RESTORE_JOB_KINDS.map((kind) => ({ __typename: 'RestoreJob', id: jobs[kind][1]![0] })),
      { __typename: 'RestoreJob', id: unknownJob },
      { __typename: 'FlexRestoreJob', id: unknownJob },
    ];
    const res = await h.query(ENTITIES, { representations });
    expect(res).toEqual({
      data: {
        _entities: [
          ...RESTORE_JOB_KINDS.map((kind) => ({ __typename: KIND_FACTS[kind].typeName, id: jobs[kind][0]![0], jobId: jobs[kind][0]![1], kind })),
          ...RESTORE_JOB_KINDS.map((kind) => ({ __typename: KIND_FACTS[kind].typeName, id: jobs[kind][1]![0], jobId: jobs[kind][1]![1], kind })),
          null,
          null,
        ],
      },
    });
    // Ten jobs (two per kind) and the unknown one (asked twice): one GET each.
    expect(h.sim.calls.map((c) => c.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 404]);
  });

  it('N representations with repeats cost one upstream call per distinct job', async () => {
    const distinct = RESTORE_JOB_KINDS.flatMap((kind) => jobs[kind].map(([id]) => ({ kind, id })));
    const representations = Array.from({ length: 40 }, (_, i) => {
      const { kind, id } = distinct[(i * 3) % distinct.length]!;
      return { __typename: i % 2 ? 'RestoreJob' : KIND_FACTS[kind].typeName, id };
    });
    const res = await h.query(ENTITIES, { representations });
    expect(res.errors).toBeUndefined();
    expect((res.data?._entities as { id: string }[]).map((e) => e.id)).toEqual(representations.map((r) => r.id));
    expect(new Set(representations.map((r) => r.id)).size).toBe(10);
    expect(h.sim.calls).toHaveLength(10);
    expect(new Set(h.sim.calls.map((c) => c.path)).size).toBe(10);
  });

  it('a representation naming another job type is null; a malformed id is BAD_USER_INPUT in its place only', async () => {
    const res = await h.query(ENTITIES, {
      representations: [
        { __typename: 'FlexRestoreJob', id: jobs.LEGACY_BACKUP[0]![0] },
        { __typename: 'RestoreJob', id: 'not-an-id' },
        { __typename: 'FlexRestoreJob', id: jobs.FLEX[0]![0] },
      ],
    });
    expect(res).toEqual({
      data: { _entities: [null, null, { __typename: 'FlexRestoreJob', id: jobs.FLEX[0]![0], jobId: jobs.FLEX[0]![1], kind: 'FLEX' }] },
      errors: [
        {
          message: '"not-an-id" is not an id of this graph.',
          locations: [{ line: 2, column: 5 }],
          path: ['_entities', 1],
          extensions: { code: 'BAD_USER_INPUT', argument: 'id' },
        },
      ],
    });
  });

  describe('Cluster references (projectId name)', () => {
    const CLUSTERS = `query($representations: [_Any!]!) {
      _entities(representations: $representations) {
        __typename
        ... on Cluster { projectId name kind tier restoreJobs(first: 2) { totalCount nodes { jobId } } }
      }
    }`;
    const ref = (name: string, projectId = DEMO.projectId) => ({ __typename: 'Cluster', projectId, name });
    const upstream = () => h.sim.calls.map((c) => `${c.method} ${c.path} ${c.status}`);
    const group = `/api/atlas/v2/groups/${DEMO.projectId}`;
    beforeEach(() => clusterKinds.clear());

    it('a reference is described first, then its jobs listed from the API that serves it: the same cluster twice costs one description and one list', async () => {
      const name = DEMO.clusters.CLOUD_BACKUP;
      const firstTwo = jobs.CLOUD_BACKUP.map(([, jobId]) => ({ jobId }));
      const expected = await h.query(`query($p: ObjectID!, $c: String!) { restoreJobs(kind: CLOUD_BACKUP, projectId: $p, clusterName: $c, first: 2) { totalCount } }`, {
        p: DEMO.projectId,
        c: name,
      });
      h.sim.resetCalls();
      const res = await h.query(CLUSTERS, { representations: [ref(name), ref(name)] });
      const cluster = {
        __typename: 'Cluster',
        projectId: DEMO.projectId,
        name,
        kind: 'CLOUD_BACKUP',
        tier: expect.stringMatching(/^M\d+$/),
        restoreJobs: { totalCount: (expected.data?.restoreJobs as { totalCount: number }).totalCount, nodes: firstTwo },
      };
      expect(res).toEqual({ data: { _entities: [cluster, cluster] } });
      expect(upstream()).toEqual([`GET ${group}/clusters/${name} 200`, `GET ${group}/clusters/${name}/backup/restoreJobs 200`]);
    });

    it('a free cluster has no jobs and costs its description only; an unknown cluster is null', async () => {
      const res = await h.query(CLUSTERS, { representations: [ref(DEMO.today.free), ref('no-such-cluster')] });
      expect(res).toEqual({
        data: {
          _entities: [
            { __typename: 'Cluster', projectId: DEMO.projectId, name: DEMO.today.free, kind: null, tier: 'M0', restoreJobs: { totalCount: 0, nodes: [] } },
            null,
          ],
        },
      });
      expect(upstream().sort()).toEqual(
        [
          `GET ${group}/clusters/${DEMO.today.free} 200`,
          // Discovery's second look, in case the name is a flex cluster (rules.ts, DISCOVERY_RULES).
          `GET ${group}/clusters/no-such-cluster 404`,
          `GET ${group}/flexClusters/no-such-cluster 404`,
        ].sort(),
      );
    });

    it('a representation with a bad projectId or name is BAD_USER_INPUT in its place only, before any upstream call', async () => {
      const res = await h.query(`query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Cluster { name kind } } }`, {
        representations: [ref(DEMO.clusters.FLEX, 'not-an-object-id'), ref('-leading-hyphen'), { __typename: 'Cluster', projectId: DEMO.projectId }, ref(DEMO.clusters.FLEX)],
      });
      const badName = {
        message: 'A Cluster representation needs `name`: a cluster name that starts with a letter or digit and holds only letters, digits and hyphens (at most 64).',
        locations: [{ line: 1, column: 37 }],
        extensions: { code: 'BAD_USER_INPUT', argument: 'representations' },
      };
      expect(res).toEqual({
        data: { _entities: [null, null, null, { name: DEMO.clusters.FLEX, kind: 'FLEX' }] },
        errors: [
          {
            message: 'A Cluster representation needs `projectId`: an ObjectID (24 hexadecimal characters).',
            locations: [{ line: 1, column: 37 }],
            path: ['_entities', 0],
            extensions: { code: 'BAD_USER_INPUT', argument: 'representations' },
          },
          { ...badName, path: ['_entities', 1] },
          { ...badName, path: ['_entities', 2] },
        ],
      });
      // Only the good representation reached Atlas: the clusters API refuses a flex cluster, the flex API describes it.
      expect(upstream()).toEqual([`GET ${group}/clusters/${DEMO.clusters.FLEX} 400`, `GET ${group}/flexClusters/${DEMO.clusters.FLEX} 200`]);
    });
  });
});
