import { createHash } from 'node:crypto';
import { Agent, request } from 'undici';
import {
  AtlasSimulator,
  DEMO,
  DigestVerifier,
  EDGE_CASES,
  OTHER_PROJECT,
  bigClusterJobId,
  createSeed,
  type SeedCluster,
  type SimulatorOptions,
} from '../../src/simulator';

const V2 = 'application/vnd.atlas.2023-01-01+json';
const FLEX_V2 = 'application/vnd.atlas.2024-11-13+json';
const P = DEMO.projectId;

interface Reply {
  status: number;
  contentType: string | undefined;
  wwwAuthenticate: string | undefined;
  body: unknown;
}

const agent = new Agent({ keepAliveTimeout: 1000 });
afterAll(() => agent.close());

async function get(base: string, path: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<Reply> {
  const res = await request(`${base}${path}`, { method: method as 'GET', headers, dispatcher: agent, ...(body === undefined ? {} : { body }) });
  const text = await res.body.text();
  const header = (name: string): string | undefined => {
    const value = res.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  };
  return { status: res.statusCode, contentType: header('content-type'), wwwAuthenticate: header('www-authenticate'), body: text === '' ? '' : JSON.parse(text) };
}

/** Starts a simulator for one test and stops it afterwards. */
function useSimulator(options?: SimulatorOptions): { sim: () => AtlasSimulator; base: () => string } {
  let sim: AtlasSimulator;
  let base = '';
  beforeEach(async () => {
    sim = new AtlasSimulator(options);
    base = await sim.start(0);
  });
  afterEach(() => sim.stop());
  return { sim: () => sim, base: () => base };
}

function cluster(projectId: string, name: string): SeedCluster {
  const found = createSeed()
    .projects.find((p) => p.id === projectId)
    ?.clusters.find((c) => c.name === name);
  if (!found) throw new Error(`no seed cluster ${name}`);
  return found;
}

const apiError = (error: number, errorCode: string, detail: string, reason: string) => ({ detail, error, errorCode, reason });

describe('seed', () => {
  it('is deterministic, with unique 24-hex job ids', () => {
    const seed = createSeed();
    expect(createSeed()).toEqual(seed);
    const ids = seed.projects.flatMap((p) =>
      p.clusters.flatMap((c) => [...(c.legacy ?? []), ...(c.tenant ?? []), ...(c.flex ?? []), ...(c.serverless ?? []), ...(c.cloudBackup ?? [])].map((j) => j.id)),
    );
    expect(ids.length).toBe(1364);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !/^[a-f0-9]{24}$/.test(id ?? ''))).toEqual([]);
  });

  it('holds what the demo banner names', () => {
    const demo = createSeed().projects.find((p) => p.id === DEMO.projectId)!;
    expect(demo.clusters.map((c) => [c.name, c.kind])).toEqual([
      ['legacy-cluster-0', 'LEGACY_BACKUP'],
      ['m2-cluster-0', 'SHARED_TIER'],
      ['flex-cluster-0', 'FLEX'],
      ['serverless-0', 'SERVERLESS'],
      ['big-cluster', 'LEGACY_BACKUP'],
      ['dedicated-cluster-0', 'CLOUD_BACKUP'],
      ['sharded-cluster-0', 'CLOUD_BACKUP'],
      ['m2-now-flex-0', 'FLEX'],
      ['serverless-now-dedicated-0', 'CLOUD_BACKUP'],
      ['free-cluster-0', 'FREE'],
    ]);
    expect([DEMO.clusters.CLOUD_BACKUP, DEMO.today.sharded, DEMO.today.formerM2, DEMO.today.formerServerless, DEMO.today.free]).toEqual([
      'dedicated-cluster-0',
      'sharded-cluster-0',
      'm2-now-flex-0',
      'serverless-now-dedicated-0',
      'free-cluster-0',
    ]);
    const big = cluster(P, DEMO.bigCluster.name).legacy!;
    expect(big.length).toBe(DEMO.bigCluster.jobCount);
    expect([big[0]!.id, big[1249]!.id]).toEqual([bigClusterJobId(0), bigClusterJobId(1249)]);
    expect(bigClusterJobId(1249)).toBe('66b16c0000000000000004e1');
    expect(cluster(P, DEMO.clusters.SHARED_TIER).tenant!.length).toBe(25);
  });

  it('covers every status and delivery type of each kind', () => {
    const uniq = (values: (string | undefined)[]): string[] => [...new Set(values.map(String))].sort();
    const legacy = cluster(P, DEMO.clusters.LEGACY_BACKUP).legacy!;
    expect(uniq(legacy.map((j) => j.statusName))).toEqual(['BROKEN', 'FINISHED', 'IN_PROGRESS', 'KILLED']);
    expect(uniq(legacy.map((j) => j.delivery.methodName))).toEqual([
      'AUTOMATED_RESTORE',
      'CLIENT_PIT_HTTP',
      'CLIENT_PIT_SCP',
      'HTTP',
      'QUERY',
      'SCP',
      'THIRD_PARTY_COPY',
    ]);
    expect(uniq(legacy.map((j) => j.delivery.statusName))).toEqual([
      'EXPIRED',
      'FAILED',
      'INTERRUPTED',
      'IN_PROGRESS',
      'MAX_DOWNLOADS_EXCEEDED',
      'NOT_STARTED',
      'PENDING',
      'READY',
    ]);
    const tenant = cluster(P, DEMO.clusters.SHARED_TIER).tenant!;
    const flex = cluster(P, DEMO.clusters.FLEX).flex!;
    for (const jobs of [tenant, flex]) {
      expect(uniq(jobs.map((j) => j.status))).toEqual(['COMPLETED', 'FAILED', 'PENDING', 'QUEUED', 'RUNNING']);
      expect(uniq(jobs.map((j) => j.deliveryType))).toEqual(['DOWNLOAD', 'RESTORE']);
      expect(jobs.filter((j) => j.deliveryType === 'DOWNLOAD' && !(j.snapshotUrl && j.expirationDate))).toEqual([]);
    }
    const serverless = cluster(P, DEMO.clusters.SERVERLESS).serverless!;
    expect(uniq(serverless.map((j) => j.deliveryType))).toEqual(['automated', 'download', 'pointInTime']);
    const flags = uniq(serverless.map((j) => `${j.cancelled}/${j.failed}/${j.expired}/${j.finishedAt !== undefined}`));
    expect(flags).toEqual(['false/false/false/false', 'false/false/false/true', 'false/false/true/true', 'false/true/false/true', 'true/false/false/false', 'true/true/false/true']);
  });

  it('keeps odd bodies apart from the demo data', () => {
    expect(cluster(EDGE_CASES.projectId, EDGE_CASES.clusters.FLEX).flex!.map((j) => [j.status, j.deliveryType])).toEqual([
      ['ARCHIVED', 'DOWNLOAD'],
      ['COMPLETED', 'TELEPORT'],
      [undefined, undefined],
    ]);
    expect(cluster(EDGE_CASES.projectId, EDGE_CASES.emptyClusters.SERVERLESS).serverless).toEqual([]);
  });
});

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
    expect(await get(base(), path)).toEqual({ status: 200, contentType: 'application/json', wwwAuthenticate: undefined, body: job });
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
      [`${v2}/${P}/clusters`, apiError(404, 'RESOURCE_NOT_FOUND', `Cannot find resource ${v2}/${P}/clusters.`, 'Not Found')],
    ];
    for (const [path, body, accept] of cases) {
      expect({ path, reply: await get(base(), path, { accept: accept ?? V2 }) }).toEqual({
        path,
        reply: { status: body.error, contentType: 'application/json', wwwAuthenticate: undefined, body },
      });
    }
  });

  it('answers other methods with 405', async () => {
    const path = `/api/atlas/v2/groups/${P}/clusters/legacy-cluster-0/restoreJobs`;
    expect(await get(base(), path, { accept: V2, 'content-type': 'application/json' }, 'POST', '{}')).toEqual({
      status: 405,
      contentType: 'application/json',
      wwwAuthenticate: undefined,
      body: apiError(405, 'METHOD_NOT_ALLOWED', `Method POST is not allowed on ${path}.`, 'Method Not Allowed'),
    });
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
      body: { links: [{ href: `${base()}${path}`, rel: 'self' }], results: cluster(P, 'm2-cluster-0').tenant, totalCount: 25 },
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

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

function nonceOf(challenge: string | undefined): string {
  return /nonce="([^"]+)"/.exec(challenge ?? '')?.[1] ?? 'none';
}

