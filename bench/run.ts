import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { DEMO } from '../src/simulator';
import { measureCallCounts, type CallCount } from './callCounts';
import { BENCH_TOKENS, pageQuery } from './workload';

/**
 * `npm run bench`: the simulator and the gateway each in their own process on loopback, the gateway pinned to one
 * core (taskset); autocannon measures the direct REST call and the gateway query selecting the same fields, for pages
 * of 1, 100 and 500 jobs, at 20 ms and 0 ms upstream latency. Then the call-count scenarios. Bounded: every
 * autocannon run lasts BENCH_SECONDS (default 5).
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROOT = join(__dirname, '..', '..');
const TOKEN = BENCH_TOKENS[0]!;
const MEDIA = 'application/vnd.atlas.2023-01-01+json';

function startProcess(command: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(command, args, { cwd: ROOT, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start: ${out}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const match = ready.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match });
      }
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${out}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function rssMB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(field))!;
  return Math.round(Number(/(\d+)/.exec(line)![1]) / 1024);
}

async function load(opts: autocannon.Options): Promise<autocannon.Result> {
  const result = await autocannon({ duration: SECONDS, ...opts });
  if (result.non2xx || result.errors) throw new Error(`${opts.url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result;
}

interface LatencyRow { latencyMs: number; jobs: number; directP50: number; directP99: number; gatewayP50: number; gatewayP99: number; deltaP50: number; deltaP99: number }
interface ThroughputRow { jobs: number; directRps: number; gatewayRps: number; ratio: number; target: number; met: boolean }

async function main(): Promise<void> {
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'} ×${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
  console.log(`machine: ${machine}; autocannon runs of ${SECONDS} s`);
  const latencyRows: LatencyRow[] = [];
  const throughputRows: ThroughputRow[] = [];
  let rss = { idleMB: 0, peakMB: 0 };

  for (const latencyMs of [20, 0]) {
    const sim = await startProcess('node', ['dist/bench/sim-process.js', String(latencyMs)], {}, /\{"url":"([^"]+)"\}/);
    const simUrl = sim.match[1]!;
    const gw = await startProcess(
      'taskset',
      ['-c', '1', 'node', 'dist/src/index.js'],
      { PORT: '0', ATLAS_AUTH_MODE: 'passthrough', MONGODB_ATLAS_BASE_URL: simUrl, NODE_ENV: 'production' },
      /GraphQL at (http:\/\/\S+)/,
    );
    const gatewayUrl = gw.match[1]!;
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
      if (latencyMs === 0) rss.idleMB = rssMB(gw.child.pid!, 'VmRSS');
      for (const jobs of [1, 100, 500]) {
        const d = await load({ ...direct(jobs), connections: 1 });
        const g = await load({ ...viaGateway(jobs), connections: 1 });
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
      if (latencyMs === 0) {
        for (const [jobs, target] of [[1, 0.35], [100, 0.25]] as const) {
          const d = await load({ ...direct(jobs), connections: 10 });
          const g = await load({ ...viaGateway(jobs), connections: 10 });
          const ratio = +(g.requests.average / d.requests.average).toFixed(3);
          throughputRows.push({ jobs, directRps: d.requests.average, gatewayRps: g.requests.average, ratio, target, met: ratio >= target });
        }
        await load({ ...viaGateway(500), connections: 10 });
        rss.peakMB = rssMB(gw.child.pid!, 'VmHWM');
      }
    } finally {
      await stop(gw.child);
      await stop(sim.child);
    }
  }

  const callCounts: CallCount[] = await measureCallCounts();
  console.log('\nLatency at one connection (ms; Δ = gateway − direct REST):');
  console.table(latencyRows);
  console.log('Requests per second at 0 ms upstream, 10 connections, gateway on one core, no caches:');
  console.table(throughputRows);
  console.log(`Gateway RSS: idle ${rss.idleMB} MB, peak ${rss.peakMB} MB (VmHWM after 10 connections on 500-job pages)`);
  console.log('Upstream calls:');
  console.table(callCounts);
  const out = { machine, seconds: SECONDS, latencyRows, throughputRows, rss, callCounts };
  writeFileSync(join(ROOT, 'bench', 'results.json'), JSON.stringify(out, null, 2) + '\n');
  console.log('written: bench/results.json');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
