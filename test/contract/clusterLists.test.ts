import { Agent, request } from 'undici';
import type { RestoreJobKind } from '../../src/restoreJobs/RestoreJobKind';
import { AtlasSimulator, createDemoSeed, DEMO, type SeedData } from '../../src/simulator';
import { KIND_FACTS } from '../support/kinds';
import { createTestSeed } from '../support/seeds';
import { loadContract, SPEC_PATH, SUCCESSORS_SPEC_PATH, type Contract } from './specSchemas';

/**
 * The simulator's cluster lists (`listGroupClusters`, `listGroupFlexClusters`) held to atlas/successors.openapi.yaml,
 * strictly (no undeclared property), over HTTP, for every project of the test seed and of the demo seed (the big
 * project included), in pages small enough to cross pages; and every restore job of the demo seed's big project held
 * to the cut of the spec its kind lives in. Prism's run over the lists is in prismSuccessors.test.ts.
 */

const successors = loadContract({ specPath: SUCCESSORS_SPEC_PATH, strict: true });
const restoreJobs = loadContract({ specPath: SPEC_PATH, strict: true });
const LISTS = [
  { path: 'clusters', accept: 'application/vnd.atlas.2024-08-05+json', operationId: 'listGroupClusters' },
  { path: 'flexClusters', accept: 'application/vnd.atlas.2024-11-13+json', operationId: 'listGroupFlexClusters' },
];
const agent = new Agent({ connections: 8 });
afterAll(() => agent.close());

async function withSimulator<T>(seed: SeedData, run: (base: string) => Promise<T>): Promise<T> {
  const sim = new AtlasSimulator({ seed });
  const base = await sim.start(0, '127.0.0.1');
  try {
    return await run(base);
  } finally {
    await sim.stop();
  }
}

async function check(contract: Contract, base: string, path: string, accept: string): Promise<{ status: number; operationId: string | null; errors: string[]; body: unknown }> {
  const res = await request(`${base}/api/atlas/v2${path}`, { headers: { accept }, dispatcher: agent });
  const body = JSON.parse(await res.body.text()) as unknown;
  const result = contract.checkResponse({
    method: 'GET',
    path: `/api/atlas/v2${path.split('?')[0]!}`,
    status: res.statusCode,
    contentType: String(res.headers['content-type'] ?? ''),
    body,
  });
  const errors = [...result.errors, ...(result.statusDeclared && result.contentTypeDeclared ? [] : [`${res.statusCode} not declared`])];
  return { status: res.statusCode, operationId: result.operationId, errors, body };
}

describe("the simulator's cluster lists against the successors spec (strict response views)", () => {
  it.each([
    ['the test seed', createTestSeed],
    ['the demo seed', createDemoSeed],
  ])('every page of both lists of every project of %s conforms, pages of 4 and of 500', async (_name, makeSeed) => {
    const seed = makeSeed();
    const problems: string[] = [];
    let listed = 0;
    await withSimulator(seed, async (base) => {
      for (const project of seed.projects) {
        for (const list of LISTS) {
          for (const size of [4, 500]) {
            for (let page = 1; ; page += 1) {
              const answer = await check(successors, base, `/groups/${project.id}/${list.path}?itemsPerPage=${size}&pageNum=${page}`, list.accept);
              problems.push(...answer.errors.map((line) => `${project.name} ${list.path} ${size}/${page}: ${line}`));
              if (answer.operationId !== list.operationId) problems.push(`${list.path}: ${answer.operationId}`);
              const results = (answer.body as { results?: unknown[] }).results ?? [];
              if (size === 500) listed += results.length;
              if (results.length < size) break;
            }
          }
        }
      }
    });
    expect(problems).toEqual([]);
    // Every cluster but serverless instances is listed once, flex clusters made through the clusters API twice.
    const expected = seed.projects.flatMap((p) => p.clusters).reduce((n, c) => n + (c.kind === 'SERVERLESS' ? 0 : c.description?.viaClustersApi ? 2 : 1), 0);
    expect(listed).toBe(expected);
  });

  it("answers an unknown project's lists with a declared 404 ApiError", async () => {
    await withSimulator(createTestSeed(), async (base) => {
      const answers = await Promise.all(LISTS.map((list) => check(successors, base, `/groups/0123456789abcdef01234567/${list.path}`, list.accept)));
      expect(answers.map((a) => [a.status, a.operationId, a.errors])).toEqual([
        [404, 'listGroupClusters', []],
        [404, 'listGroupFlexClusters', []],
      ]);
    });
  });

  it("every restore job of the demo seed's big project conforms to its kind's cut of the spec", async () => {
    const seed = createDemoSeed();
    const project = seed.projects.find((p) => p.id === DEMO.bigProject.projectId)!;
    const problems: string[] = [];
    let jobs = 0;
    await withSimulator(seed, async (base) => {
      for (const cluster of project.clusters.filter((c) => !c.misbehaves)) {
        for (const kind of ['CLOUD_BACKUP', 'LEGACY_BACKUP', 'FLEX', 'SHARED_TIER'] as const satisfies readonly RestoreJobKind[]) {
          const facts = KIND_FACTS[kind];
          const count = facts.jobs(cluster).length;
          if (count === 0) continue;
          const contract = kind === 'CLOUD_BACKUP' ? successors : restoreJobs;
          const paged = kind !== 'SHARED_TIER';
          for (let page = 1; (page - 1) * 500 < count; page += 1) {
            const answer = await check(contract, base, `${facts.path(project.id, cluster.name)}${paged ? `?itemsPerPage=500&pageNum=${page}` : ''}`, facts.mediaType);
            problems.push(...answer.errors.map((line) => `${cluster.name} ${kind}: ${line}`));
            jobs += ((answer.body as { results?: unknown[] }).results ?? []).length;
            if (!paged) break;
          }
        }
      }
    });
    expect(problems).toEqual([]);
    const misbehaving = project.clusters.filter((c) => c.misbehaves).reduce((n, c) => n + (c.cloudBackup ?? []).length, 0);
    expect(jobs).toBe(DEMO.bigProject.jobCount - misbehaving);
  });
});
