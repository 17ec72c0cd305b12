/** The embedded Atlas simulator (demo mode's upstream, integration tests' upstream) and its seed data. */
export {
  AtlasSimulator,
  SIMULATOR_LOOKUP_MEDIA_TYPES,
  SIMULATOR_MEDIA_TYPES,
  SimulatorErrorCode,
  type Fault,
  type SimulatorAuth,
  type SimulatorCall,
  type SimulatorOptions,
} from './AtlasSimulator';
export {
  DEMO,
  EDGE_CASES,
  OTHER_PROJECT,
  bigClusterJobId,
  createSeed,
  type DemoInfo,
  type SeedCluster,
  type SeedClusterDescription,
  type SeedClusterKind,
  type SeedData,
  type SeedProject,
} from './seed';
export { DIGEST_REALM, DigestVerifier, parseDigestAuthorization, type DigestRejection, type DigestVerdict, type DigestVerifierOptions } from './digest';
