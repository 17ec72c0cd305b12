import { request } from 'undici';
import { DEMO } from '../../src/simulator';
import { EDGE_CASES, OTHER_PROJECT } from '../support/seeds';
import { apiError, FLEX_V2, get, onV1, seedCluster as cluster, send, useClockedSimulator, useSimulator, V2 } from '../support/simulatorHttp';

const P = DEMO.projectId;

describe('routes', () => {
  const { sim, base } = useSimulator();

  it('serves one job of each kind, v2 with the versioned media type', async () => {
    const cases: [string, string, unknown][] = [
      [`/api/atlas/v2/groups/${P}/clusters/legacy-cluster-0/restoreJobs`, V2, cluster(P, 'legacy-cluster-0').legacy![3]],
      [`/api/atlas/v2/groups/${P}/clusters/m2-cluster-0/backup/tenant/restores`, V2, cluster(P, 'm2-cluster-0').tenant![7]],
      [`/api/atlas/v2/groups/${P}/flexClusters/flex-cluster-0/backup/restoreJobs`, FLEX_V2, cluster(P, 'flex-cluster-0').flex![2]],
      [`/api/atlas/v2/groups/${P}/serverless/serverless-0/backup/restoreJobs`, V2, cluster(P, 'serverless-0').serverless![4]],
    ];
    for (const [list, accept, job] of cases) {
      const id = (job as { id: string }).id;
      expect(await get(base(), `${list}/${id}`, { accept })).toEqual({ status: 200, contentType: accept, wwwAuthenticate: undefined, body: job });
    }
  });

  it('serves v1.0 as application/json, with or without Accept, and has no v1.0 flex', async () => {
    const job = cluster(P, 'serverless-0').serverless![0]!;
    const path = `/api/atlas/v1.0/groups/${P}/serverless/serverless-0/backup/restoreJobs/${job.id}`;
    // The seeded job, linking to its v1.0 URL as Atlas's v1.0 answers do.
    const links = [{ href: `https://cloud.mongodb.com${path}`, rel: 'self' }];
    expect(job.links).toEqual([{ href: `https://cloud.mongodb.com/api/atlas/v2/groups/${P}/serverless/serverless-0/backup/restoreJobs/${job.id}`, rel: 'self' }]);
    expect(await get(base(), path)).toEqual({ status: 200, contentType: 'application/json', wwwAuthenticate: undefined, body: { ...job, links } });
    expect((await get(base(), path, { accept: 'application/json' })).status).toBe(200);
    expect((await get(base(), path, { accept: V2 })).status).toBe(406);
    const flex = `/api/atlas/v1.0/groups/${P}/flexClusters/flex-cluster-0/backup/restoreJobs`;
    expect((await get(base(), flex, { accept: 'application/json' })).body).toEqual(
      apiError(404, 'RESOURCE_NOT_FOUND', `Cannot find resource ${flex}.`, 'Not Found'),
    );
  });

  it('answers a missing or wrong Accept on v2 with 406 INVALID_VERSION_DATE', async () => {
    const legacy = `/api/atlas/v2/groups/${P}/clusters/legacy-cluster-0/restoreJobs`;
    const flex = `/api/atlas/v2/groups/${P}/flexClusters/flex-cluster-0/backup/restoreJobs`;
    const notAcceptable = {
      status: 406,
      contentType: 'application/json',
      wwwAuthenticate: undefined,
      body: apiError(406, 'INVALID_VERSION_DATE', 'Invalid accept header or version date.', 'Not Acceptable'),
    };
    expect(await get(base(), legacy)).toEqual(notAcceptable);
    expect(await get(base(), legacy, { accept: 'application/json' })).toEqual(notAcceptable);
    expect(await get(base(), flex, { accept: V2 })).toEqual(notAcceptable);
    expect((await get(base(), flex, { accept: `${FLEX_V2}, application/json` })).status).toBe(200);
    expect(sim().calls.map((c) => [c.accept, c.status])).toEqual([
      [undefined, 406],
      ['application/json', 406],
      [V2, 406],
      [`${FLEX_V2}, application/json`, 200],
    ]);
  });

  it('answers errors with Atlas error bodies and codes', async () => {
    const v2 = `/api/atlas/v2/groups`;
    const other = '5f5f5f5f5f5f5f5f5f5f5f5f';
    const cases: [string, ReturnType<typeof apiError>, string?][] = [
      [`${v2}/${other}/clusters/legacy-cluster-0/restoreJobs`, apiError(404, 'GROUP_NOT_FOUND', `No group with ID ${other} exists.`, 'Not Found')],
      [`${v2}/not-a-group/clusters/legacy-cluster-0/restoreJobs`, apiError(400, 'INVALID_GROUP_ID', 'An invalid group ID not-a-group was specified.', 'Bad Request')],
      [`${v2}/${P}/clusters/nope/restoreJobs`, apiError(404, 'CLUSTER_NOT_FOUND', `No cluster named nope exists in group ${P}.`, 'Not Found')],
      [`${v2}/${P}/clusters/m2-cluster-0/restoreJobs`, apiError(404, 'CLUSTER_NOT_FOUND', `No cluster named m2-cluster-0 exists in group ${P}.`, 'Not Found')],
      [
        `${v2}/${P}/clusters/legacy-cluster-0/backup/tenant/restores`,
        apiError(400, 'NOT_SERVERLESS_TENANT_CLUSTER', 'Cluster legacy-cluster-0 is not a shared-tier (M2/M5) cluster.', 'Bad Request'),
      ],
      [`${v2}/${P}/clusters/flex-cluster-0/backup/tenant/restores`, apiError(404, 'CLUSTER_NOT_FOUND', `No cluster named flex-cluster-0 exists in group ${P}.`, 'Not Found')],
      [
        `${v2}/${P}/flexClusters/serverless-0/backup/restoreJobs`,
        apiError(404, 'FLEX_CLUSTER_NOT_FOUND', `Flex cluster serverless-0 cannot be found in group ${P}.`, 'Not Found'),
        FLEX_V2,
      ],
      [
        `${v2}/${P}/serverless/flex-cluster-0/backup/restoreJobs`,
        apiError(404, 'SERVERLESS_INSTANCE_NOT_FOUND', `No serverless instance named flex-cluster-0 exists in group ${P}.`, 'Not Found'),
      ],
      [
        `${v2}/${P}/clusters/legacy-cluster-0/restoreJobs/${'0'.repeat(24)}`,
        apiError(404, 'RESTORE_JOB_NOT_FOUND', `No restore job with ID ${'0'.repeat(24)} exists in legacy-cluster-0.`, 'Not Found'),
      ],
      [
        `${v2}/${P}/clusters/m2-cluster-0/backup/tenant/restores/${'0'.repeat(24)}`,
        apiError(404, 'BACKUP_RESTORE_NOT_FOUND', `No restore job with ID ${'0'.repeat(24)} exists in m2-cluster-0.`, 'Not Found'),
      ],
      // (`/clusters` itself is listGroupClusters, simulator.clusterLists.test.ts.)
      [`${v2}/${P}/databaseUsers`, apiError(404, 'RESOURCE_NOT_FOUND', `Cannot find resource ${v2}/${P}/databaseUsers.`, 'Not Found')],
    ];
    for (const [path, body, accept] of cases) {
      expect({ path, reply: await get(base(), path, { accept: accept ?? V2 }) }).toEqual({
        path,
        reply: { status: body.error, contentType: 'application/json', wwwAuthenticate: undefined, body },
      });
    }
  });

  it('answers a method the path does not take with 405, naming the ones it does in Allow', async () => {
    const legacy = `/api/atlas/v2/groups/${P}/clusters/legacy-cluster-0/restoreJobs`;
    const flexJob = `/api/atlas/v2/groups/${P}/flexClusters/flex-cluster-0/backup/restoreJobs/${'0'.repeat(24)}`;
    const replies = [];
    for (const [method, path] of [['PUT', legacy], ['DELETE', legacy], ['DELETE', flexJob], ['PATCH', `/api/atlas/v2/groups/${P}/clusters/legacy-cluster-0`]] as const) {
      const res = await request(`${base()}${path}`, { method, headers: { accept: V2, 'content-type': V2 }, body: '{}' });
      replies.push({ status: res.statusCode, allow: res.headers.allow, body: await res.body.json() });
    }
    expect(replies).toEqual([
      { status: 405, allow: 'GET, POST', body: apiError(405, 'METHOD_NOT_ALLOWED', `Method PUT is not allowed on ${legacy}.`, 'Method Not Allowed') },
      { status: 405, allow: 'GET, POST', body: apiError(405, 'METHOD_NOT_ALLOWED', `Method DELETE is not allowed on ${legacy}.`, 'Method Not Allowed') },
      { status: 405, allow: 'GET', body: apiError(405, 'METHOD_NOT_ALLOWED', `Method DELETE is not allowed on ${flexJob}.`, 'Method Not Allowed') },
      { status: 405, allow: 'GET', body: apiError(405, 'METHOD_NOT_ALLOWED', `Method PATCH is not allowed on /api/atlas/v2/groups/${P}/clusters/legacy-cluster-0.`, 'Method Not Allowed') },
    ]);
  });
});

