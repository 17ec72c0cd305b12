import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bannerLines } from '../../src/banner';
import { DEFAULT_CACHE } from '../../src/config';
import type { RestoreJobKind } from '../../src/restoreJobs/RestoreJobKind';
import { createDemoSeed, DEMO } from '../../src/simulator';
import { BIG_PROJECT, buildBigProject } from '../../src/simulator/demoBigProject';
import type { SeedCluster, SeedProject } from '../../src/simulator/SeedData';
import { startHarness, type GraphQLResponse, type Harness } from '../support/harness';

const P = BIG_PROJECT.projectId;
const UNKNOWN_PROJECT = '000000000000000000000000';

/** A job as the tests select it. */
interface Row {
  jobId: string;
  clusterName: string;
  kind: RestoreJobKind;
}

/**
 * The oracle: every job of the project's clusters, from the simulator's seed (not through the gateway), newest first
 * by the ObjectId's second, then cluster name, then job id, both descending. Legacy Backup lists only when asked; a
 * free cluster and one with backups off hold none.
 */
function seedRows(project: SeedProject, options: { legacy?: boolean; kinds?: RestoreJobKind[]; clusters?: string[]; without?: string[] } = {}): Row[] {
  const rows: Row[] = [];
  const add = (cluster: SeedCluster, kind: RestoreJobKind, jobs: { id?: string }[] | undefined): void => {
    if (options.kinds && !options.kinds.includes(kind)) return;
    for (const job of jobs ?? []) rows.push({ jobId: job.id!, clusterName: cluster.name, kind });
  };
  for (const cluster of project.clusters) {
    if (cluster.kind === 'FREE' || options.without?.includes(cluster.name)) continue;
    if (options.clusters && !options.clusters.includes(cluster.name)) continue;
    if (cluster.description?.backupEnabled !== false) {
      add(cluster, 'CLOUD_BACKUP', cluster.cloudBackup);
      add(cluster, 'FLEX', cluster.flex);
      add(cluster, 'SHARED_TIER', cluster.tenant);
    }
    if (options.legacy) add(cluster, 'LEGACY_BACKUP', cluster.legacy);
  }
  const desc = (a: string, b: string): number => (a < b ? 1 : a > b ? -1 : 0);
  return rows.sort((a, b) => desc(a.jobId.slice(0, 8), b.jobId.slice(0, 8)) || desc(a.clusterName, b.clusterName) || desc(a.jobId, b.jobId));
}

const PAGE = `
  query Page($projectId: ObjectID!, $first: Int, $after: String, $filter: ProjectRestoreJobFilter) {
    projectRestoreJobs(projectId: $projectId, first: $first, after: $after, filter: $filter) {
      nodes { jobId clusterName kind }
      pageInfo { hasNextPage hasPreviousPage endCursor }
      clustersSearched
      failures { clusterName kind code message }
    }
  }`;

