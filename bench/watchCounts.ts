import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { DEFAULT_WATCH, loadConfig, type WatchConfig } from '../src/config';
import { createGateway, type Gateway } from '../src/server';
import { createDemoSeed, DEMO, SnapshotStore } from '../src/simulator';
import { BENCH_TOKENS, benchSimulator } from './workload';

/** One watch scenario: what it cost Atlas, and the issue's target. */
export interface WatchCount {
  scenario: string;
  figure: number;
  unit: string;
  target: string;
  met: boolean;
}

const ROOT = join(__dirname, '..', '..');
const P = DEMO.projectId;
const WATCH = `subscription ($id: ID!) { restoreJobUpdates(id: $id) { change job { status } } }`;
const START = `mutation ($input: StartDownloadRestoreInput!) { startDownloadRestore(input: $input) { restoreJob { id jobId } userErrors { code } } }`;

/** Passthrough gateways in this process, in front of the bench simulator (so callers can be distinct credentials). */
async function startGateway(atlasBaseUrl: string, watch: Partial<WatchConfig>, redisUrl: string | null = null): Promise<Gateway> {
  const config = loadConfig({});
  const gateway = await createGateway({
    ...config,
    port: 0,
    host: '127.0.0.1',
    atlasBaseUrl,
    auth: { mode: 'passthrough' },
    logLevel: 'silent',
    cache: { ...config.cache, enabled: false, redisUrl },
    watch: { ...DEFAULT_WATCH, maxPerConnection: 1_000, ...watch },
    shutdown: { delayMs: 0, graceMs: 500 },
  });
  await gateway.listen(0, '127.0.0.1');
  return gateway;
}

async function startJob(gateway: Gateway, token: string, kind: 'FLEX' | 'CLOUD_BACKUP', snapshotId: string): Promise<{ id: string; jobId: string }> {
  const cluster = DEMO.clusters[kind];
  const input = { idempotencyKey: `bench-watch-${Date.now()}-${Math.random()}`, projectId: P, clusterName: cluster, kind, snapshotId };
  const res = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: START, variables: { input } }) });
  const body = (await res.json()) as { data?: { startDownloadRestore?: { restoreJob?: { id: string; jobId: string } } } };
  const job = body.data?.startDownloadRestore?.restoreJob;
  if (!job) throw new Error(`no job: ${JSON.stringify(body)}`);
  return job;
}

function wsClient(url: string, token?: string): Client {
  return createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, onNonLazyError: () => undefined, ...(token ? { connectionParams: { authorization: `Bearer ${token}` } } : {}) });
}

