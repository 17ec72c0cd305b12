import { appendFileSync } from 'node:fs';

/**
 * Preloaded into the bench's heap-walk gateway only (`node --expose-gc --require dist/bench/heapProbe.js
 * dist/src/index.js`, see bench/run.ts): on SIGUSR2 it forces full collections until the used heap settles, then
 * appends `heapUsed` in bytes as one line to BENCH_HEAP_FILE. The gateway's own code knows nothing of it.
 */
const file = process.env.BENCH_HEAP_FILE;
const gc = (globalThis as { gc?: () => void }).gc;

/** Full collections, a turn of the event loop between them (finalizers run there), until two agree within 64 KiB. */
async function settledHeapUsed(collect: () => void): Promise<number> {
  let last = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 6; round += 1) {
    collect();
    await new Promise((resolve) => setImmediate(resolve));
    const used = process.memoryUsage().heapUsed;
    if (Math.abs(used - last) < 64 * 1024) return used;
    last = used;
  }
  return last;
}

if (file && gc) {
  process.on('SIGUSR2', () => {
    void settledHeapUsed(gc).then((bytes) => appendFileSync(file, `${bytes}\n`));
  });
}