interface PageData {
  nodes: Row[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
  clustersSearched: number;
  failures: { clusterName: string; kind: string; code: string; message: string }[];
}

function pageOf(r: GraphQLResponse): PageData {
  expect(r.errors).toBeUndefined();
  return (r.data as { projectRestoreJobs: PageData }).projectRestoreJobs;
}

/** The restore-job list calls the simulator answered (cluster lists and everything else left out), by cluster. */
function jobListCalls(h: Harness): { cluster: string; pageNum: number; itemsPerPage: number }[] {
  return h.sim.calls
    .map((c) => ({ c, m: /^\/api\/atlas\/v2\/groups\/[^/]+\/(?:clusters|flexClusters)\/([^/]+)\/(?:backup\/restoreJobs|backup\/tenant\/restores|restoreJobs)$/.exec(c.path) }))
    .filter(({ m }) => m !== null)
    .map(({ c, m }) => ({ cluster: m![1]!, pageNum: Number(c.query.pageNum ?? 1), itemsPerPage: Number(c.query.itemsPerPage ?? 0) }));
}

function clusterListCalls(h: Harness): number {
  return h.sim.calls.filter((c) => /^\/api\/atlas\/v2\/groups\/[^/]+\/(clusters|flexClusters)$/.test(c.path)).length;
}

/** The big project without its two misbehaving clusters (their reads work), for the tests that are not about failures. */
function healthyProject(): SeedProject {
  const project = buildBigProject();
  for (const cluster of project.clusters) delete cluster.misbehaves;
  return project;
}

describe('projectRestoreJobs over the demo big project (issue 13, item 3)', () => {
  let h: Harness;
  const project = healthyProject();
  beforeAll(async () => {
    h = await startHarness({ simulator: { seed: { projects: [project] } } });
  });
  afterAll(() => h.stop());
  beforeEach(() => {
    h.sim.resetCalls();
    h.sim.clearFaults();
  });

  it('the first page of 50: the newest jobs across clusters and kinds, two cluster lists and one list call per cluster', async () => {
    const expected = seedRows(project);
    const r = await h.query(PAGE, { projectId: P, first: 50 });
    const page = pageOf(r);
    expect({ ...page, pageInfo: { ...page.pageInfo, endCursor: typeof page.pageInfo.endCursor } }).toEqual({
      nodes: expected.slice(0, 50),
      pageInfo: { hasNextPage: true, hasPreviousPage: false, endCursor: 'string' },
      // 32 clusters: two free ones and one with backups off are skipped.
      clustersSearched: 29,
      failures: [],
    });
    // Across kinds: the page interleaves Cloud Backup, flex and shared-tier jobs.
    expect(new Set(page.nodes.map((n) => n.kind))).toEqual(new Set(['CLOUD_BACKUP', 'FLEX', 'SHARED_TIER']));
    const calls = jobListCalls(h);
    expect(clusterListCalls(h)).toBe(2);
    expect(calls.length).toBe(29);
    expect(new Set(calls.map((c) => c.cluster)).size).toBe(29);
    expect(clusterListCalls(h) + calls.length).toBeLessThanOrEqual(2 + 30);
  });

  it('the next page reads only the clusters that still have jobs, each from where it stood', async () => {
    const expected = seedRows(project);
    const first = pageOf(await h.query(PAGE, { projectId: P, first: 50 }));
    h.sim.resetCalls();
    const second = pageOf(await h.query(PAGE, { projectId: P, first: 50, after: first.pageInfo.endCursor }));
    expect(second.nodes).toEqual(expected.slice(50, 100));
    expect(second.pageInfo.hasPreviousPage).toBe(true);
    const servedBefore = new Map<string, number>();
    for (const n of first.nodes) servedBefore.set(n.clusterName, (servedBefore.get(n.clusterName) ?? 0) + 1);
    const totals = new Map<string, number>();
    for (const row of expected) totals.set(row.clusterName, (totals.get(row.clusterName) ?? 0) + 1);
    const stillHaveJobs = [...totals].filter(([name, total]) => total > (servedBefore.get(name) ?? 0)).map(([name]) => name);
    const calls = jobListCalls(h);
    // The cluster lists are remembered (60 s): no call; then at most one call per cluster that still has jobs.
    expect(clusterListCalls(h)).toBe(0);
    expect(calls.map((c) => c.cluster).sort()).toEqual([...stillHaveJobs].sort());
    // Each read holds the cluster's next unread job: the position, not a re-read from the top. (The shared-tier list
    // has no paging: it is read whole.)
    expect(calls.filter((c) => c.itemsPerPage === 0).map((c) => c.cluster)).toEqual([BIG_PROJECT.sharedTier]);
    for (const call of calls.filter((c) => c.itemsPerPage > 0)) {
      const offset = servedBefore.get(call.cluster) ?? 0;
      expect({ cluster: call.cluster, starts: (call.pageNum - 1) * call.itemsPerPage <= offset, holds: call.pageNum * call.itemsPerPage > offset }).toEqual({
        cluster: call.cluster,
        starts: true,
        holds: true,
      });
    }
  });

  it('a walk of every page returns every job once, in order, against the sum of the clusters\' lists', async () => {
    const expected = seedRows(project);
    const seen: Row[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 20; pages += 1) {
      h.sim.resetCalls();
      const page: PageData = pageOf(await h.query(PAGE, { projectId: P, first: 200, after }));
      const calls = jobListCalls(h);
      expect(new Set(calls.map((c) => c.cluster)).size).toBe(calls.length);
      seen.push(...page.nodes);
      after = page.pageInfo.endCursor;
      if (!page.pageInfo.hasNextPage) break;
    }
    expect(seen.length).toBe(expected.length);
    expect(seen).toEqual(expected);
  });

  it('filters by kind, status and cluster name, reading only the lists the filter can match', async () => {
    const flexOnly = pageOf(await h.query(PAGE, { projectId: P, first: 500, filter: { kinds: ['FLEX'] } }));
    expect(flexOnly.nodes).toEqual(seedRows(project, { kinds: ['FLEX'] }));
    expect({ searched: flexOnly.clustersSearched, calls: jobListCalls(h).length }).toEqual({ searched: 7, calls: 7 });

    h.sim.resetCalls();
    const named = pageOf(await h.query(PAGE, { projectId: P, first: 500, filter: { clusterNames: ['prod-rs-3', 'flex-1', 'm5-tenant-0'] } }));
    expect(named.nodes).toEqual(seedRows(project, { clusters: ['prod-rs-3', 'flex-1', 'm5-tenant-0'] }));
    expect(jobListCalls(h).map((c) => c.cluster).sort()).toEqual(['flex-1', 'm5-tenant-0', 'prod-rs-3']);

    const STATUS = `query($f: ProjectRestoreJobFilter, $after: String) { projectRestoreJobs(projectId: "${P}", first: 500, filter: $f, after: $after) {
      nodes { jobId status } pageInfo { hasNextPage endCursor } } }`;
    const walk = async (filter: unknown): Promise<{ jobId: string; status: string }[]> => {
      const out: { jobId: string; status: string }[] = [];
      let after: string | null = null;
      for (let i = 0; i < 20; i += 1) {
        const r = await h.query(STATUS, { f: filter, after });
        expect(r.errors).toBeUndefined();
        const c = (r.data as { projectRestoreJobs: { nodes: { jobId: string; status: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }).projectRestoreJobs;
        out.push(...c.nodes);
        if (!c.pageInfo.hasNextPage) break;
        after = c.pageInfo.endCursor;
      }
      return out;
    };
    const everything = await walk(null);
    const failedOrCancelled = await walk({ statuses: ['FAILED', 'CANCELLED'] });
    expect(failedOrCancelled.length).toBeGreaterThan(20);
    expect(failedOrCancelled).toEqual(everything.filter((j) => j.status === 'FAILED' || j.status === 'CANCELLED'));
  });

  it('Legacy Backup jobs only with includeLegacyBackup: a dedicated cluster without any is no failure', async () => {
    const without = pageOf(await h.query(PAGE, { projectId: P, first: 500, filter: { clusterNames: BIG_PROJECT.legacyToo } }));
    expect(without.nodes.some((n) => n.kind === 'LEGACY_BACKUP')).toBe(false);
    const expected = seedRows(project, { legacy: true, kinds: ['LEGACY_BACKUP'] });
    expect(expected.length).toBe(45 + 12 + 105);
    const legacy: Row[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i += 1) {
      const page: PageData = pageOf(await h.query(PAGE, { projectId: P, first: 100, after, filter: { includeLegacyBackup: true, kinds: ['LEGACY_BACKUP'] } }));
      // Every dedicated cluster's Legacy Backup list is read; those that never used it answer 404: no jobs, no failure.
      expect(page.failures).toEqual([]);
      legacy.push(...page.nodes);
      after = page.pageInfo.endCursor;
      if (!page.pageInfo.hasNextPage) break;
    }
    expect(legacy).toEqual(expected);
    const mixed = pageOf(await h.query(PAGE, { projectId: P, first: 500, filter: { includeLegacyBackup: true, clusterNames: ['migrated-legacy-1'] } }));
    expect(mixed.nodes).toEqual(seedRows(project, { legacy: true, clusters: ['migrated-legacy-1'] }));
    expect(new Set(mixed.nodes.map((n) => n.kind))).toEqual(new Set(['CLOUD_BACKUP', 'LEGACY_BACKUP']));
  });

  it('refuses LEGACY_BACKUP in kinds without includeLegacyBackup, an empty list and a bad cluster name (BAD_USER_INPUT, no call)', async () => {
    const r = await h.query(`{
      a: projectRestoreJobs(projectId: "${P}", filter: { kinds: [LEGACY_BACKUP] }) { clustersSearched }
      b: projectRestoreJobs(projectId: "${P}", filter: { statuses: [] }) { clustersSearched }
      c: projectRestoreJobs(projectId: "${P}", first: -1) { clustersSearched }
    }`);
    expect(r).toEqual({
      data: { a: null, b: null, c: null },
      errors: [
        {
          message: 'filter.kinds names LEGACY_BACKUP: set filter.includeLegacyBackup to true to read Legacy Backup lists.',
          locations: [{ line: 2, column: 7 }],
          path: ['a'],
          extensions: { code: 'BAD_USER_INPUT', argument: 'filter' },
        },
        {
          message: 'filter.statuses is empty, so nothing would match: leave it out to match every value.',
          locations: [{ line: 3, column: 7 }],
          path: ['b'],
          extensions: { code: 'BAD_USER_INPUT', argument: 'filter' },
        },
        {
          message: '`first` must be a non-negative integer, got -1.',
          locations: [{ line: 4, column: 7 }],
          path: ['c'],
          extensions: { code: 'BAD_USER_INPUT', argument: 'first' },
        },
      ],
    });
    expect(h.sim.calls).toEqual([]);
  });

  it('a bad cursor is BAD_USER_INPUT saying why, and so is a cursor of another filter or of restoreJobs', async () => {
    const first = pageOf(await h.query(PAGE, { projectId: P, first: 3 }));
    const q = `query($after: String, $filter: ProjectRestoreJobFilter) { projectRestoreJobs(projectId: "${P}", after: $after, filter: $filter) { clustersSearched } }`;
    const refused = (why: string) => ({
      data: { projectRestoreJobs: null },
      errors: [
        {
          message: `\`after\` is not a cursor of this connection: ${why}.`,
          locations: [{ line: 1, column: 59 }],
          path: ['projectRestoreJobs'],
          extensions: { code: 'BAD_USER_INPUT', argument: 'after' },
        },
      ],
    });
    expect(await h.query(q, { after: 'not a cursor' })).toEqual(refused('it is not the base64url text this connection hands out'));
    expect(await h.query(q, { after: Buffer.from('{"v":1,"b":"x","l":[]').toString('base64url') })).toEqual(refused('its content is not JSON'));
    expect(await h.query(q, { after: first.pageInfo.endCursor, filter: { kinds: ['FLEX'] } })).toEqual(refused('it was made for another project or another filter'));
    expect(await h.query(q, { after: Buffer.from('rjc1:20').toString('base64url') })).toEqual(refused('its content is not JSON'));
  });

  it('an unknown project is NOT_FOUND and nulls only its own field', async () => {
    const r = await h.query(`{
      unknown: projectRestoreJobs(projectId: "${UNKNOWN_PROJECT}") { clustersSearched }
      known: projectRestoreJobs(projectId: "${P}", first: 1) { nodes { jobId } }
    }`);
    expect(r).toEqual({
      data: { unknown: null, known: { nodes: [{ jobId: seedRows(project)[0]!.jobId }] } },
      errors: [
        {
          message: 'Atlas has no such resource.',
          locations: [{ line: 2, column: 7 }],
          path: ['unknown'],
          extensions: {
            code: 'NOT_FOUND',
            atlas: { status: 404, errorCode: 'GROUP_NOT_FOUND', detail: `No group with ID ${UNKNOWN_PROJECT} exists.` },
          },
        },
      ],
    });
  });
});

describe('projectRestoreJobs when clusters fail, and its bounds', () => {
  it('a cluster answering 500, one hanging past the per-cluster limit and one refused (403) are failures; the page is served', async () => {
    const project = buildBigProject();
    const h = await startHarness({ simulator: { seed: { projects: [project] } }, project: { clusterTimeoutMs: 2_000 } });
    try {
      h.sim.inject({ match: ({ path }) => path.includes('/clusters/prod-rs-5/'), status: 403, times: Infinity });
      const broken = ['failing-rs-0', 'hanging-rs-0', 'prod-rs-5'];
      const page = pageOf(await h.query(PAGE, { projectId: P, first: 50 }));
      expect(page).toEqual({
        nodes: seedRows(project, { without: broken }).slice(0, 50),
        pageInfo: { hasNextPage: true, hasPreviousPage: false, endCursor: page.pageInfo.endCursor },
        clustersSearched: 26,
        failures: [
          { clusterName: 'failing-rs-0', kind: 'CLOUD_BACKUP', code: 'UPSTREAM_ERROR', message: 'Atlas failed with HTTP 500.' },
          { clusterName: 'hanging-rs-0', kind: 'CLOUD_BACKUP', code: 'UPSTREAM_TIMEOUT', message: 'Atlas did not answer in time.' },
          { clusterName: 'prod-rs-5', kind: 'CLOUD_BACKUP', code: 'FORBIDDEN', message: 'The credentials may not read this resource.' },
        ],
      });
      // A failed cluster keeps its place: once it answers, the next page reads it from its start.
      h.sim.clearFaults();
      h.sim.resetCalls();
      const next = pageOf(await h.query(PAGE, { projectId: P, first: 50, after: page.pageInfo.endCursor }));
      expect(next.failures.map((f) => f.clusterName)).toEqual(['failing-rs-0', 'hanging-rs-0']);
      expect(jobListCalls(h).filter((c) => c.cluster === 'prod-rs-5')).toEqual([{ cluster: 'prod-rs-5', pageNum: 1, itemsPerPage: 51 }]);
    } finally {
      await h.stop();
    }
  }, 20_000);

  it('an open circuit breaker is a failure of the page, with no call', async () => {
    const h = await startHarness({ simulator: { seed: { projects: [buildBigProject()] } }, breaker: { failureThreshold: 1, cooldownMs: 600_000 } });
    try {
      const opened = pageOf(await h.query(PAGE, { projectId: P, filter: { clusterNames: ['failing-rs-0'] } }));
      expect(opened.failures.map((f) => f.code)).toEqual(['UPSTREAM_ERROR']);
      h.sim.resetCalls();
      const page = pageOf(await h.query(PAGE, { projectId: P, first: 5, filter: { clusterNames: ['prod-rs-0', 'flex-0'] } }));
      expect(page.failures).toEqual([
        { clusterName: 'prod-rs-0', kind: 'CLOUD_BACKUP', code: 'UPSTREAM_UNAVAILABLE', message: 'Atlas is failing on this route; the gateway is not calling it for now.' },
      ]);
      expect(page.nodes.map((n) => n.clusterName)).toEqual(['flex-0', 'flex-0', 'flex-0', 'flex-0', 'flex-0']);
      expect(jobListCalls(h).map((c) => c.cluster)).toEqual(['flex-0']);
    } finally {
      await h.stop();
    }
  });

  it.each([
    [3, 3],
    [8, 8],
  ])('PROJECT_FANOUT=%i: at most %i list calls in flight at once (counted by the simulator)', async (fanOut, peak) => {
    const h = await startHarness({ simulator: { seed: { projects: [healthyProject()] } }, project: { fanOut } });
    try {
      await h.query(PAGE, { projectId: P, first: 1 }); // the cluster lists, remembered from now on
      h.sim.setLatency(25);
      h.sim.resetCalls();
      const page = pageOf(await h.query(PAGE, { projectId: P, first: 50 }));
      expect({ searched: page.clustersSearched, calls: jobListCalls(h).length, peak: h.sim.peakInFlight }).toEqual({ searched: 29, calls: 29, peak });
    } finally {
      await h.stop();
    }
  });

  it('a 200-job page over 40 clusters passes the default GRAPHQL_MAX_COST; a page that would read more than PROJECT_MAX_CLUSTERS is refused', async () => {
    const project = healthyProject();
    // 11 more flex clusters (no jobs yet): 40 clusters that can hold jobs, 43 in all.
    for (let i = 0; i < 11; i += 1) project.clusters.push({ name: `extra-flex-${i}`, kind: 'FLEX' });
    const h = await startHarness({ simulator: { seed: { projects: [project] } } });
    try {
      const page = pageOf(await h.query(PAGE, { projectId: P, first: 200 }));
      expect({ searched: page.clustersSearched, count: page.nodes.length, failures: page.failures }).toEqual({ searched: 40, count: 200, failures: [] });
      expect(page.nodes).toEqual(seedRows(project).slice(0, 200));
      project.clusters.push({ name: 'extra-flex-11', kind: 'FLEX' });
    } finally {
      await h.stop();
    }
    const over = await startHarness({ simulator: { seed: { projects: [project] } } });
    try {
      expect(await over.query(`{ projectRestoreJobs(projectId: "${P}") { clustersSearched } }`)).toEqual({
        data: { projectRestoreJobs: null },
        errors: [
          {
            message:
              'This page would read the restore jobs of 41 clusters; one page reads at most 40 (PROJECT_MAX_CLUSTERS). Narrow it with filter.clusterNames or filter.kinds.',
            locations: [{ line: 1, column: 3 }],
            path: ['projectRestoreJobs'],
            extensions: { code: 'BAD_USER_INPUT', argument: 'filter' },
          },
        ],
      });
      // Only the two cluster lists were read.
      expect(over.sim.calls.map((c) => c.path.split('/').at(-1))).toEqual(['clusters', 'flexClusters']);
    } finally {
      await over.stop();
    }
  });

  it('the cost counts a list call per cluster a page may read: over GRAPHQL_MAX_COST it is refused before any call', async () => {
    const h = await startHarness({ simulator: { seed: { projects: [healthyProject()] } }, limits: { maxCost: 1_000 } });
    try {
      const r = await h.post(`{ projectRestoreJobs(projectId: "${P}", first: 200, filter: { includeLegacyBackup: true }) { clustersSearched } }`);
      expect({ status: r.status, body: r.body }).toEqual({
        status: 400,
        body: {
          errors: [
            {
              message: 'Query cost limit of 1000 exceeded, found 1020 (200 items, 82 upstream calls at 10 each).',
              extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'cost', max: 1000 },
            },
          ],
        },
      });
      expect(h.sim.calls).toEqual([]);
    } finally {
      await h.stop();
    }
  });
});

describe('projectRestoreJobs with a sparse status filter', () => {
  it('a page the filter leaves empty still says where to go on (endCursor), and the next page finds the match', async () => {
    const project = healthyProject();
    const cluster = project.clusters.find((c) => c.name === 'prod-rs-0')!;
    const template = cluster.cloudBackup!.find((j) => j.finishedAt && !j.failed && !j.cancelled)!;
    const newest = Date.UTC(2026, 0, 26, 12, 0, 0) / 1000;
    cluster.cloudBackup = Array.from({ length: 600 }, (_, i) => ({
      ...template,
      id: `${(newest - i * 60).toString(16)}c0ffee5eed${i.toString(16).padStart(6, '0')}`,
      cancelled: false,
      expired: false,
      failed: i === 550,
    }));
    const h = await startHarness({ simulator: { seed: { projects: [project] } } });
    try {
      const filter = { clusterNames: ['prod-rs-0'], statuses: ['FAILED'] };
      const empty = pageOf(await h.query(PAGE, { projectId: P, first: 5, filter }));
      expect({ ...empty, pageInfo: { ...empty.pageInfo, endCursor: typeof empty.pageInfo.endCursor } }).toEqual({
        nodes: [],
        pageInfo: { hasNextPage: true, hasPreviousPage: false, endCursor: 'string' },
        clustersSearched: 1,
        failures: [],
      });
      h.sim.resetCalls();
      const found = pageOf(await h.query(PAGE, { projectId: P, first: 5, filter, after: empty.pageInfo.endCursor }));
      expect({ nodes: found.nodes, hasNextPage: found.pageInfo.hasNextPage }).toEqual({
        nodes: [{ jobId: cluster.cloudBackup[550]!.id, clusterName: 'prod-rs-0', kind: 'CLOUD_BACKUP' }],
        hasNextPage: false,
      });
      // It read on from the 500 jobs the first page passed over: Atlas's second page of 500.
      expect(jobListCalls(h)).toEqual([{ cluster: 'prod-rs-0', pageNum: 2, itemsPerPage: 500 }]);
    } finally {
      await h.stop();
    }
  });
});

describe("the README's and the banner's projectRestoreJobs, in demo mode's Atlas", () => {
  it('run as written on the demo seed and answer what the README says', async () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Every restore job of a project'));
    const example = /```graphql\n([\s\S]*?)```/.exec(section)![1]!;
    const banner = bannerLines({
      graphqlUrl: 'http://127.0.0.1:4000/graphql',
      graphiqlUrl: null,
      explorer: 'off',
      apiVersion: 'v2',
      auth: { mode: 'demo' },
      atlasBaseUrl: 'http://127.0.0.1:1',
      demo: DEMO,
      cache: DEFAULT_CACHE,
    }).find((line) => line.startsWith('Try: { projectRestoreJobs'))!.slice('Try: '.length);
    const seed = createDemoSeed();
    const h = await startHarness({ simulator: { seed }, project: { clusterTimeoutMs: 2_000 } });
    try {
      const r = await h.query(example);
      const page = pageOf(r);
      const big = seed.projects.find((p) => p.id === P)!;
      expect({ ...page, pageInfo: { ...page.pageInfo, endCursor: typeof page.pageInfo.endCursor } }).toEqual({
        clustersSearched: 27,
        failures: [
          { clusterName: 'failing-rs-0', kind: 'CLOUD_BACKUP', code: 'UPSTREAM_ERROR', message: 'Atlas failed with HTTP 500.' },
          { clusterName: 'hanging-rs-0', kind: 'CLOUD_BACKUP', code: 'UPSTREAM_TIMEOUT', message: 'Atlas did not answer in time.' },
        ],
        pageInfo: { hasNextPage: true, endCursor: 'string' },
        nodes: expect.any(Array),
      });
      const rows = seedRows(big, { without: ['failing-rs-0', 'hanging-rs-0'] }).slice(0, 5);
      expect(page.nodes.map((n) => ({ clusterName: n.clusterName, kind: n.kind, jobId: n.jobId }))).toEqual(rows);
      expect(rows.map((row) => row.clusterName)).toEqual(['prod-rs-0', 'prod-rs-2', 'prod-rs-1', 'prod-rs-3', 'prod-rs-4']);
      const fromBanner = await h.query(`{ ${banner.slice(1)}`);
      expect(fromBanner.errors).toBeUndefined();
      expect((fromBanner.data as { projectRestoreJobs: { nodes: unknown[] } }).projectRestoreJobs.nodes).toHaveLength(5);
    } finally {
      await h.stop();
    }
  });
});