/** Subscribes; resolves on the first event; `done` when the stream completes. */
function subscribe(client: Client, id: string): { first: Promise<void>; done: Promise<void> } {
  let firstResolve: () => void = () => undefined;
  const first = new Promise<void>((resolve) => (firstResolve = resolve));
  const done = new Promise<void>((resolve, reject) => {
    client.subscribe({ query: WATCH, variables: { id } }, { next: () => firstResolve(), complete: () => resolve(), error: (e) => reject(e instanceof Error ? e : new Error(JSON.stringify(e))) });
  });
  return { first, done };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function metric(gateway: Gateway, name: string): Promise<number> {
  const text = await gateway.metrics.text();
  return text.split('\n').filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `)).reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
}

/**
 * `tabs` subscribers per credential on one job, spread over `replicas` gateways, polled every second: the GETs of the
 * job between 0.5 s and 3.5 s after every INITIAL has arrived, divided by the 3 ticks in that window (every poll
 * started within a few milliseconds of the others, so each ticks exactly three times in it).
 */
async function getsPerTick(label: string, credentials: number, tabs: number, replicas: number, redisUrl: string | null, target: number): Promise<WatchCount> {
  // A job that stays running for the whole measurement.
  const sim = benchSimulator({ jobStepMs: 3_600_000 });
  const base = await sim.start(0, '127.0.0.1');
  const watch = { schedule: { minMs: 1_000, maxMs: 1_000, fastForMs: 0, rampMs: 0, jitter: 0 } };
  const gateways: Gateway[] = [];
  const clients: Client[] = [];
  try {
    for (let r = 0; r < replicas; r += 1) gateways.push(await startGateway(base, watch, redisUrl));
    const cluster = DEMO.clusters.CLOUD_BACKUP;
    const job = await startJob(gateways[0]!, BENCH_TOKENS[0]!, 'CLOUD_BACKUP', sim.snapshots.completedId(P, cluster));
    const path = `/api/atlas/v2/groups/${P}/clusters/${cluster}/backup/restoreJobs/${job.jobId}`;
    const streams: Promise<void>[] = [];
    for (let c = 0; c < credentials; c += 1) {
      for (let t = 0; t < tabs; t += 1) {
        const client = wsClient(gateways[(c * tabs + t) % replicas]!.url, BENCH_TOKENS[c]);
        clients.push(client);
        streams.push(subscribe(client, job.id).first);
      }
    }
    await Promise.all(streams);
    const getsNow = () => sim.calls.filter((call) => call.method === 'GET' && call.path === path).length;
    const initialGets = getsNow();
    await sleep(500);
    const from = getsNow();
    await sleep(3_000);
    const gets = getsNow() - from;
    const ticks = 3;
    let polls = 0;
    for (const g of gateways) polls += await metric(g, 'watch_polls_total');
    const figure = +(gets / ticks).toFixed(2);
    const who = `${credentials} credential${credentials > 1 ? 's' : ''} × ${tabs} tabs${replicas > 1 ? `, alternately on ${replicas} replicas sharing Redis` : ''}`;
    return {
      scenario: `${label}: ${credentials * tabs} subscribers (${who}); ${initialGets} GETs for every INITIAL, ${gets} in ${ticks} ticks (${polls} polls in all)`,
      figure,
      unit: 'GETs per poll tick',
      target: `${target}`,
      met: figure <= target,
    };
  } finally {
    await Promise.all(clients.map((c) => c.dispose()));
    for (const g of gateways) await g.stop();
    await sim.stop();
  }
}

/**
 * A 30-minute job watched end to end on the default schedule, every time divided by 100 (polls from 50 ms, up to
 * 300 ms after 600 + 2,400 ms; a flex job 6 s per state, so COMPLETED after 18 s = 30 min): its GETs.
 */
async function thirtyMinuteJob(): Promise<WatchCount[]> {
  const SCALE = 100;
  const s = DEFAULT_WATCH.schedule;
  const sim = benchSimulator({ jobStepMs: (30 * 60_000) / 3 / SCALE });
  const base = await sim.start(0, '127.0.0.1');
  const gateway = await startGateway(base, { schedule: { ...s, minMs: s.minMs / SCALE, maxMs: s.maxMs / SCALE, fastForMs: s.fastForMs / SCALE, rampMs: s.rampMs / SCALE } });
  const client = wsClient(gateway.url, BENCH_TOKENS[0]);
  try {
    const cluster = DEMO.clusters.FLEX;
    const job = await startJob(gateway, BENCH_TOKENS[0]!, 'FLEX', sim.snapshots.completedId(P, cluster));
    const path = `/api/atlas/v2/groups/${P}/flexClusters/${cluster}/backup/restoreJobs/${job.jobId}`;
    await subscribe(client, job.id).done;
    const gets = sim.calls.filter((c) => c.method === 'GET' && c.path === path).length;
    return [
      { scenario: '30-minute job watched end to end (times scaled 1/100)', figure: gets, unit: 'upstream GETs', target: '≤ 100', met: gets <= 100 },
      { scenario: 'the same with the atlas CLI (fixed 4 s, for comparison)', figure: (30 * 60) / 4, unit: 'upstream GETs', target: '-', met: true },
    ];
  } finally {
    await client.dispose();
    await gateway.stop();
    await sim.stop();
  }
}

/** The settled heap of a gateway process started with the heap probe (bench/heapProbe.ts), in bytes. */
async function heapOf(child: ChildProcess, file: string, reading: number): Promise<number> {
  child.kill('SIGUSR2');
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
    const lines = existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean) : [];
    if (lines.length >= reading) return Number(lines[reading - 1]);
    await sleep(50);
  }
  throw new Error('the heap probe did not answer');
}

/**
 * 1,000 idle subscriptions (50 connections × 20) of one job on one gateway process (demo mode, `npm start`'s build,
 * the heap probe preloaded): the settled heap before and after, per subscription.
 */
async function idleMemory(): Promise<WatchCount[]> {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-watch-bench-'));
  const heapFile = join(dir, 'heap.txt');
  const env = { PATH: process.env.PATH, PORT: '0', LOG_LEVEL: 'warn', DEMO_JOB_STEP_MS: '3600000', WATCH_POLL_MIN_MS: '60000', WATCH_POLL_MAX_MS: '60000', BENCH_HEAP_FILE: heapFile };
  const child = spawn(process.execPath, ['--expose-gc', '--require', join(ROOT, 'dist', 'bench', 'heapProbe.js'), join(ROOT, 'dist', 'src', 'index.js')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const clients: Client[] = [];
  try {
    let url = '';
    for (const deadline = Date.now() + 30_000; !url && Date.now() < deadline; await sleep(50)) url = /GraphQL at (http:\/\/\S+)/.exec(out)?.[1] ?? '';
    if (!url) throw new Error(`no banner: ${out}`);
    // Demo mode's snapshots follow from its seed.
    const snapshotId = new SnapshotStore(createDemoSeed()).completedId(P, DEMO.clusters.CLOUD_BACKUP);
    const input = { idempotencyKey: `bench-idle-${Date.now()}`, projectId: P, clusterName: DEMO.clusters.CLOUD_BACKUP, kind: 'CLOUD_BACKUP', snapshotId };
    const started = (await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: START, variables: { input } }) })).json()) as { data: { startDownloadRestore: { restoreJob: { id: string } } } };
    const id = started.data.startDownloadRestore.restoreJob.id;
    // One subscription first, so the poll, the schema's execution paths and the ws server are warm in the baseline.
    const warm = wsClient(url);
    clients.push(warm);
    await subscribe(warm, id).first;
    const before = await heapOf(child, heapFile, 1);
    const firsts: Promise<void>[] = [];
    for (let c = 0; c < 50; c += 1) {
      const client = wsClient(url);
      clients.push(client);
      for (let s = 0; s < 20; s += 1) firsts.push(subscribe(client, id).first);
    }
    await Promise.all(firsts);
    await sleep(500);
    const after = await heapOf(child, heapFile, 2);
    const perSubKB = +((after - before) / 1_000 / 1024).toFixed(1);
    return [
      { scenario: `1,000 idle subscriptions of one job on one process (50 connections × 20; heap ${(before / 2 ** 20).toFixed(1)} → ${(after / 2 ** 20).toFixed(1)} MB)`, figure: perSubKB, unit: 'KB of heap per subscription', target: '≤ 20', met: perSubKB <= 20 },
    ];
  } finally {
    await Promise.all(clients.map((c) => c.dispose()));
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A redis-server for the two-replica scenario: `BENCH_REDIS_URL` when set, else one started on a free loopback port. */
async function benchRedis(): Promise<{ url: string; stop(): void }> {
  if (process.env.BENCH_REDIS_URL) return { url: process.env.BENCH_REDIS_URL, stop: () => undefined };
  if (spawnSync('redis-server', ['--version']).error) throw new Error('redis-server is not installed (apt-get install redis-server), or set BENCH_REDIS_URL.');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await sleep(300);
  return { url: `redis://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

/** The watch scenarios of issue 16 (`npm run bench` runs them; `node dist/bench/watchCounts.js` runs them alone). */
export async function measureWatchCounts(): Promise<WatchCount[]> {
  const rows: WatchCount[] = [];
  rows.push(await getsPerTick('one job', 10, 10, 1, null, 10));
  rows.push(await getsPerTick('one job', 1, 100, 1, null, 1));
  const redis = await benchRedis();
  try {
    rows.push(await getsPerTick('one job', 1, 100, 2, redis.url, 1));
  } finally {
    redis.stop();
  }
  rows.push(...(await thirtyMinuteJob()));
  rows.push(...(await idleMemory()));
  return rows;
}

if (require.main === module) {
  measureWatchCounts().then(
    (rows) => {
      console.table(rows);
      process.exit(rows.every((r) => r.met) ? 0 : 1);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
