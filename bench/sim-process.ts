import { BIG_PROJECT } from '../src/simulator/demoBigProject';
import { benchSimulator } from './workload';

/**
 * The bench simulator in its own process: `node dist/bench/sim-process.js <latencyMs> [healthy]`; prints its URL as
 * JSON. `healthy`: the demo big project's two misbehaving clusters answer like the others.
 */
async function main(): Promise<void> {
  const latencyMs = Number(process.argv[2] ?? 0);
  const sim = benchSimulator({ latencyMs });
  if (process.argv[3] === 'healthy') {
    for (const cluster of sim.seed.projects.find((p) => p.id === BIG_PROJECT.projectId)?.clusters ?? []) delete cluster.misbehaves;
  }
  const url = await sim.start(0, '127.0.0.1');
  process.stdout.write(JSON.stringify({ url }) + '\n');
  process.on('SIGTERM', () => void sim.stop().then(() => process.exit(0)));
}

void main();