function digestHeader(o: { user: string; password: string; nonce: string; uri: string; nc: number; realm?: string }): string {
  const realm = o.realm ?? 'MMS Public API';
  const nc = o.nc.toString(16).padStart(8, '0');
  const cnonce = `cn${o.nc}`;
  const response = md5(`${md5(`${o.user}:${realm}:${o.password}`)}:${o.nonce}:${nc}:${cnonce}:auth:${md5(`GET:${o.uri}`)}`);
  return `Digest username="${o.user}", realm="${realm}", nonce="${o.nonce}", uri="${o.uri}", algorithm=MD5, response="${response}", qop=auth, nc=${nc}, cnonce="${cnonce}"`;
}

describe('digest auth', () => {
  const { sim, base } = useSimulator({ auth: { mode: 'digest', publicKey: 'pubkey', privateKey: 'secret', nonceMaxUses: 3 } });
  const uri = `/api/atlas/v2/groups/${P}/clusters/legacy-cluster-0/restoreJobs?itemsPerPage=1`;
  const challengePattern = /^Digest realm="MMS Public API", domain="", nonce="[A-Za-z0-9_-]+", algorithm=MD5, qop="auth", stale=(true|false)$/;
  const unauthorized = apiError(401, 'UNAUTHORIZED', 'You are not authorized for this resource.', 'Unauthorized');

  async function challenge(): Promise<string> {
    const reply = await get(base(), uri, { accept: V2 });
    expect({ status: reply.status, body: reply.body, challenge: challengePattern.test(reply.wwwAuthenticate ?? '') }).toEqual({
      status: 401,
      body: unauthorized,
      challenge: true,
    });
    return nonceOf(reply.wwwAuthenticate);
  }

  const call = (authorization: string, path = uri) => get(base(), path, { accept: V2, authorization });

  it('challenges, then accepts a correct response with an increasing nc', async () => {
    const nonce = await challenge();
    expect((await call(digestHeader({ user: 'pubkey', password: 'secret', nonce, uri, nc: 1 }))).status).toBe(200);
    expect((await call(digestHeader({ user: 'pubkey', password: 'secret', nonce, uri, nc: 2 }))).status).toBe(200);
    expect({ challenges: sim().digestChallenges, statuses: sim().calls.map((c) => c.status) }).toEqual({ challenges: 1, statuses: [401, 200, 200] });
  });

  it('refuses a wrong password, user, realm or uri with stale=false', async () => {
    const nonce = await challenge();
    const other = `/api/atlas/v2/groups/${P}/clusters/legacy-cluster-0/restoreJobs`;
    const headers = [
      digestHeader({ user: 'pubkey', password: 'wrong', nonce, uri, nc: 1 }),
      digestHeader({ user: 'someone', password: 'secret', nonce, uri, nc: 1 }),
      digestHeader({ user: 'pubkey', password: 'secret', nonce, uri, nc: 1, realm: 'other' }),
      digestHeader({ user: 'pubkey', password: 'secret', nonce, uri: other, nc: 1 }),
    ];
    for (const header of headers) {
      const reply = await call(header);
      expect([reply.status, reply.body, /stale=false$/.test(reply.wwwAuthenticate ?? '')]).toEqual([401, unauthorized, true]);
    }
  });

  it('refuses a replayed nc, and by default accepts an unused lower one (concurrent requests arrive out of order)', async () => {
    const nonce = await challenge();
    const statuses: number[] = [];
    for (const nc of [2, 2, 1, 1]) statuses.push((await call(digestHeader({ user: 'pubkey', password: 'secret', nonce, uri, nc }))).status);
    expect(statuses).toEqual([200, 401, 200, 401]);
    expect(sim().digestChallenges).toBe(3);
  });

  it('marks a used-up nonce stale and accepts the fresh one', async () => {
    const nonce = await challenge();
    for (const nc of [1, 2, 3]) expect((await call(digestHeader({ user: 'pubkey', password: 'secret', nonce, uri, nc }))).status).toBe(200);
    const stale = await call(digestHeader({ user: 'pubkey', password: 'secret', nonce, uri, nc: 4 }));
    expect([stale.status, challengePattern.exec(stale.wwwAuthenticate ?? '')?.[1]]).toEqual([401, 'true']);
    const fresh = nonceOf(stale.wwwAuthenticate);
    expect(fresh).not.toBe(nonce);
    expect((await call(digestHeader({ user: 'pubkey', password: 'secret', nonce: fresh, uri, nc: 1 }))).status).toBe(200);
    // A wrong password on a used-up nonce is still a wrong password.
    const wrong = await call(digestHeader({ user: 'pubkey', password: 'nope', nonce, uri, nc: 5 }));
    expect(challengePattern.exec(wrong.wwwAuthenticate ?? '')?.[1]).toBe('false');
  });
});

