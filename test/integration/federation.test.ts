import { Kind, parse } from 'graphql';
import { DEMO } from '../../src/simulator';
import { encodeGlobalId } from '../../src/restoreJobs/globalId';
import type { RestoreJobKind } from '../../src/restoreJobs/RestoreJobModel';
import { RESTORE_JOB_KINDS } from '../../src/restoreJobs/sources';
import { startHarness, type Harness } from '../support/harness';
import { KIND_FACTS } from '../support/kinds';

/** The subgraph contract a router relies on: `_service { sdl }` and `_entities`, against the real server. */
describe('federation subgraph: _service and _entities', () => {
  let h: Harness;
  /** Two seeded job ids per kind, as [globalId, jobId]. */
  let jobs: Record<RestoreJobKind, [string, string][]>;

  beforeAll(async () => {
    h = await startHarness();
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

  it('_service { sdl } declares RestoreJob and every job type an entity keyed by id, on federation v2.3', async () => {
    const res = await h.query('{ _service { sdl } }');
    const sdl = (res.data?._service as { sdl: string }).sdl;
    const keyed = parse(sdl)
      .definitions.filter((d) => (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.INTERFACE_TYPE_DEFINITION) && d.directives?.some((x) => x.name.value === 'key'))
      .map((d) => ('name' in d && d.name ? d.name.value : ''))
      .sort();
    expect({ errors: res.errors, keyed }).toEqual({
      errors: undefined,
      keyed: ['CloudBackupRestoreJob', 'FlexRestoreJob', 'LegacyBackupRestoreJob', 'RestoreJob', 'ServerlessRestoreJob', 'SharedTierRestoreJob'],
    });
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])');
    expect(sdl).toMatch(/interface RestoreJob implements Node\s+@key\(fields: "id"\)/);
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
});