describe('paging', () => {
  const { sim, base } = useSimulator();
  const list = `/api/atlas/v2/groups/${P}/clusters/big-cluster/restoreJobs`;
  const jobs = cluster(P, 'big-cluster').legacy!;

  it('slices [(pageNum-1)*itemsPerPage, pageNum*itemsPerPage) with self, previous and next links', async () => {
    expect((await get(base(), `${list}?pageNum=3&itemsPerPage=100&pretty=true`, { accept: V2 })).body).toEqual({
      links: [
        { href: `${base()}${list}?pageNum=3&itemsPerPage=100&pretty=true`, rel: 'self' },
        { href: `${base()}${list}?pageNum=2&itemsPerPage=100&pretty=true`, rel: 'previous' },
        { href: `${base()}${list}?pageNum=4&itemsPerPage=100&pretty=true`, rel: 'next' },
      ],
      results: jobs.slice(200, 300),
      totalCount: 1250,
    });
  });

  it('defaults to page 1 of 100, ends without next, and omits totalCount when includeCount=false', async () => {
    expect((await get(base(), list, { accept: V2 })).body).toEqual({
      links: [
        { href: `${base()}${list}`, rel: 'self' },
        { href: `${base()}${list}?pageNum=2`, rel: 'next' },
      ],
      results: jobs.slice(0, 100),
      totalCount: 1250,
    });
    expect((await get(base(), `${list}?itemsPerPage=500&pageNum=3&includeCount=false`, { accept: V2 })).body).toEqual({
      links: [
        { href: `${base()}${list}?itemsPerPage=500&pageNum=3&includeCount=false`, rel: 'self' },
        { href: `${base()}${list}?itemsPerPage=500&pageNum=2&includeCount=false`, rel: 'previous' },
      ],
      results: jobs.slice(1000, 1250),
    });
    expect((await get(base(), `${list}?itemsPerPage=500&pageNum=4`, { accept: V2 })).body).toEqual({
      links: [
        { href: `${base()}${list}?itemsPerPage=500&pageNum=4`, rel: 'self' },
        { href: `${base()}${list}?itemsPerPage=500&pageNum=3`, rel: 'previous' },
      ],
      results: [],
      totalCount: 1250,
    });
  });

  it('refuses out-of-range or non-integer paging with 400 INVALID_QUERY_PARAMETER', async () => {
    const cases: [string, string][] = [
      ['pageNum=0', 'Invalid value "0" for query parameter pageNum: expected an integer >= 1.'],
      ['pageNum=1.5', 'Invalid value "1.5" for query parameter pageNum: expected an integer >= 1.'],
      ['itemsPerPage=501', 'Invalid value "501" for query parameter itemsPerPage: expected an integer from 1 to 500.'],
      ['itemsPerPage=', 'Invalid value "" for query parameter itemsPerPage: expected an integer from 1 to 500.'],
      ['includeCount=yes', 'Invalid value "yes" for query parameter includeCount: expected true or false.'],
    ];
    for (const [query, detail] of cases) {
      expect(await get(base(), `${list}?${query}`, { accept: V2 })).toEqual({
        status: 400,
        contentType: 'application/json',
        wwwAuthenticate: undefined,
        body: apiError(400, 'INVALID_QUERY_PARAMETER', detail, 'Bad Request'),
      });
    }
  });

  it('filters the legacy list by batchId', async () => {
    const legacy = cluster(P, 'legacy-cluster-0').legacy!;
    const batchId = legacy.find((j) => j.batchId)!.batchId!;
    const reply = await get(base(), `/api/atlas/v2/groups/${P}/clusters/legacy-cluster-0/restoreJobs?batchId=${batchId}`, { accept: V2 });
    expect((reply.body as { results: unknown[] }).results).toEqual(legacy.filter((j) => j.batchId === batchId));
    expect((reply.body as { totalCount: number }).totalCount).toBe(3);
  });

  it('returns every shared-tier job in one list, ignoring paging parameters', async () => {
    const path = `/api/atlas/v1.0/groups/${P}/clusters/m2-cluster-0/backup/tenant/restores?pageNum=2&itemsPerPage=5&includeCount=false`;
    expect(await get(base(), path, { accept: 'application/json' })).toEqual({
      status: 200,
      contentType: 'application/json',
      wwwAuthenticate: undefined,
      body: { links: [{ href: `${base()}${path}`, rel: 'self' }], results: onV1(cluster(P, 'm2-cluster-0').tenant), totalCount: 25 },
    });
    expect(sim().calls).toEqual([
      {
        method: 'GET',
        path: `/api/atlas/v1.0/groups/${P}/clusters/m2-cluster-0/backup/tenant/restores`,
        query: { pageNum: '2', itemsPerPage: '5', includeCount: 'false' },
        accept: 'application/json',
        authorization: undefined,
        status: 200,
      },
    ]);
  });
});