describe('digest auth with a strict nonce count', () => {
  const { base } = useSimulator({ auth: { mode: 'digest', publicKey: 'pubkey', privateKey: 'secret', ncWindow: 0 } });
  const uri = `/api/atlas/v2/groups/${P}/serverless/serverless-0/backup/restoreJobs`;

  it('refuses a lower nc with stale=false', async () => {
    const nonce = nonceOf((await get(base(), uri, { accept: V2 })).wwwAuthenticate);
    const replies: [number, boolean][] = [];
    for (const nc of [1, 3, 2, 4]) {
      const reply = await get(base(), uri, { accept: V2, authorization: digestHeader({ user: 'pubkey', password: 'secret', nonce, uri, nc }) });
      replies.push([reply.status, /stale=false$/.test(reply.wwwAuthenticate ?? 'stale=false')]);
    }
    expect(replies).toEqual([
      [200, true],
      [200, true],
      [401, true],
      [200, true],
    ]);
  });
});

describe('DigestVerifier', () => {
  it('makes a nonce stale after nonceTtlMs, but only for a correct digest', () => {
    let now = 1_000_000;
    const verifier = new DigestVerifier({ publicKey: 'pk', privateKey: 'sk', nonceTtlMs: 60_000, now: () => now });
    const nonce = nonceOf(verifier.challenge(false));
    const uri = '/api/atlas/v2/groups/x';
    const header = (nc: number, password = 'sk') => digestHeader({ user: 'pk', password, nonce, uri, nc });
    expect(verifier.verify('GET', uri, header(1))).toEqual({ ok: true });
    now += 60_001;
    expect(verifier.verify('GET', uri, header(2))).toEqual({ ok: false, stale: true, reason: 'expired-nonce' });
    expect(verifier.verify('GET', uri, header(3, 'wrong'))).toEqual({ ok: false, stale: false, reason: 'wrong-response' });
    expect(verifier.verify('GET', uri, undefined)).toEqual({ ok: false, stale: false, reason: 'missing' });
    expect(verifier.verify('POST', uri, header(4))).toEqual({ ok: false, stale: false, reason: 'wrong-response' });
    expect(verifier.challenges).toBe(1);
  });

  it('calls a correct digest over a nonce it never issued stale', () => {
    const verifier = new DigestVerifier({ publicKey: 'pk', privateKey: 'sk' });
    const uri = '/x?y=1';
    expect(verifier.verify('GET', uri, digestHeader({ user: 'pk', password: 'sk', nonce: 'from-an-earlier-run', uri, nc: 1 }))).toEqual({
      ok: false,
      stale: true,
      reason: 'unknown-nonce',
    });
  });
});

