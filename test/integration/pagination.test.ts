import { DEMO } from '../../src/simulator';
import { startHarness, type Harness } from '../support/harness';

const PAGE = `query($kind: RestoreJobKind!, $p: ObjectID!, $c: String!, $first: Int, $after: String, $last: Int, $before: String) {
  restoreJobs(kind: $kind, projectId: $p, clusterName: $c, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    edges { cursor node { jobId } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

interface Page {
  totalCount: number | null;
  edges: { cursor: string; node: { jobId: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

describe('Relay pagination through the real server', () => {
  let h: Harness;
  const big = { kind: DEMO.bigCluster.kind, p: DEMO.projectId, c: DEMO.bigCluster.name };
  let allIds: string[];

  beforeAll(async () => {
    h = await startHarness();
    const cluster = h.sim.seed.projects.find((p) => p.id === DEMO.projectId)!.clusters.find((c) => c.name === DEMO.bigCluster.name)!;
    allIds = (cluster.legacy ?? []).map((j) => j.id!);
  });
  afterAll(() => h.stop());
  beforeEach(() => h.sim.resetCalls());

  async function page(vars: Record<string, unknown>): Promise<Page> {
    const res = await h.query(PAGE, { ...big, ...vars });
    expect(res.errors).toBeUndefined();
    return res.data!.restoreJobs as Page;
  }

  it('the big cluster has at least 1,200 jobs', () => {
    expect(allIds.length).toBeGreaterThanOrEqual(1200);
    expect(DEMO.bigCluster.jobCount).toBe(allIds.length);
  });

  it('walks forward with first/after: every job once, in order, one upstream call per window', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let requests = 0;
    for (;;) {
      const p: Page = await page({ first: 100, after });
      requests += 1;
      expect(p.totalCount).toBe(allIds.length);
      expect(p.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...p.edges.map((e) => e.node.jobId));
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
      expect(requests).toBeLessThan(50);
    }
    expect(seen).toEqual(allIds);
    expect(h.sim.calls).toHaveLength(requests);
  });

  it('walks backward with last/before from the end: every job once, in order', async () => {
    const seen: string[] = [];
    let before: string | null = null;
    let requests = 0;
    for (;;) {
      const p: Page = await page(before === null ? { last: 100 } : { last: 100, before });
      requests += 1;
      expect(p.pageInfo.hasNextPage).toBe(before !== null);
      seen.unshift(...p.edges.map((e) => e.node.jobId));
      if (!p.pageInfo.hasPreviousPage) break;
      before = p.pageInfo.startCursor;
      expect(requests).toBeLessThan(50);
    }
    expect(seen).toEqual(allIds);
    // `last` without `before` costs one call more to learn the length; every other window costs one.
    expect(h.sim.calls).toHaveLength(requests + 1);
  });

  it('first: 500 serves a window of 500 from exactly one upstream page', async () => {
    const p = await page({ first: 500 });
    expect(p.edges.map((e) => e.node.jobId)).toEqual(allIds.slice(0, 500));
    expect(p.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(h.sim.calls.map((c) => c.query)).toEqual([{ pageNum: '1', itemsPerPage: '500', includeCount: 'true' }]);
  });

  it('a window straddling pages costs at most two upstream pages', async () => {
    const first = await page({ first: 1 });
    h.sim.resetCalls();
    // Jump to offset 700 by walking cursors: take the cursor of item 699 from a first/after page.
    const p1 = await page({ first: 499, after: first.pageInfo.endCursor });
    const p2 = await page({ first: 300, after: p1.pageInfo.endCursor });
    expect(p2.edges.map((e) => e.node.jobId)).toEqual(allIds.slice(500, 800));
    expect(h.sim.calls.length).toBeLessThanOrEqual(4);
  });

  it('pages the shared-tier list, which Atlas does not page, in the gateway: one upstream call per request', async () => {
    const cluster = h.sim.seed.projects.find((p) => p.id === DEMO.projectId)!.clusters.find((c) => c.name === DEMO.clusters.SHARED_TIER)!;
    const ids = (cluster.tenant ?? []).map((j) => j.id!);
    const vars = { kind: 'SHARED_TIER', p: DEMO.projectId, c: DEMO.clusters.SHARED_TIER };
    const seen: string[] = [];
    let after: string | null = null;
    let requests = 0;
    for (;;) {
      const res = await h.query(PAGE, { ...vars, first: 7, after });
      requests += 1;
      const p = res.data!.restoreJobs as Page;
      expect(p.totalCount).toBe(ids.length);
      seen.push(...p.edges.map((e) => e.node.jobId));
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(seen).toEqual(ids);
    expect(h.sim.calls).toHaveLength(requests);
    for (const call of h.sim.calls) expect(call.query).toEqual({});
    const tail = await h.query(PAGE, { ...vars, last: 3 });
    expect((tail.data!.restoreJobs as Page).edges.map((e) => e.node.jobId)).toEqual(ids.slice(-3));
  });

  it('an empty window past the end is empty, with exact flags', async () => {
    const all = await page({ first: 500 });
    const p = await page({ first: 0, after: all.pageInfo.endCursor });
    expect(p).toEqual({
      totalCount: allIds.length,
      edges: [],
      pageInfo: { hasNextPage: true, hasPreviousPage: true, startCursor: null, endCursor: null },
    });
  });

  it.each([
    [{ after: 'garbage' }, 'after'],
    [{ before: 'bm90LWEtY3Vyc29y' }, 'before'],
    [{ first: -1 }, 'first'],
    [{ last: -5 }, 'last'],
    [{ first: 2, last: 2 }, 'last'],
  ])('%j is BAD_USER_INPUT naming %s, with no upstream call', async (vars, argument) => {
    const res = await h.query(PAGE, { ...big, ...vars });
    expect(res).toEqual({
      data: { restoreJobs: null },
      errors: [
        {
          message: expect.any(String),
          locations: expect.any(Array),
          path: ['restoreJobs'],
          extensions: { code: 'BAD_USER_INPUT', argument },
        },
      ],
    });
    expect(h.sim.calls).toHaveLength(0);
  });

  it('a bad cluster name is BAD_USER_INPUT before any upstream call', async () => {
    const res = await h.query(PAGE, { ...big, c: '../../admin' });
    expect(res.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'clusterName' });
    expect(h.sim.calls).toHaveLength(0);
  });
});
