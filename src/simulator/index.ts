/** The embedded Atlas simulator (demo mode's upstream, integration tests' upstream) and its seed data. */
export { AtlasSimulator, type SimulatorAuth, type SimulatorCall, type SimulatorOptions } from './AtlasSimulator';
export type { Fault } from './faults';
export { SIMULATOR_LOOKUP_MEDIA_TYPES } from './clusters';
export { SIMULATED_KINDS, SIMULATOR_MEDIA_TYPES } from './kinds';
export { shardRestoreJobId } from './kinds/cloudBackup';
export { SimulatorErrorCode } from './errors';
export { DEMO, FOREIGN_PROJECT_ID, bigClusterJobId, createDemoSeed, type DemoInfo } from './demoSeed';
export { BIG_PROJECT_HANG_MS, buildBigProject, type BigProjectInfo } from './demoBigProject';
export { SEED_JOB_FIELD, seedJobsOf, type Job, type SeedCluster, type SeedClusterDescription, type SeedData, type SeedJobWire, type SeedProject } from './SeedData';
export { SnapshotStore } from './SnapshotStore';
export { isSnapshotCompleted, replicaSetNames, seedSnapshots, snapshotIdOf, snapshotTakenAt, type SeedSnapshot } from './seed/snapshots';
export type { CreatedJob, JobLedger } from './JobLedger';
export { DIGEST_REALM, DigestVerifier, parseDigestAuthorization, type DigestRejection, type DigestVerdict, type DigestVerifierOptions } from './digest';
