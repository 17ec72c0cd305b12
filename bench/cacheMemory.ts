import type { ChildProcess } from 'node:child_process';
import { encodeCursor } from '../src/atlas/pagination';
import { DEMO } from '../src/simulator';
import { WALK_CLUSTER } from './workload';

/** What run.ts lends this scenario: its process helpers, so that placement and logs are the same as elsewhere. */
export interface ProcessKit {
  startSimulator(latencyMs: number): Promise<{ child: ChildProcess; match: RegExpMatchArray }>;
  startGateway(simUrl: string, options: { nodeArgs?: string[]; env?: NodeJS.ProcessEnv }): Promise<{ child: ChildProcess; match: RegExpMatchArray }>;
  stop(child: ChildProcess): Promise<void>;
  rssMB(pid: number, field: 'VmRSS' | 'VmHWM'): number;
  /** The used heap after forced full collections (bench/heapProbe.ts), MB. */
  settledHeapMB(gateway: ChildProcess, heapFile: string, reading: number): Promise<number>;
  heapFile: string;
  token: string;
}

/** The cache-memory row of the bench. */
export interface CacheMemoryRow {
  scenario: string;
  windows: number;
  upstreamCalls: number;
  rssIdleMB: number;
  rssAfterMB: number;
  peakMB: number;
  /** The live heap then: used heap after forced full collections. */
  settledHeapMB: number;
  /** RSS after those collections, the pages' TTL and one purge (20 s idle). */
  rssIdleAfterMB: number;
  cacheMaxMB: number;
  target: string;
  met: boolean;
}

const WINDOWS = 900;
const CONCURRENCY = 20;
const CACHE_MAX_MB = 64;

/**
 * Issue 14's memory scenario: a gateway with the default caches and CACHE_MAX_MB=64 reads 900 distinct 500-job
 * windows of the 10,000-job walk cluster (window i starts at offset 10·i, so each is a different upstream page plan)
 * at concurrency 20. Target: RSS after them within 90 MB + 1.25 × CACHE_MAX_MB. The upstream calls are read from the
 * gateway's /metrics. Then the live heap (forced collections, through the heap probe the heap-walk gateway also
 * preloads) and RSS 20 s later tell what is held from what is garbage V8 has not yet collected.
 */
export async function measureCacheMemory(kit: ProcessKit): Promise<CacheMemoryRow> {
  const sim = await kit.startSimulator(0);
  const gw = await kit.startGateway(sim.match[1]!, {
    nodeArgs: ['--expose-gc', '--require', './dist/bench/heapProbe.js'],
    env: { CACHE: 'on', COALESCE: 'on', CACHE_MAX_MB: String(CACHE_MAX_MB), BENCH_HEAP_FILE: kit.heapFile },
  });
  const url = gw.match[1]!;
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${kit.token}` };
  try {
    const rssIdleMB = kit.rssMB(gw.child.pid!, 'VmRSS');
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < WINDOWS) {
        const i = next++;
        const after = i === 0 ? '' : `, after: "${encodeCursor(10 * i - 1)}"`;
        const query = `{ restoreJobs(kind: LEGACY_BACKUP, projectId: "${DEMO.projectId}", clusterName: "${WALK_CLUSTER}", first: 500${after}) { nodes { jobId status atlasStatus createdAt deliveryType snapshotId } } }`;
        const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query }) });
        const body = (await res.json()) as { errors?: unknown };
        if (body.errors) throw new Error(`window ${i}: ${JSON.stringify(body.errors).slice(0, 300)}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const rssAfterMB = kit.rssMB(gw.child.pid!, 'VmRSS');
    const peakMB = kit.rssMB(gw.child.pid!, 'VmHWM');
    const metrics = await (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
    const upstreamCalls = metrics
      .split('\n')
      .filter((l) => l.startsWith('atlas_upstream_requests_total'))
      .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
    const settledHeapMB = await kit.settledHeapMB(gw.child, kit.heapFile, 1);
    await new Promise((resolve) => setTimeout(resolve, 20_000));
    const rssIdleAfterMB = kit.rssMB(gw.child.pid!, 'VmRSS');
    const limit = 90 + 1.25 * CACHE_MAX_MB;
    return {
      scenario: `${WINDOWS} distinct 500-job windows, default caches, CACHE_MAX_MB=${CACHE_MAX_MB}, concurrency ${CONCURRENCY}`,
      windows: WINDOWS,
      upstreamCalls,
      rssIdleMB,
      rssAfterMB,
      peakMB,
      settledHeapMB,
      rssIdleAfterMB,
      cacheMaxMB: CACHE_MAX_MB,
      target: `RSS after ≤ ${limit} MB (90 + 1.25 × CACHE_MAX_MB)`,
      met: rssAfterMB <= limit,
    };
  } finally {
    await kit.stop(gw.child);
    await kit.stop(sim.child);
  }
}