describe('other projects', () => {
  const { base } = useSimulator();

  it('serves the second project and the empty clusters', async () => {
    const reply = await get(base(), `/api/atlas/v2/groups/${OTHER_PROJECT.projectId}/clusters/${OTHER_PROJECT.clusters.LEGACY_BACKUP}/restoreJobs`, { accept: V2 });
    expect((reply.body as { totalCount: number }).totalCount).toBe(3);
    const empty = `/api/atlas/v2/groups/${EDGE_CASES.projectId}/serverless/${EDGE_CASES.emptyClusters.SERVERLESS}/backup/restoreJobs`;
    expect((await get(base(), empty, { accept: V2 })).body).toEqual({ links: [{ href: `${base()}${empty}`, rel: 'self' }], results: [], totalCount: 0 });
  });
});

describe('latency', () => {
  const { sim, base } = useSimulator({ latencyMs: 5 });

  it('still serves every request, unknown query parameters ignored', async () => {
    const path = `/api/atlas/v1.0/groups/${P}/clusters/legacy-cluster-0/restoreJobs?envelope=false&pretty=false&whatever=1&itemsPerPage=2`;
    const reply = await get(base(), path, { accept: 'application/json' });
    expect([reply.status, (reply.body as { results: unknown[] }).results]).toEqual([200, onV1(cluster(P, 'legacy-cluster-0').legacy!.slice(0, 2))]);
    expect(sim().calls.map((c) => c.query)).toEqual([{ envelope: 'false', pretty: 'false', whatever: '1', itemsPerPage: '2' }]);
  });
});

