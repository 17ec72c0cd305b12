/** The embedded Atlas simulator (demo mode's upstream, integration tests' upstream) and its seed data. */
export { AtlasSimulator, type Fault, type SimulatorAuth, type SimulatorCall, type SimulatorOptions } from './AtlasSimulator';
export { SIMULATOR_LOOKUP_MEDIA_TYPES } from './clusters';
export { SIMULATED_KINDS, SIMULATOR_MEDIA_TYPES } from './kinds';
export { SimulatorErrorCode } from './errors';
export { DEMO, FOREIGN_PROJECT_ID, bigClusterJobId, createDemoSeed, type DemoInfo } from './demoSeed';
export { SEED_JOB_FIELD, seedJobsOf, type SeedCluster, type SeedClusterDescription, type SeedData, type SeedJobWire, type SeedProject } from './SeedData';
export { DIGEST_REALM, DigestVerifier, parseDigestAuthorization, type DigestRejection, type DigestVerdict, type DigestVerifierOptions } from './digest';
