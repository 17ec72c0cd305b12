import { DEMO } from '../../src/simulator';
import { apiError, FLEX_V2, get, useSimulator, V2 } from '../support/simulatorHttp';

/** The simulator's snapshot reads (snapshots.openapi.yaml), served from its SnapshotStore. */

const P = DEMO.projectId;
const G = `/api/atlas/v2/groups/${P}`;
const UNKNOWN_PROJECT = '000000000000000000000000';

describe('snapshot lists', () => {
  const { sim, base } = useSimulator();

  it('lists a replica set, a sharded cluster, a flex cluster and a legacy cluster from the store, newest first', async () => {
    const bodies = (cluster: string) => sim().snapshots.of(P, cluster).map((s) => s.body);
    const replica = await get(base(), `${G}/clusters/${DEMO.clusters.CLOUD_BACKUP}/backup/snapshots`, { accept: V2 });
    const sharded = await get(base(), `${G}/clusters/${DEMO.today.sharded}/backup/snapshots/shardedClusters`, { accept: V2 });
    const flex = await get(base(), `${G}/flexClusters/${DEMO.clusters.FLEX}/backup/snapshots`, { accept: FLEX_V2 });
    const legacy = await get(base(), `${G}/clusters/${DEMO.clusters.LEGACY_BACKUP}/snapshots?completed=all`, { accept: V2 });
    const self = (path: string) => [{ href: `${base()}${path}`, rel: 'self' }];
    expect([replica, sharded, flex, legacy]).toEqual([
      { status: 200, contentType: V2, wwwAuthenticate: undefined, body: { links: self(`${G}/clusters/${DEMO.clusters.CLOUD_BACKUP}/backup/snapshots`), results: bodies(DEMO.clusters.CLOUD_BACKUP), totalCount: 4 } },
      { status: 200, contentType: V2, wwwAuthenticate: undefined, body: { links: self(`${G}/clusters/${DEMO.today.sharded}/backup/snapshots/shardedClusters`), results: bodies(DEMO.today.sharded), totalCount: 4 } },
      { status: 200, contentType: FLEX_V2, wwwAuthenticate: undefined, body: { links: self(`${G}/flexClusters/${DEMO.clusters.FLEX}/backup/snapshots`), results: bodies(DEMO.clusters.FLEX), totalCount: 4 } },
      { status: 200, contentType: V2, wwwAuthenticate: undefined, body: { links: self(`${G}/clusters/${DEMO.clusters.LEGACY_BACKUP}/snapshots?completed=all`), results: bodies(DEMO.clusters.LEGACY_BACKUP), totalCount: 4 } },
    ]);
  });

  it('pages with pageNum/itemsPerPage and next/previous links; the sharded list ignores paging', async () => {
    const path = `${G}/clusters/${DEMO.clusters.CLOUD_BACKUP}/backup/snapshots`;
    const page = await get(base(), `${path}?itemsPerPage=1&pageNum=2&includeCount=false`, { accept: V2 });
    expect(page.body).toEqual({
      links: [
        { href: `${base()}${path}?itemsPerPage=1&pageNum=2&includeCount=false`, rel: 'self' },
        { href: `${base()}${path}?itemsPerPage=1&pageNum=1&includeCount=false`, rel: 'previous' },
        { href: `${base()}${path}?itemsPerPage=1&pageNum=3&includeCount=false`, rel: 'next' },
      ],
      results: [sim().snapshots.of(P, DEMO.clusters.CLOUD_BACKUP)[1]!.body],
    });
    const sharded = await get(base(), `${G}/clusters/${DEMO.today.sharded}/backup/snapshots/shardedClusters?itemsPerPage=1&pageNum=9`, { accept: V2 });
    expect((sharded.body as { results: unknown[]; totalCount: number })).toMatchObject({ totalCount: 4 });
    expect((sharded.body as { results: unknown[] }).results).toHaveLength(4);
  });

  it("legacy's completed filter: completed only by default, in progress with false; a bad value is 400", async () => {
    const path = `${G}/clusters/${DEMO.clusters.LEGACY_BACKUP}/snapshots`;
    const ids = async (query: string) => ((await get(base(), `${path}${query}`, { accept: V2 })).body as { results: { id: string }[] }).results.map((s) => s.id);
    const all = sim().snapshots.of(P, DEMO.clusters.LEGACY_BACKUP).map((s) => s.body.id);
    expect([await ids(''), await ids('?completed=true'), await ids('?completed=false')]).toEqual([all.slice(1), all.slice(1), all.slice(0, 1)]);
    expect((await get(base(), `${path}?completed=maybe`, { accept: V2 })).body).toEqual(
      apiError(400, 'INVALID_QUERY_PARAMETER', 'Invalid value "maybe" for query parameter completed: expected all, true or false.', 'Bad Request'),
    );
  });

  it('answers the closest snapshot before a point in time', async () => {
    const path = `${G}/clusters/${DEMO.clusters.CLOUD_BACKUP}/backup/snapshots`;
    const snapshots = sim().snapshots.of(P, DEMO.clusters.CLOUD_BACKUP);
    const at = Date.parse('2026-01-19T12:00:00Z') / 1000;
    const r = await get(base(), `${path}?pointInTimeUtcSeconds=${at}`, { accept: V2 });
    expect((r.body as { results: unknown[] }).results).toEqual([snapshots[2]!.body]);
    expect((await get(base(), `${path}?pointInTimeUtcSeconds=${at}&oplogTs=${at}&oplogInc=1`, { accept: V2 })).status).toBe(400);
  });

  it('answers an unknown project, an unknown cluster, a cluster of another API and a wrong Accept as Atlas does', async () => {
    const answers = await Promise.all([
      get(base(), `/api/atlas/v2/groups/${UNKNOWN_PROJECT}/clusters/x/backup/snapshots`, { accept: V2 }),
      get(base(), `${G}/clusters/no-such-cluster/backup/snapshots`, { accept: V2 }),
      get(base(), `${G}/flexClusters/no-such-cluster/backup/snapshots`, { accept: FLEX_V2 }),
      get(base(), `${G}/clusters/no-such-cluster/snapshots`, { accept: V2 }),
      get(base(), `${G}/clusters/${DEMO.clusters.FLEX}/backup/snapshots`, { accept: V2 }),
      get(base(), `${G}/flexClusters/${DEMO.clusters.CLOUD_BACKUP}/backup/snapshots`, { accept: FLEX_V2 }),
      get(base(), `${G}/clusters/${DEMO.clusters.CLOUD_BACKUP}/backup/snapshots`, { accept: FLEX_V2 }),
    ]);
    expect(answers.map((a) => [a.status, (a.body as { errorCode: string }).errorCode])).toEqual([
      [404, 'GROUP_NOT_FOUND'],
      [404, 'CLUSTER_NOT_FOUND'],
      [404, 'FLEX_CLUSTER_NOT_FOUND'],
      [404, 'CLUSTER_NOT_FOUND'],
      [400, 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API'],
      [400, 'CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API'],
      [406, 'INVALID_VERSION_DATE'],
    ]);
  });

  it('has no snapshots of another shape: a sharded cluster in the replica-set list, a legacy cluster in the Cloud Backup list', async () => {
    const results = async (path: string) => ((await get(base(), path, { accept: V2 })).body as { results: unknown[] }).results;
    expect([await results(`${G}/clusters/${DEMO.today.sharded}/backup/snapshots`), await results(`${G}/clusters/${DEMO.clusters.LEGACY_BACKUP}/backup/snapshots`)]).toEqual([[], []]);
  });

  it('serves one snapshot of each list, and 404 SNAPSHOT_NOT_FOUND for an unknown one', async () => {
    const first = (cluster: string) => sim().snapshots.of(P, cluster)[0]!.body;
    const one = async (path: string, accept = V2) => (await get(base(), path, { accept })).body;
    expect([
      await one(`${G}/clusters/${DEMO.clusters.CLOUD_BACKUP}/backup/snapshots/${first(DEMO.clusters.CLOUD_BACKUP).id!}`),
      await one(`${G}/clusters/${DEMO.today.sharded}/backup/snapshots/shardedCluster/${first(DEMO.today.sharded).id!}`),
      await one(`${G}/flexClusters/${DEMO.clusters.FLEX}/backup/snapshots/${first(DEMO.clusters.FLEX).id!}`, FLEX_V2),
      await one(`${G}/clusters/${DEMO.clusters.LEGACY_BACKUP}/snapshots/${first(DEMO.clusters.LEGACY_BACKUP).id!}`),
      await one(`${G}/clusters/${DEMO.clusters.CLOUD_BACKUP}/backup/snapshots/0123456789abcdef01234567`),
    ]).toEqual([
      first(DEMO.clusters.CLOUD_BACKUP),
      first(DEMO.today.sharded),
      first(DEMO.clusters.FLEX),
      first(DEMO.clusters.LEGACY_BACKUP),
      apiError(404, 'SNAPSHOT_NOT_FOUND', `No snapshot with ID 0123456789abcdef01234567 exists in cluster ${DEMO.clusters.CLOUD_BACKUP}.`, 'Not Found'),
    ]);
  });
});
