import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { DEMO } from '../src/simulator';
import { measureCacheMemory } from './cacheMemory';
import { measureCallCounts, type CallCount } from './callCounts';
import { measureMutation, type MutationRow } from './mutationPath';
import { measureProjectView, type ProjectViewRow } from './projectView';
import { measureWatchCounts, type WatchCount } from './watchCounts';
import { BENCH_TOKENS, pageQuery, WALK_CLUSTER, WALK_JOBS } from './workload';

/**
 * `npm run bench`: the simulator and the gateway each in their own process on loopback; autocannon measures the
 * direct REST call and the gateway query selecting the same fields, for pages of 1, 100 and 500 jobs, at 20 ms and
 * 0 ms upstream latency; then repeated reads of a finished job with the default caches; then the default caches'
 * memory over 900 distinct 500-job windows; then the gateway's heap over five walks of 10,000 jobs; then the
 * call-count scenarios; then the project view (projectRestoreJobs) over the demo big project at 20 ms; then the
 * watch's (bench/watchCounts.ts: GETs per poll tick, a 30-minute job, idle memory).
 * `BENCH_ONLY=project` runs the project view alone and updates only its part of bench/results.json.
 * Latency: each scenario after one unmeasured second of it. Throughput: three alternating (direct, gateway) rounds per page size, medians reported.
 * Placement, the same for the direct and the gateway runs: the gateway alone on the last core; the simulator and this
 * process (autocannon) on core 0. Bounded: every autocannon run lasts BENCH_SECONDS (default 3). See bench/README.md.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROOT = join(__dirname, '..', '..');
const TOKEN = BENCH_TOKENS[0]!;
const MEDIA = 'application/vnd.atlas.2023-01-01+json';
const WALKS = 5;
/** Throughput is measured in this many alternating (direct, gateway) rounds; the figures are medians. */
const THROUGHPUT_ROUNDS = 3;
/** An unmeasured run before each latency scenario, direct and gateway alike. */
const WARM_UP_SECONDS = 1;
/** Switches of features that would answer from memory instead of upstream (harmless where they do not exist). */
const NO_CACHES = { CACHE: 'off', COALESCE: 'off' };

/** Which cores run what; null when the machine has one core (nothing is pinned then). */
const PLACEMENT = cpus().length >= 2 ? { loadAndSimulator: 0, gateway: cpus().length - 1 } : null;

function pinned(core: number | undefined, command: string, args: string[]): [string, string[]] {
  return core === undefined || !PLACEMENT ? [command, args] : ['taskset', ['-c', String(core), command, ...args]];
}

/** Pins this process (autocannon runs in it) and all its threads to a core. */
function pinSelf(core: number): void {
  const result = spawnSync('taskset', ['-a', '-p', '-c', String(core), String(process.pid)], { stdio: 'ignore' });
  if (result.status !== 0) throw new Error('taskset failed: the bench pins its processes to cores (util-linux).');
}

/** A child process whose stdout goes to a file (never to a pipe this process would have to drain while it loads). */
interface Started {
  child: ChildProcess;
  match: RegExpExecArray;
  logFile: string;
}

const LOG_DIR = mkdtempSync(join(tmpdir(), 'atlas-bench-'));
let logCount = 0;

