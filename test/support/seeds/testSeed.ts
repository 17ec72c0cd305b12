import { addDemoTodaysAtlas, buildDemoProject } from '../../../src/simulator/demoSeed';
import type { SeedData } from '../../../src/simulator/SeedData';
import { SeedFactory } from '../../../src/simulator/seed/factory';
import { addEdgeTodaysAtlas, buildEdgeCasesProject } from './edgeCases';
import { addOtherTodaysAtlas, buildOtherProject } from './otherProject';

/**
 * The tests' Atlas: the demo project, the second project (`OTHER_PROJECT`) and the odd bodies (`EDGE_CASES`), three
 * projects with jobs of all five kinds in every status and delivery type the gateway maps. The projects' parts are
 * drawn from one factory in the order they always were, so every id and token is what it was when all of this lived in
 * src/simulator/seed.ts (the demo project equals `createDemoSeed()`'s but for the ids of its today's-Atlas clusters).
 * Deterministic: every call returns an equal, fresh copy.
 */
export function createTestSeed(): SeedData {
  const f = new SeedFactory();
  const demo = buildDemoProject(f);
  const other = buildOtherProject(f);
  const edge = buildEdgeCasesProject(f);
  addDemoTodaysAtlas(f, demo);
  addOtherTodaysAtlas(f, other);
  addEdgeTodaysAtlas(f, edge);
  return { projects: [demo, other, edge] };
}
