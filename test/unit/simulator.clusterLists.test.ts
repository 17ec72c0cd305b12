import { DEMO } from '../../src/simulator';
import { apiError, FLEX_V2, get, useSimulator, V2 } from '../support/simulatorHttp';

const P = DEMO.projectId;
const CLUSTERS_V2 = 'application/vnd.atlas.2024-08-05+json';
const UNKNOWN_PROJECT = '0123456789abcdef01234567';

describe("the simulator's cluster lists (listGroupClusters, listGroupFlexClusters)", () => {
  const { sim, base } = useSimulator();
  const groups = `/api/atlas/v2/groups/${P}`;

  it('lists every cluster the clusters API holds (not flex, not serverless), each as its lookup describes it', async () => {
    const reply = await get(base(), `${groups}/clusters`, { accept: CLUSTERS_V2 });
    const expected = sim()
      .seed.projects[0]!.clusters.filter((c) => c.kind !== 'FLEX' && c.kind !== 'SERVERLESS')
      .map((c) => c.name);
    const lookups = await Promise.all(expected.map(async (name) => (await get(base(), `${groups}/clusters/${name}`, { accept: CLUSTERS_V2 })).body));
    expect(reply).toEqual({
      status: 200,
      contentType: CLUSTERS_V2,
      wwwAuthenticate: undefined,
      body: { links: [{ href: `${base()}${groups}/clusters`, rel: 'self' }], results: lookups, totalCount: expected.length },
    });
    expect(expected).toEqual([
      DEMO.clusters.LEGACY_BACKUP,
      DEMO.clusters.SHARED_TIER,
      DEMO.bigCluster.name,
      DEMO.clusters.CLOUD_BACKUP,
      DEMO.today.sharded,
      DEMO.today.formerServerless,
      DEMO.today.free,
    ]);
  });

  it('pages as Atlas pages: pageNum and itemsPerPage, previous and next links, totalCount unless includeCount=false', async () => {
    const all = (await get(base(), `${groups}/clusters?itemsPerPage=500`, { accept: CLUSTERS_V2 })).body as { results: unknown[] };
    const page = await get(base(), `${groups}/clusters?pageNum=2&itemsPerPage=3&includeCount=false`, { accept: CLUSTERS_V2 });
    const href = (n: number): string => `${base()}${groups}/clusters?pageNum=${n}&itemsPerPage=3&includeCount=false`;
    expect(page.body).toEqual({
      links: [
        { href: href(2), rel: 'self' },
        { href: href(1), rel: 'previous' },
        { href: href(3), rel: 'next' },
      ],
      results: all.results.slice(3, 6),
    });
    const last = (await get(base(), `${groups}/clusters?pageNum=3&itemsPerPage=3`, { accept: CLUSTERS_V2 })).body as { results: unknown[]; links: { rel: string }[]; totalCount: number };
    expect([last.results, last.links.map((l) => l.rel), last.totalCount]).toEqual([all.results.slice(6), ['self', 'previous'], 7]);
  });

  it('lists the flex clusters as the flex lookup describes them', async () => {
    const reply = await get(base(), `${groups}/flexClusters`, { accept: FLEX_V2 });
    const names = [DEMO.clusters.FLEX, DEMO.today.formerM2];
    const lookups = await Promise.all(names.map(async (name) => (await get(base(), `${groups}/flexClusters/${name}`, { accept: FLEX_V2 })).body));
    expect(reply.body).toEqual({ links: [{ href: `${base()}${groups}/flexClusters`, rel: 'self' }], results: lookups, totalCount: 2 });
  });

  it('lists a flex cluster made through the clusters API in both lists (a TENANT cluster of effective size FLEX in the first)', async () => {
    const flex = sim().seed.projects[0]!.clusters.find((c) => c.name === DEMO.clusters.FLEX)!;
    flex.description = { viaClustersApi: true };
    const clusters = (await get(base(), `${groups}/clusters`, { accept: CLUSTERS_V2 })).body as { results: { name: string; replicationSpecs: unknown[] }[] };
    const entry = clusters.results.find((c) => c.name === DEMO.clusters.FLEX)!;
    expect(entry.replicationSpecs).toEqual([expect.objectContaining({ regionConfigs: [{ electableSpecs: { effectiveInstanceSize: 'FLEX' }, priority: 7, providerName: 'TENANT' }] })]);
    expect((await get(base(), `${groups}/clusters/${DEMO.clusters.FLEX}`, { accept: CLUSTERS_V2 })).body).toEqual(entry);
    const flexList = (await get(base(), `${groups}/flexClusters`, { accept: FLEX_V2 })).body as { results: { name: string }[] };
    expect(flexList.results.map((c) => c.name)).toEqual([DEMO.clusters.FLEX, DEMO.today.formerM2]);
  });

  it('answers an unknown project, a wrong Accept, a bad page, a bad group id and a write with Atlas errors', async () => {
    const cases: [string, string, string, ReturnType<typeof apiError>][] = [
      ['GET', `/api/atlas/v2/groups/${UNKNOWN_PROJECT}/clusters`, CLUSTERS_V2, apiError(404, 'GROUP_NOT_FOUND', `No group with ID ${UNKNOWN_PROJECT} exists.`, 'Not Found')],
      ['GET', `/api/atlas/v2/groups/${UNKNOWN_PROJECT}/flexClusters`, FLEX_V2, apiError(404, 'GROUP_NOT_FOUND', `No group with ID ${UNKNOWN_PROJECT} exists.`, 'Not Found')],
      ['GET', `${groups}/clusters`, V2, apiError(406, 'INVALID_VERSION_DATE', 'Invalid accept header or version date.', 'Not Acceptable')],
      ['GET', `${groups}/flexClusters`, CLUSTERS_V2, apiError(406, 'INVALID_VERSION_DATE', 'Invalid accept header or version date.', 'Not Acceptable')],
      ['GET', `/api/atlas/v2/groups/nope/clusters`, CLUSTERS_V2, apiError(400, 'INVALID_GROUP_ID', 'An invalid group ID nope was specified.', 'Bad Request')],
    ];
    for (const [method, path, accept, body] of cases) {
      expect([path, (await get(base(), path, { accept }, method)).body]).toEqual([path, body]);
    }
    const badPage = await get(base(), `${groups}/clusters?itemsPerPage=501`, { accept: CLUSTERS_V2 });
    expect([badPage.status, (badPage.body as { errorCode: string }).errorCode]).toEqual([400, 'INVALID_QUERY_PARAMETER']);
    const post = await get(base(), `${groups}/clusters`, { accept: CLUSTERS_V2 }, 'POST', '{}');
    expect([post.status, (post.body as { errorCode: string }).errorCode]).toEqual([405, 'METHOD_NOT_ALLOWED']);
  });

  it("honours a seeded misbehaviour: the cluster's restore-job reads answer 500 (or hang), its lookup and the lists do not", async () => {
    const cloud = sim().seed.projects[0]!.clusters.find((c) => c.name === DEMO.clusters.CLOUD_BACKUP)!;
    cloud.misbehaves = { restoreJobs: 'error' };
    const jobs = `${groups}/clusters/${DEMO.clusters.CLOUD_BACKUP}/backup/restoreJobs`;
    const statuses = [
      (await get(base(), jobs, { accept: V2 })).status,
      (await get(base(), `${jobs}/${cloud.cloudBackup![0]!.id!}`, { accept: V2 })).status,
      (await get(base(), `${groups}/clusters/${DEMO.clusters.CLOUD_BACKUP}`, { accept: CLUSTERS_V2 })).status,
      (await get(base(), `${groups}/clusters`, { accept: CLUSTERS_V2 })).status,
      (await get(base(), `${groups}/clusters/${DEMO.today.sharded}/backup/restoreJobs`, { accept: V2 })).status,
    ];
    expect(statuses).toEqual([500, 500, 200, 200, 200]);
    cloud.misbehaves = { restoreJobs: 'hang', hangMs: 60_000 };
    const controller = new AbortController();
    const hung = fetch(`${base()}${jobs}`, { headers: { accept: V2 }, signal: controller.signal }).then(
      () => 'answered',
      () => 'aborted',
    );
    // The hung call is recorded with no answer while the others go on.
    for (let i = 0; i < 200 && sim().calls.filter((c) => c.path === jobs).length < 2; i += 1) await new Promise((r) => setTimeout(r, 10));
    expect((await get(base(), `${groups}/clusters`, { accept: CLUSTERS_V2 })).status).toBe(200);
    expect(sim().calls.filter((c) => c.path === jobs).map((c) => c.status)).toEqual([500, 0]);
    controller.abort();
    expect(await hung).toBe('aborted');
  });
});