async function startProcess(core: number | undefined, args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<Started> {
  const logFile = join(LOG_DIR, `process-${(logCount += 1)}.log`);
  const out = openSync(logFile, 'w');
  const [command, argv] = pinned(core, 'node', args);
  const child = spawn(command, argv, { cwd: ROOT, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', out, 'inherit'] });
  closeSync(out);
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
    const text = readFileSync(logFile, 'utf8');
    const match = ready.exec(text);
    if (match) return { child, match, logFile };
    if (exited !== undefined) throw new Error(`${args.join(' ')} exited ${exited}: ${text}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`${args.join(' ')} did not start: ${readFileSync(logFile, 'utf8')}`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function startSimulator(latencyMs: number, extra: string[] = []): Promise<Started> {
  return startProcess(PLACEMENT?.loadAndSimulator, ['dist/bench/sim-process.js', String(latencyMs), ...extra], {}, /\{"url":"([^"]+)"\}/);
}

function startGateway(simUrl: string, options: { nodeArgs?: string[]; env?: NodeJS.ProcessEnv } = {}): Promise<Started> {
  return startProcess(
    PLACEMENT?.gateway,
    [...(options.nodeArgs ?? []), 'dist/src/index.js'],
    { PORT: '0', ATLAS_AUTH_MODE: 'passthrough', MONGODB_ATLAS_BASE_URL: simUrl, NODE_ENV: 'production', ...NO_CACHES, ...options.env },
    /GraphQL at (http:\/\/\S+)/,
  );
}

function rssMB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(field))!;
  return Math.round(Number(/(\d+)/.exec(line)![1]) / 1024);
}

/** CPU time of a process (all its threads), in clock ticks. */
function processTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Busy CPU time of the whole machine, in clock ticks. */
function machineTicks(): number {
  const [, user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  return user! + nice! + system! + irq! + softirq! + steal!;
}

const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
/** CPU used by processes other than the bench's own during each run, in % of one core. */
const otherLoad: number[] = [];

/** One autocannon run; also records how busy the rest of the machine was meanwhile (see otherLoad). */
async function load(opts: autocannon.Options, ours: ChildProcess[]): Promise<autocannon.Result> {
  const pids = [process.pid, ...ours.map((c) => c.pid!)];
  const ticks0 = machineTicks();
  const own0 = pids.reduce((sum, pid) => sum + processTicks(pid), 0);
  const started = Date.now();
  const result = await autocannon({ duration: SECONDS, ...opts });
  const elapsed = (Date.now() - started) / 1000;
  const others = machineTicks() - ticks0 - (pids.reduce((sum, pid) => sum + processTicks(pid), 0) - own0);
  otherLoad.push(Math.max(0, Math.round((100 * others) / TICKS_PER_SECOND / elapsed)));
  if (result.non2xx || result.errors) throw new Error(`${opts.url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result;
}

async function postJson(url: string, body: string): Promise<Record<string, unknown>> {
  return postJsonBody(url, body);
}

/** POSTs a GraphQL body; its data, or an error when it answered errors. */
async function postJsonBody(url: string, body: string): Promise<Record<string, unknown>> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body });
  const json = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown };
  if (json.errors) throw new Error(`GraphQL errors: ${JSON.stringify(json.errors).slice(0, 300)}`);
  return json.data!;
}

/** Pages through walk-cluster's 10,000 jobs, 500 at a time (the walk of bench/callCounts.ts). */
async function walk(gatewayUrl: string): Promise<number> {
  const query = `query($after: String) { restoreJobs(kind: LEGACY_BACKUP, projectId: "${DEMO.projectId}", clusterName: "${WALK_CLUSTER}", first: 500, after: $after) { pageInfo { hasNextPage endCursor } nodes { jobId } } }`;
  let after: string | null = null;
  let jobs = 0;
  for (let requests = 0; requests < 100; requests += 1) {
    const data = await postJson(gatewayUrl, JSON.stringify({ query, variables: { after } }));
    const page = data.restoreJobs as { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: unknown[] };
    jobs += page.nodes.length;
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  if (jobs !== WALK_JOBS) throw new Error(`a walk saw ${jobs} jobs, not ${WALK_JOBS}`);
  return jobs;
}

/** The gateway's used heap after forced full collections, from bench/heapProbe.ts (MB, two decimals). */
async function settledHeapMB(gateway: ChildProcess, heapFile: string, reading: number): Promise<number> {
  gateway.kill('SIGUSR2');
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
    const lines = existsSync(heapFile) ? readFileSync(heapFile, 'utf8').trim().split('\n').filter(Boolean) : [];
    if (lines.length >= reading) return +(Number(lines[reading - 1]) / 2 ** 20).toFixed(2);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the heap probe did not answer');
}

interface LatencyRow { latencyMs: number; jobs: number; directP50: number; directP99: number; gatewayP50: number; gatewayP99: number; deltaP50: number; deltaP99: number }
interface ThroughputRow {
  jobs: number;
  directRps: number;
  gatewayRps: number;
  ratio: number;
  target: number;
  met: boolean;
  /** Each round's direct and gateway figures, in the order run. */
  rounds: { directRps: number; gatewayRps: number }[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
interface CachedReadsRow {
  scenario: string;
  directRps: number;
  gatewayRps: number;
  ratio: number;
  /** Upstream calls the gateway made during the measured rounds (after its first read). */
  upstreamCallsAfterFirst: number;
  target: string;
  met: boolean;
  rounds: { directRps: number; gatewayRps: number }[];
}

/** The sum of a counter over its labels, from the gateway's /metrics. */
async function counterTotal(gatewayUrl: string, name: string): Promise<number> {
  return (await counterTotals(gatewayUrl, [name]))[0]!;
}

/** The sums of several counters of the gateway's /metrics, read at once (one scrape). */
async function counterTotals(gatewayUrl: string, names: readonly string[]): Promise<number[]> {
  const lines = (await (await fetch(gatewayUrl.replace(/\/graphql$/, '/metrics'))).text()).split('\n');
  return names.map((name) =>
    lines.filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `)).reduce((sum, line) => sum + Number(line.split(' ').pop()), 0),
  );
}

/** Gateway against the bare-Apollo floor (bench/floor-process.ts), same selection, 10 connections, same core. */
interface FloorRow {
  jobs: number;
  floorRps: number;
  gatewayRps: number;
  ratio: number;
  target: number | null;
  met: boolean | null;
  rounds: { floorRps: number; gatewayRps: number }[];
}
/** Rounds of (floor, gateway) per page size: fewer than the direct rounds, to keep the bench within its 5 minutes. */
const FLOOR_ROUNDS = 2;
/** Issue 17's targets: gateway ÷ floor for a 1-job query and a 100-job page (500 is reported, not targeted). */
const FLOOR_TARGETS: Record<number, number | null> = { 1: 0.5, 100: 1.0, 500: null };
/** Issue 17's memory targets (MB). */
const IDLE_RSS_TARGET_MB = 80;
const PEAK_RSS_TARGET_MB = 160;

interface HeapResult { afterWalkMB: number[]; growthPct: number; target: string; met: boolean }

function printProjectView(rows: ProjectViewRow[]): void {
  console.log('Project view (projectRestoreJobs over the demo big project, simulator at 20 ms; wall times in ms, medians):');
  console.table(rows.map(({ runsMs, coldMs, upstreamCallMs, wallInCalls, ...row }) => ({ ...row, runsMs: runsMs.join(' '), coldMs: coldMs?.join(' ') ?? '', upstreamCallMs: upstreamCallMs ?? '', wallInCalls: wallInCalls ?? '' })));
}

/** The project view's scenarios (bench/projectView.ts), with this runner's process helpers. */
function projectViewScenarios(): Promise<ProjectViewRow[]> {
  return measureProjectView({ startSimulator, startGateway, stop, counterTotals, tokens: BENCH_TOKENS });
}

/** `BENCH_ONLY=memory`: for each executor in turn, peak RSS on 500-job pages (10 connections) and the cache memory. */
async function memoryByExecutor(): Promise<void> {
  if (PLACEMENT) pinSelf(PLACEMENT.loadAndSimulator);
  const rows = [];
  for (const executor of ['graphql-js', 'jit', 'graphql-js', 'jit']) {
    const withExecutor: typeof startGateway = (url, options = {}) => startGateway(url, { ...options, env: { ...options.env, EXECUTOR: executor } });
    const sim = await startSimulator(0);
    const gw = await withExecutor(sim.match[1]!);
    const body = pageQuery(DEMO.bigCluster.name, 500).graphql;
    await load({ url: gw.match[1]!, method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body, connections: 10 }, [sim.child, gw.child]);
    const peakMB = rssMB(gw.child.pid!, 'VmHWM');
    await stop(gw.child);
    await stop(sim.child);
    const cache = await measureCacheMemory({ startSimulator, startGateway: withExecutor, stop, rssMB, settledHeapMB, heapFile: join(LOG_DIR, `heap-${rows.length}.txt`), token: TOKEN });
    rows.push({ executor, peakMB500: peakMB, cacheRssAfterMB: cache.rssAfterMB, cachePeakMB: cache.peakMB, cacheSettledHeapMB: cache.settledHeapMB, cacheRssIdleAfterMB: cache.rssIdleAfterMB });
  }
  console.table(rows);
  console.log(`other load: max ${Math.max(...otherLoad)} % of a core`);
}

async function main(): Promise<void> {
  if (process.env.BENCH_ONLY === 'memory') return memoryByExecutor();
  if (process.env.BENCH_ONLY === 'project') {
    if (PLACEMENT) pinSelf(PLACEMENT.loadAndSimulator);
    const projectView = await projectViewScenarios();
    printProjectView(projectView);
    const file = join(ROOT, 'bench', 'results.json');
    const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
    const projectViewMachine = { loadAverage1m: +loadavg()[0]!.toFixed(2), cores: cpus().length, date: new Date().toISOString() };
    console.log(`load average (1 min) at the end: ${projectViewMachine.loadAverage1m} on ${projectViewMachine.cores} cores`);
    writeFileSync(file, JSON.stringify({ ...previous, projectView, projectViewMachine }, null, 2) + '\n');
    rmSync(LOG_DIR, { recursive: true, force: true });
    console.log('written: bench/results.json (projectView)');
    return;
  }
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'} ×${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
  const placement = PLACEMENT
    ? `gateway alone on core ${PLACEMENT.gateway}; simulator and autocannon on core ${PLACEMENT.loadAndSimulator} (direct and gateway runs alike)`
    : 'one core: nothing pinned';
  if (PLACEMENT) pinSelf(PLACEMENT.loadAndSimulator);
  console.log(`machine: ${machine}; autocannon runs of ${SECONDS} s; ${placement}`);
  const latencyRows: LatencyRow[] = [];
  const throughputRows: ThroughputRow[] = [];
  const rss = { idleMB: 0, peakMB: 0, idleTarget: `≤ ${IDLE_RSS_TARGET_MB} MB at start`, idleMet: false, peakTarget: `≤ ${PEAK_RSS_TARGET_MB} MB`, peakMet: false };
  const floorRows: FloorRow[] = [];
  const mutationRows: MutationRow[] = [];

  for (const latencyMs of [20, 0]) {
    const sim = await startSimulator(latencyMs);
    const simUrl = sim.match[1]!;
    // Mutations on for the mutation row (production's default is off); the read rows do not touch them.
    const gw = await startGateway(simUrl, { env: { MUTATIONS: 'on' } });
    const gatewayUrl = gw.match[1]!;
    const ours = [sim.child, gw.child];
    try {
      const direct = (size: number): autocannon.Options => ({
        url: simUrl + pageQuery(DEMO.bigCluster.name, size).restPath,
        headers: { accept: MEDIA, authorization: `Bearer ${TOKEN}` },
      });
      const viaGateway = (size: number): autocannon.Options => ({
        url: gatewayUrl,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: pageQuery(DEMO.bigCluster.name, size).graphql,
      });
      if (latencyMs === 0) {
        rss.idleMB = rssMB(gw.child.pid!, 'VmRSS');
        rss.idleMet = rss.idleMB <= IDLE_RSS_TARGET_MB;
      }
      for (const jobs of [1, 100, 500]) {
        // An unmeasured second of the same scenario first, on both sides: the rows are about steady state.
        await load({ ...direct(jobs), connections: 1, duration: WARM_UP_SECONDS }, ours);
        await load({ ...viaGateway(jobs), connections: 1, duration: WARM_UP_SECONDS }, ours);
        const d = await load({ ...direct(jobs), connections: 1 }, ours);
        const g = await load({ ...viaGateway(jobs), connections: 1 }, ours);
        latencyRows.push({
          latencyMs,
          jobs,
          directP50: d.latency.p50,
          directP99: d.latency.p99,
          gatewayP50: g.latency.p50,
          gatewayP99: g.latency.p99,
          deltaP50: +(g.latency.p50 - d.latency.p50).toFixed(2),
          deltaP99: +(g.latency.p99 - d.latency.p99).toFixed(2),
        });
      }
      const upstreamCalls = (): Promise<number> => counterTotal(gatewayUrl, 'atlas_upstream_requests_total');
      const check = (body: string): Promise<Record<string, unknown>> => postJsonBody(gatewayUrl, body);
      if (latencyMs === 20) mutationRows.push(await measureMutation((o) => load(o, ours), simUrl, gatewayUrl, TOKEN, latencyMs, upstreamCalls, check));
      if (latencyMs === 0) {
        // Alternating rounds, so that a change in the machine's speed during the bench reaches both sides alike.
        for (const [jobs, target] of [[1, 0.35], [100, 0.25]] as const) {
          const rounds: ThroughputRow['rounds'] = [];
          for (let round = 0; round < THROUGHPUT_ROUNDS; round += 1) {
            const d = await load({ ...direct(jobs), connections: 10 }, ours);
            const g = await load({ ...viaGateway(jobs), connections: 10 }, ours);
            rounds.push({ directRps: d.requests.average, gatewayRps: g.requests.average });
          }
          const ratio = +median(rounds.map((r) => r.gatewayRps / r.directRps)).toFixed(3);
          const directRps = median(rounds.map((r) => r.directRps));
          const gatewayRps = median(rounds.map((r) => r.gatewayRps));
          throughputRows.push({ jobs, directRps, gatewayRps, ratio, target, met: ratio >= target, rounds });
        }
        await load({ ...viaGateway(500), connections: 10 }, ours);
        rss.peakMB = rssMB(gw.child.pid!, 'VmHWM');
        rss.peakMet = rss.peakMB <= PEAK_RSS_TARGET_MB;
        // The floor: a bare Apollo Server answering the same query from memory, on the gateway's core, loaded in
        // alternation with the gateway (never both at once).
        const floor = await startProcess(PLACEMENT?.gateway, ['dist/bench/floor-process.js'], { NODE_ENV: 'production' }, /\{"url":"([^"]+)"\}/);
        try {
          const viaFloor = (size: number): autocannon.Options => ({ ...viaGateway(size), url: floor.match[1]! });
          for (const jobs of [1, 100, 500]) {
            await load({ ...viaFloor(jobs), connections: 10, duration: WARM_UP_SECONDS }, [...ours, floor.child]);
            const rounds: FloorRow['rounds'] = [];
            for (let round = 0; round < FLOOR_ROUNDS; round += 1) {
              const f = await load({ ...viaFloor(jobs), connections: 10 }, [...ours, floor.child]);
              const g = await load({ ...viaGateway(jobs), connections: 10 }, [...ours, floor.child]);
              rounds.push({ floorRps: f.requests.average, gatewayRps: g.requests.average });
            }
            const ratio = +median(rounds.map((r) => r.gatewayRps / r.floorRps)).toFixed(3);
            const target = FLOOR_TARGETS[jobs] ?? null;
            floorRows.push({
              jobs,
              floorRps: median(rounds.map((r) => r.floorRps)),
              gatewayRps: median(rounds.map((r) => r.gatewayRps)),
              ratio,
              target,
              met: target === null ? null : ratio >= target,
              rounds,
            });
          }
        } finally {
          await stop(floor.child);
        }
      }
    } finally {
      await stop(gw.child);
      await stop(sim.child);
    }
  }

  // Repeated reads of a finished job with the default caches (in-process LRU, coalescing, whole answers), against the
  // direct REST GET of the same job; the gateway's upstream calls are read from its /metrics around the rounds.
  const cachedReads: CachedReadsRow[] = [];
  {
    const sim = await startSimulator(0);
    const simUrl = sim.match[1]!;
    const gw = await startGateway(simUrl, { env: { CACHE: 'on', COALESCE: 'on' } });
    const gatewayUrl = gw.match[1]!;
    const ours = [sim.child, gw.child];
    try {
      const listed = (await (await fetch(simUrl + pageQuery(DEMO.bigCluster.name, 100).restPath, { headers: { accept: MEDIA, authorization: `Bearer ${TOKEN}` } })).json()) as {
        results: { id: string; statusName: string }[];
      };
      const jobId = listed.results.find((j) => j.statusName === 'FINISHED')?.id;
      if (!jobId) throw new Error('no finished job on the first page of big-cluster');
      const jobPath = pageQuery(DEMO.bigCluster.name, 1).restPath.replace(/\?.*$/, `/${jobId}`);
      const query = JSON.stringify({
        query: `{ restoreJob(kind: LEGACY_BACKUP, projectId: "${DEMO.projectId}", clusterName: "${DEMO.bigCluster.name}", jobId: "${jobId}") { jobId status atlasStatus createdAt deliveryType snapshotId } }`,
      });
      const direct: autocannon.Options = { url: simUrl + jobPath, headers: { accept: MEDIA, authorization: `Bearer ${TOKEN}` }, connections: 10 };
      const viaGateway: autocannon.Options = { url: gatewayUrl, method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: query, connections: 10 };
      await postJson(gatewayUrl, query);
      const callsAfterFirst = await counterTotal(gatewayUrl, 'atlas_upstream_requests_total');
      await load({ ...direct, duration: WARM_UP_SECONDS }, ours);
      await load({ ...viaGateway, duration: WARM_UP_SECONDS }, ours);
      const rounds: CachedReadsRow['rounds'] = [];
      for (let round = 0; round < THROUGHPUT_ROUNDS; round += 1) {
        const d = await load(direct, ours);
        const g = await load(viaGateway, ours);
        rounds.push({ directRps: d.requests.average, gatewayRps: g.requests.average });
      }
      const upstreamCallsAfterFirst = (await counterTotal(gatewayUrl, 'atlas_upstream_requests_total')) - callsAfterFirst;
      const ratio = +median(rounds.map((r) => r.gatewayRps / r.directRps)).toFixed(3);
      cachedReads.push({
        scenario: 'repeated reads of 1 finished job, default caches, 10 connections',
        directRps: median(rounds.map((r) => r.directRps)),
        gatewayRps: median(rounds.map((r) => r.gatewayRps)),
        ratio,
        upstreamCallsAfterFirst,
        target: '≥ 1× direct REST, 0 upstream calls after the first',
        met: ratio >= 1 && upstreamCallsAfterFirst === 0,
        rounds,
      });
    } finally {
      await stop(gw.child);
      await stop(sim.child);
    }
  }

  // Memory with the default caches bounded by CACHE_MAX_MB (bench/cacheMemory.ts).
  const cacheMemory = await measureCacheMemory({ startSimulator, startGateway, stop, rssMB, settledHeapMB, heapFile: join(LOG_DIR, 'cache-heap.txt'), token: TOKEN });

  // Heap: a fresh gateway (caches off) with the probe preloaded; five sequential walks, the settled heap after each.
  const heapFile = join(LOG_DIR, 'heap.txt');
  const sim = await startSimulator(0);
  const gw = await startGateway(sim.match[1]!, { nodeArgs: ['--expose-gc', '--require', './dist/bench/heapProbe.js'], env: { BENCH_HEAP_FILE: heapFile } });
  const afterWalkMB: number[] = [];
  try {
    for (let i = 1; i <= WALKS; i += 1) {
      await walk(gw.match[1]!);
      afterWalkMB.push(await settledHeapMB(gw.child, heapFile, i));
    }
  } finally {
    await stop(gw.child);
    await stop(sim.child);
  }
  const growthPct = +((100 * (afterWalkMB[WALKS - 1]! - afterWalkMB[0]!)) / afterWalkMB[0]!).toFixed(1);
  const heap: HeapResult = { afterWalkMB, growthPct, target: 'after walk 5 within 5 % of after walk 1', met: Math.abs(growthPct) <= 5 };

  const callCounts: CallCount[] = await measureCallCounts();
  const projectView = await projectViewScenarios();
  const watchCounts: WatchCount[] = await measureWatchCounts();
  const otherProcesses = { maxPctOfCore: Math.max(...otherLoad), meanPctOfCore: Math.round(otherLoad.reduce((a, b) => a + b, 0) / otherLoad.length) };
  console.log('\nLatency at one connection (ms; Δ = gateway − direct REST):');
  console.table(latencyRows);
  console.log(`Requests per second at 0 ms upstream, 10 connections, gateway alone on one core, no caches (medians of ${THROUGHPUT_ROUNDS} alternating rounds):`);
  console.table(throughputRows.map(({ rounds, ...row }) => ({ ...row, rounds: rounds.map((r) => `${Math.round(r.directRps)}/${Math.round(r.gatewayRps)}`).join(' ') })));
  console.log(`Against the floor: a bare Apollo Server 5 answering the same query from memory, 10 connections, the same core (medians of ${FLOOR_ROUNDS} alternating rounds):`);
  console.table(floorRows.map(({ rounds, ...row }) => ({ ...row, rounds: rounds.map((r) => `${Math.round(r.floorRps)}/${Math.round(r.gatewayRps)}`).join(' ') })));
  console.log('A create (startDownloadRestore) against its direct POST, one connection (ms):');
  console.table(mutationRows);
  const verdict = (met: boolean): string => (met ? 'met' : 'missed');
  console.log(
    `Gateway RSS: idle ${rss.idleMB} MB right after start (${rss.idleTarget}: ${verdict(rss.idleMet)}); ` +
      `peak ${rss.peakMB} MB, VmHWM after 10 connections on 500-job pages (${rss.peakTarget}: ${verdict(rss.peakMet)})`,
  );
  console.log(`Gateway heap after each of ${WALKS} walks of ${WALK_JOBS} jobs (forced GC): ${afterWalkMB.join(', ')} MB; walk 5 vs walk 1: ${growthPct} %`);
  console.log(`Repeated reads with the default caches (medians of ${THROUGHPUT_ROUNDS} alternating rounds):`);
  console.table(cachedReads.map(({ rounds, ...row }) => ({ ...row, rounds: rounds.map((r) => `${Math.round(r.directRps)}/${Math.round(r.gatewayRps)}`).join(' ') })));
  console.log('Memory with the default caches (RSS of the gateway process, MB):');
  console.table([cacheMemory]);
  console.log('Upstream calls:');
  console.table(callCounts);
  printProjectView(projectView);
  console.log('Watching (subscriptions):');
  console.table(watchCounts);
  console.log(`Other processes during the autocannon runs: mean ${otherProcesses.meanPctOfCore} %, max ${otherProcesses.maxPctOfCore} % of a core`);
  if (otherProcesses.maxPctOfCore > 15) console.log('WARNING: the machine was not quiet; figures are not comparable with a quiet run.');
  const out = { machine, seconds: SECONDS, placement, latencyRows, throughputRows, floorRows, mutationRows, cachedReads, cacheMemory, rss, heap, callCounts, projectView, watchCounts, otherProcesses };
  writeFileSync(join(ROOT, 'bench', 'results.json'), JSON.stringify(out, null, 2) + '\n');
  rmSync(LOG_DIR, { recursive: true, force: true });
  console.log('written: bench/results.json');
}

main().catch((error: unknown) => {
  console.error(error);
  console.error(`process logs kept in ${LOG_DIR}`);
  process.exit(1);
});
