import { benchSimulator } from './workload';

/** The bench simulator in its own process: `node dist/bench/sim-process.js <latencyMs>`; prints its URL as JSON. */
async function main(): Promise<void> {
  const latencyMs = Number(process.argv[2] ?? 0);
  const sim = benchSimulator({ latencyMs });
  const url = await sim.start(0, '127.0.0.1');
  process.stdout.write(JSON.stringify({ url }) + '\n');
  process.on('SIGTERM', () => void sim.stop().then(() => process.exit(0)));
}

void main();