describe('latency: a read is built when it arrives, a write acts after the wait', () => {
  const T0 = Date.UTC(2026, 1, 2, 9, 0, 0);
  const STEP = 10_000;
  const { sim, base, clock } = useClockedSimulator(T0, STEP);
  const backup = `/api/atlas/v2/groups/${DEMO.projectId}/flexClusters/${DEMO.clusters.FLEX}/backup`;
  /** Resolves once the simulator has received a request of `method` (bounded: 2 s). */
  const arrived = async (method: string): Promise<void> => {
    for (let i = 0; i < 200 && !sim().calls.some((c) => c.method === method); i += 1) await new Promise((r) => setTimeout(r, 10));
  };
  const statusOf = (reply: { body: unknown }): string => (reply.body as { status: string }).status;

  it('answers a read as Atlas stood when it arrived, and holds the answer until the latency is over', async () => {
    const created = await send(base(), 'POST', `${backup}/restoreJobs`, FLEX_V2, { snapshotId: sim().snapshots.completedId(DEMO.projectId, DEMO.clusters.FLEX), targetDeploymentItemName: DEMO.today.formerM2 });
    const id = (created.body as { id: string }).id;
    sim().calls.length = 0;
    sim().setLatency(1_000);
    const reading = get(base(), `${backup}/restoreJobs/${id}`, { accept: FLEX_V2 });
    await arrived('GET');
    clock.ms = T0 + STEP; // the job is QUEUED from now on
    await new Promise((r) => setTimeout(r, 50));
    expect(sim().calls.map((c) => c.status)).toEqual([0]);
    expect([statusOf(await reading), sim().calls.map((c) => c.status)]).toEqual(['PENDING', [200]]);
    sim().setLatency(0);
    expect(statusOf(await get(base(), `${backup}/restoreJobs/${id}`, { accept: FLEX_V2 }))).toBe('QUEUED');
  });

  it('creates a job only once a write has waited out the latency', async () => {
    sim().setLatency(1_000);
    const before = sim().jobs.all().length;
    const creating = send(base(), 'POST', `${backup}/restoreJobs`, FLEX_V2, { snapshotId: sim().snapshots.completedId(DEMO.projectId, DEMO.clusters.FLEX), targetDeploymentItemName: DEMO.today.formerM2 });
    await arrived('POST');
    expect(sim().jobs.all().length).toBe(before);
    expect([(await creating).status, sim().jobs.all().length]).toEqual([200, before + 1]);
  });
});
