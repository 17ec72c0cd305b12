/** Test-only seed data: the whole test seed, the second project and the odd bodies. */
export { createTestSeed } from './testSeed';
export { OTHER_PROJECT } from './otherProject';
export { EDGE_CASES } from './edgeCases';
