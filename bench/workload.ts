import { AtlasSimulator, createDemoSeed, DEMO, type SeedData, type SimulatorOptions } from '../src/simulator';

/** The cluster the walk scenarios page through: 10,000 legacy jobs. */
export const WALK_CLUSTER = 'walk-cluster';
export const WALK_JOBS = 10_000;
/** Bearer tokens the bench simulator accepts, one per simulated caller. */
export const BENCH_TOKENS = Array.from({ length: 50 }, (_, i) => `bench-caller-token-${i}`);

/** The demo seed plus a 10,000-job legacy cluster, built from big-cluster's bodies with fresh ids. */
export function benchSeed(): SeedData {
  const seed = createDemoSeed();
  const project = seed.projects.find((p) => p.id === DEMO.projectId)!;
  const template = project.clusters.find((c) => c.name === DEMO.bigCluster.name)!.legacy!;
  const legacy = Array.from({ length: WALK_JOBS }, (_, i) => ({
    ...template[i % template.length]!,
    id: `77a1c0${i.toString(16).padStart(18, '0')}`,
    clusterName: WALK_CLUSTER,
  }));
  project.clusters.push({ name: WALK_CLUSTER, kind: 'LEGACY_BACKUP', legacy });
  return seed;
}

/** A simulator for the bench: the bench seed, bearer auth accepting {@link BENCH_TOKENS}. */
export function benchSimulator(options: Pick<SimulatorOptions, 'latencyMs' | 'jobStepMs'> = {}): AtlasSimulator {
  return new AtlasSimulator({
    ...options,
    seed: benchSeed(),
    auth: { mode: 'bearer', clientId: 'bench', clientSecret: 'bench-secret', acceptedTokens: BENCH_TOKENS },
  });
}

/** The GraphQL query of a flat page of `size` legacy jobs, and the REST path it stands for. */
export function pageQuery(cluster: string, size: number): { graphql: string; restPath: string } {
  return {
    graphql: JSON.stringify({
      query: `{ restoreJobs(kind: LEGACY_BACKUP, projectId: "${DEMO.projectId}", clusterName: "${cluster}", first: ${size}) { nodes { jobId status atlasStatus createdAt deliveryType snapshotId } } }`,
    }),
    restPath: `/api/atlas/v2/groups/${DEMO.projectId}/clusters/${cluster}/restoreJobs?pageNum=1&itemsPerPage=${size}`,
  };
}