describe('bearer auth and the token endpoint', () => {
  const { sim, base } = useSimulator({ auth: { mode: 'bearer', clientId: 'mdb_sa_id_1', clientSecret: 'mdb_sa_sk_2', tokenTtlSeconds: 600, acceptedTokens: ['static-token'] } });
  const path = `/api/atlas/v2/groups/${P}/serverless/serverless-0/backup/restoreJobs?itemsPerPage=1`;
  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
  const token = (authorization: string, body = 'grant_type=client_credentials') =>
    get(base(), '/api/oauth/token', { authorization, 'content-type': 'application/x-www-form-urlencoded' }, 'POST', body);

  it('issues tokens for the right client and accepts them', async () => {
    const reply = await token(basic('mdb_sa_id_1', 'mdb_sa_sk_2'));
    const body = reply.body as { access_token: string };
    expect(reply).toEqual({
      status: 200,
      contentType: 'application/json',
      wwwAuthenticate: undefined,
      body: { access_token: body.access_token, token_type: 'Bearer', expires_in: 600 },
    });
    expect(body.access_token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect((await get(base(), path, { accept: V2, authorization: `Bearer ${body.access_token}` })).status).toBe(200);
    expect((await get(base(), path, { accept: V2, authorization: 'Bearer static-token' })).status).toBe(200);
    expect({ tokenRequests: sim().tokenRequests, calls: sim().calls.map((c) => [c.path, c.status]) }).toEqual({
      tokenRequests: 1,
      calls: [
        [`/api/atlas/v2/groups/${P}/serverless/serverless-0/backup/restoreJobs`, 200],
        [`/api/atlas/v2/groups/${P}/serverless/serverless-0/backup/restoreJobs`, 200],
      ],
    });
  });

  it('refuses wrong client credentials, a wrong grant and unknown tokens', async () => {
    expect((await token(basic('mdb_sa_id_1', 'wrong'))).body).toEqual({ error: 'invalid_client' });
    expect((await token('')).status).toBe(401);
    expect(await token(basic('mdb_sa_id_1', 'mdb_sa_sk_2'), 'grant_type=password')).toEqual({
      status: 400,
      contentType: 'application/json',
      wwwAuthenticate: undefined,
      body: { error: 'unsupported_grant_type' },
    });
    expect(await get(base(), path, { accept: V2, authorization: 'Bearer made-up' })).toEqual({
      status: 401,
      contentType: 'application/json',
      wwwAuthenticate: 'Bearer realm="MMS Public API"',
      body: apiError(401, 'UNAUTHORIZED', 'You are not authorized for this resource.', 'Unauthorized'),
    });
    expect((await get(base(), path, { accept: V2 })).status).toBe(401);
    expect(sim().tokenRequests).toBe(3);
  });
});

describe('faults', () => {
  const { sim, base } = useSimulator();
  const path = `/api/atlas/v2/groups/${P}/flexClusters/flex-cluster-0/backup/restoreJobs`;

  it('replies with the injected status as often as told, then serves normally', async () => {
    sim().inject({ match: (c) => c.path === path, times: 2, status: 503 });
    sim().inject({ status: 429, body: 'slow down', headers: { 'Retry-After': '7', 'Content-Type': 'text/plain' } });
    const first = await get(base(), path, { accept: FLEX_V2 });
    expect(first).toEqual({
      status: 503,
      contentType: 'application/json',
      wwwAuthenticate: undefined,
      body: apiError(503, 'SERVICE_UNAVAILABLE', 'Simulated fault.', 'Service Unavailable'),
    });
    expect((await get(base(), path, { accept: FLEX_V2 })).status).toBe(503);
    const res = await request(`${base()}${path}`, { headers: { accept: FLEX_V2 }, dispatcher: agent });
    expect([res.statusCode, res.headers['retry-after'], await res.body.text()]).toEqual([429, '7', 'slow down']);
    expect((await get(base(), path, { accept: FLEX_V2 })).status).toBe(200);
    expect(sim().calls.map((c) => c.status)).toEqual([503, 503, 429, 200]);
  });

  it('resets the connection, and a hang ends when the simulator stops', async () => {
    sim().inject({ destroy: true });
    await expect(get(base(), path, { accept: FLEX_V2 })).rejects.toThrow();
    sim().inject({ delayMs: Infinity });
    const hung = get(base(), path, { accept: FLEX_V2 });
    hung.catch(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    while (sim().calls.length < 2) await new Promise((resolve) => setImmediate(resolve));
    await sim().stop();
    await expect(hung).rejects.toThrow();
    expect(sim().calls.map((c) => c.status)).toEqual([0, 0]);
  });

  it('clearFaults removes pending faults', async () => {
    sim().inject({ times: Infinity, status: 500 });
    expect((await get(base(), path, { accept: FLEX_V2 })).status).toBe(500);
    sim().clearFaults();
    expect((await get(base(), path, { accept: FLEX_V2 })).status).toBe(200);
    sim().resetCalls();
    expect(sim().calls).toEqual([]);
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
    expect([reply.status, (reply.body as { results: unknown[] }).results]).toEqual([200, cluster(P, 'legacy-cluster-0').legacy!.slice(0, 2)]);
    expect(sim().calls.map((c) => c.query)).toEqual([{ envelope: 'false', pretty: 'false', whatever: '1', itemsPerPage: '2' }]);
  });
});

describe("today's Atlas: Cloud Backup, cluster lookups, migrated clusters", () => {
  const { sim, base } = useSimulator();
  const CLUSTERS_V2 = 'application/vnd.atlas.2024-08-05+json';
  const groups = `/api/atlas/v2/groups/${P}`;

  it('serves Cloud Backup jobs paged with pageNum/itemsPerPage and one by id, as 2023-01-01, v2 only', async () => {
    const jobs = cluster(P, DEMO.clusters.CLOUD_BACKUP).cloudBackup!;
    const list = `${groups}/clusters/${DEMO.clusters.CLOUD_BACKUP}/backup/restoreJobs`;
    const page = await get(base(), `${list}?pageNum=2&itemsPerPage=5`, { accept: V2 });
    expect(page).toEqual({
      status: 200,
      contentType: V2,
      wwwAuthenticate: undefined,
      body: {
        links: [
          { href: `${base()}${list}?pageNum=2&itemsPerPage=5`, rel: 'self' },
          { href: `${base()}${list}?pageNum=1&itemsPerPage=5`, rel: 'previous' },
          { href: `${base()}${list}?pageNum=3&itemsPerPage=5`, rel: 'next' },
        ],
        results: jobs.slice(5, 10),
        totalCount: 12,
      },
    });
    expect((await get(base(), `${list}/${jobs[3]!.id}`, { accept: V2 })).body).toEqual(jobs[3]);
    expect((await get(base(), list.replace('/v2/', '/v1.0/'), { accept: 'application/json' })).status).toBe(404);
    expect(sim().calls.map((c) => c.status)).toEqual([200, 200, 404]);
  });

  it('seeds every flag combination and delivery type, sharded jobs with components, some downloads not ready', () => {
    const uniq = (values: unknown[]): string[] => [...new Set(values.map(String))].sort();
    const jobs = cluster(P, DEMO.clusters.CLOUD_BACKUP).cloudBackup!;
    expect(uniq(jobs.map((j) => j.deliveryType))).toEqual(['automated', 'download', 'pointInTime']);
    expect(uniq(jobs.map((j) => `${j.cancelled}/${j.failed}/${j.expired}/${j.finishedAt !== undefined}`))).toEqual([
      'false/false/false/false',
      'false/false/false/true',
      'false/false/true/true',
      'false/true/false/true',
      'true/false/false/false',
    ]);
    expect(uniq(jobs.map((j) => `${j.deliveryType}:${(j.deliveryUrl ?? []).length}/${(j.privateDownloadDeliveryUrls ?? []).length}`))).toEqual([
      'automated:0/0',
      'download:0/0',
      'download:0/1',
      'download:1/0',
      'download:1/1',
      'pointInTime:0/0',
    ]);
    const sharded = cluster(P, DEMO.today.sharded).cloudBackup!;
    expect(sharded.map((j) => [j.deliveryType, (j.components ?? []).map((c) => [c.replicaSetName, c.downloadUrl !== undefined])])).toEqual([
      ['download', [['sharded-cluster-0-shard-0', true], ['sharded-cluster-0-shard-1', false], ['sharded-cluster-0-config-0', false]]],
      ['download', [['sharded-cluster-0-shard-0', true], ['sharded-cluster-0-shard-1', true], ['sharded-cluster-0-config-0', true]]],
      ['automated', [['sharded-cluster-0-shard-0', false], ['sharded-cluster-0-shard-1', false], ['sharded-cluster-0-config-0', false]]],
    ]);
  });

  it('describes a dedicated cluster as ClusterDescription20240805', async () => {
    const reply = await get(base(), `${groups}/clusters/${DEMO.today.sharded}`, { accept: CLUSTERS_V2 });
    const spec = { id: expect.stringMatching(/^[a-f0-9]{24}$/), regionConfigs: [{ electableSpecs: { instanceSize: 'M40', nodeCount: 3 }, priority: 7, providerName: 'AWS' }], zoneId: expect.stringMatching(/^[a-f0-9]{24}$/), zoneName: 'Zone 1' };
    expect(reply).toEqual({
      status: 200,
      contentType: CLUSTERS_V2,
      wwwAuthenticate: undefined,
      body: {
        backupEnabled: true,
        clusterType: 'SHARDED',
        createDate: '2024-01-02T03:04:05Z',
        groupId: P,
        id: expect.stringMatching(/^[a-f0-9]{24}$/),
        links: [{ href: `https://cloud.mongodb.com/api/atlas/v2/groups/${P}/clusters/${DEMO.today.sharded}`, rel: 'self' }],
        mongoDBVersion: '8.0.4',
        name: DEMO.today.sharded,
        paused: false,
        pitEnabled: false,
        replicationSpecs: [spec, spec],
        stateName: 'IDLE',
        terminationProtectionEnabled: false,
      },
    });
  });

  it.each([
    [DEMO.clusters.LEGACY_BACKUP, false, 'AWS', { instanceSize: 'M30', nodeCount: 3 }],
    [DEMO.today.formerServerless, true, 'GCP', { instanceSize: 'M10', nodeCount: 3 }],
    [DEMO.clusters.SHARED_TIER, true, 'TENANT', { effectiveInstanceSize: 'M2', instanceSize: 'M2' }],
    [DEMO.today.free, false, 'TENANT', { effectiveInstanceSize: 'M0', instanceSize: 'M0' }],
  ])('describes %s: backupEnabled %s, %s %j', async (name, backupEnabled, providerName, electableSpecs) => {
    const body = (await get(base(), `${groups}/clusters/${name}`, { accept: CLUSTERS_V2 })).body as Record<string, unknown>;
    expect([body.backupEnabled, body.replicationSpecs]).toEqual([
      backupEnabled,
      [expect.objectContaining({ regionConfigs: [{ electableSpecs, priority: 7, providerName }] })],
    ]);
  });

  it('describes a flex cluster (a former M2 too) through the flex API only', async () => {
    const reply = await get(base(), `${groups}/flexClusters/${DEMO.today.formerM2}`, { accept: FLEX_V2 });
    expect(reply).toEqual({
      status: 200,
      contentType: FLEX_V2,
      wwwAuthenticate: undefined,
      body: {
        backupSettings: { enabled: true },
        clusterType: 'REPLICASET',
        createDate: '2025-02-01T00:00:00Z',
        groupId: P,
        id: expect.stringMatching(/^[a-f0-9]{24}$/),
        links: [{ href: `https://cloud.mongodb.com/api/atlas/v2/groups/${P}/flexClusters/${DEMO.today.formerM2}`, rel: 'self' }],
        mongoDBVersion: '8.0.4',
        name: DEMO.today.formerM2,
        providerSettings: { backingProviderName: 'AWS', diskSizeGB: 5, providerName: 'FLEX', regionName: 'US_EAST_1' },
        stateName: 'IDLE',
        terminationProtectionEnabled: false,
      },
    });
  });

  it('answers the lookups and the restore APIs of migrated, free and foreign clusters with Atlas error codes', async () => {
    const tenant = (name: string, v = 'v2') => `/api/atlas/${v}/groups/${P}/clusters/${name}/backup/tenant/restores`;
    const cases: [string, string, ReturnType<typeof apiError>][] = [
      [`${groups}/clusters/${DEMO.clusters.FLEX}`, CLUSTERS_V2, apiError(400, 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API', `Cluster ${DEMO.clusters.FLEX} is a flex cluster: use the flex cluster API.`, 'Bad Request')],
      [`${groups}/clusters/${DEMO.today.formerM2}`, CLUSTERS_V2, apiError(400, 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API', `Cluster ${DEMO.today.formerM2} is a flex cluster: use the flex cluster API.`, 'Bad Request')],
      [`${groups}/clusters/${DEMO.clusters.SERVERLESS}`, CLUSTERS_V2, apiError(400, 'CANNOT_USE_SERVERLESS_INSTANCE_IN_CLUSTER_API', `${DEMO.clusters.SERVERLESS} is a serverless instance: use the serverless instance API.`, 'Bad Request')],
      [`${groups}/clusters/nope`, CLUSTERS_V2, apiError(404, 'CLUSTER_NOT_FOUND', `No cluster named nope exists in group ${P}.`, 'Not Found')],
      [`${groups}/clusters/nope`, V2, apiError(406, 'INVALID_VERSION_DATE', 'Invalid accept header or version date.', 'Not Acceptable')],
      [`${groups}/flexClusters/${DEMO.clusters.CLOUD_BACKUP}`, FLEX_V2, apiError(400, 'CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API', `Cluster ${DEMO.clusters.CLOUD_BACKUP} is not a flex cluster: use the cluster API.`, 'Bad Request')],
      [`${groups}/flexClusters/nope`, FLEX_V2, apiError(404, 'FLEX_CLUSTER_NOT_FOUND', `Flex cluster nope cannot be found in group ${P}.`, 'Not Found')],
      [tenant(DEMO.today.formerM2), V2, apiError(410, 'VERSION_GONE', 'This happens when a resource is marked for sunset and the sunset date is in the past.', 'Gone')],
      [tenant(DEMO.today.formerM2, 'v1.0'), 'application/json', apiError(410, 'VERSION_GONE', 'This happens when a resource is marked for sunset and the sunset date is in the past.', 'Gone')],
      [tenant(DEMO.clusters.CLOUD_BACKUP), V2, apiError(400, 'NOT_SERVERLESS_TENANT_CLUSTER', `Cluster ${DEMO.clusters.CLOUD_BACKUP} is not a shared-tier (M2/M5) cluster.`, 'Bad Request')],
      [`${groups}/serverless/${DEMO.today.formerServerless}/backup/restoreJobs`, V2, apiError(400, 'CANNOT_USE_CLUSTER_IN_SERVERLESS_INSTANCE_API', `Cluster ${DEMO.today.formerServerless} is a cluster, not a serverless instance: use the cluster API.`, 'Bad Request')],
      [`${groups}/flexClusters/${DEMO.clusters.CLOUD_BACKUP}/backup/restoreJobs`, FLEX_V2, apiError(400, 'CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API', `Cluster ${DEMO.clusters.CLOUD_BACKUP} is not a flex cluster: use the cluster API.`, 'Bad Request')],
      [`${groups}/clusters/${DEMO.today.free}/backup/restoreJobs`, V2, apiError(400, 'FEATURE_UNSUPPORTED', `Cloud Backup is not available for the tenant cluster ${DEMO.today.free}.`, 'Bad Request')],
      [`${groups}/clusters/${DEMO.clusters.FLEX}/backup/restoreJobs`, V2, apiError(400, 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API', `Cluster ${DEMO.clusters.FLEX} is a flex cluster: use the flex cluster API.`, 'Bad Request')],
      [`${groups}/clusters/nope/backup/restoreJobs`, V2, apiError(404, 'CLUSTER_NOT_FOUND', `No cluster named nope exists in group ${P}.`, 'Not Found')],
    ];
    for (const [path, accept, body] of cases) {
      expect({ path, reply: await get(base(), path, { accept }) }).toEqual({
        path,
        reply: { status: body.error, contentType: 'application/json', wwwAuthenticate: undefined, body },
      });
    }
  });

  it("serves the migrated clusters' jobs from their successor APIs; a Legacy Backup cluster has no Cloud Backup jobs", async () => {
    const flexList = `${groups}/flexClusters/${DEMO.today.formerM2}/backup/restoreJobs`;
    expect((await get(base(), flexList, { accept: FLEX_V2 })).body).toMatchObject({ results: cluster(P, DEMO.today.formerM2).flex, totalCount: 3 });
    const cbList = `${groups}/clusters/${DEMO.today.formerServerless}/backup/restoreJobs`;
    expect((await get(base(), cbList, { accept: V2 })).body).toMatchObject({ results: cluster(P, DEMO.today.formerServerless).cloudBackup, totalCount: 2 });
    const legacy = `${groups}/clusters/${DEMO.clusters.LEGACY_BACKUP}/backup/restoreJobs`;
    expect((await get(base(), legacy, { accept: V2 })).body).toMatchObject({ results: [], totalCount: 0 });
  });
});
