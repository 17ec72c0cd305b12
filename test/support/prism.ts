import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import type { UpstreamCallEvent } from '../../src/atlas/AtlasClient';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/observability/logger';
import type { Gateway, GatewayDeps } from '../../src/server';
import { startGateway, type GraphQLResponse } from './harness';
import { mapLimit } from './mapLimit';

/** A running Stoplight Prism mock server. */
export interface PrismServer {
  /** e.g. `http://127.0.0.1:40123` */
  url: string;
  /** The last lines Prism wrote (for a failing test's message). */
  output(): string;
  /** Kills Prism (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. */
  stop(): Promise<void>;
}

/** Options of {@link startPrism}. */
export interface PrismOptions {
  /** The OpenAPI document to serve. */
  spec: string;
  /** How long Prism may take to answer its first request (default 45 s). */
  startTimeoutMs?: number;
}

const REPO_ROOT = join(__dirname, '..', '..');
const MAX_OUTPUT_LINES = 200;

/** A free loopback port (bound, read, released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts `prism mock -d` (dynamic: a random body conforming to the spec for each request) on 127.0.0.1 from this
 * repository's node_modules, and resolves once it answers HTTP. Scarf analytics off; nothing leaves loopback.
 */
export async function startPrism(options: PrismOptions): Promise<PrismServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const bin = join(REPO_ROOT, 'node_modules', '.bin', 'prism');
  const child = spawn(bin, ['mock', '-d', '-h', '127.0.0.1', '-p', String(port), options.spec], {
    env: { ...process.env, SCARF_ANALYTICS: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer): void => {
    lines.push(...chunk.toString('utf8').split('\n').filter((l) => l.trim() !== ''));
    if (lines.length > MAX_OUTPUT_LINES) lines.splice(0, lines.length - MAX_OUTPUT_LINES);
  };
  // Both pipes are drained for as long as Prism runs (a full pipe would block it).
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited(child);
      clearTimeout(timer);
    }
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 45_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`prism exited (${child.exitCode ?? child.signalCode}) before serving:\n${lines.join('\n')}`);
    }
    try {
      // Any HTTP answer (Prism says 404 to an unknown path) means it listens.
      await fetch(`${url}/`, { signal: AbortSignal.timeout(1_000) });
      break;
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`prism did not answer within ${options.startTimeoutMs ?? 45_000} ms:\n${lines.join('\n')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { url, output: () => lines.join('\n'), stop };
}

/** The gateway in passthrough mode against a Prism mock of one spec, with what a contract run needs. */
export interface PrismContractRun {
  prism: PrismServer;
  gateway: Gateway;
  /** Every upstream call the gateway made, in order. */
  upstream: UpstreamCallEvent[];
  /** The run's connection pool (for requests of a test's own). */
  agent: Agent;
  /** One GraphQL request to the gateway with the run's credential; the parsed body. */
  graphql(query: string, variables: Record<string, unknown>): Promise<GraphQLResponse>;
  /** Runs `fn` over `items`, `concurrency` at a time, and resolves with the results in order. */
  mapLimit<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]>;
  /** Stops the gateway, Prism and the pool. */
  stop(): Promise<void>;
}

/**
 * Starts Prism on `spec` and a gateway in passthrough mode against it (Prism requires a credential on every operation,
 * and a Bearer token passes; demo mode would send none and get 401s), silent, with generous time limits. `deps` adds
 * to the gateway's (e.g. a cluster-kind cache the run fills first).
 */
export async function startPrismContractRun(options: { spec: string; credential: string; concurrency: number; deps?: GatewayDeps }): Promise<PrismContractRun> {
  const agent = new Agent({ connections: options.concurrency });
  const upstream: UpstreamCallEvent[] = [];
  const prism = await startPrism({ spec: options.spec });
  let gateway: Gateway;
  try {
    gateway = await startGateway(
      {
        ...loadConfig({ EXECUTOR: process.env.EXECUTOR }),
        port: 0,
        host: '127.0.0.1',
        atlasBaseUrl: prism.url,
        apiVersion: 'v2',
        auth: { mode: 'passthrough' },
        timeouts: { connectMs: 2_000, attemptMs: 10_000, requestMs: 20_000 },
        nodeEnv: 'test',
      },
      { onUpstreamCall: (event) => upstream.push(event), logger: createLogger({ level: 'silent' }), ...options.deps },
    );
  } catch (err) {
    await prism.stop();
    await agent.close();
    throw err;
  }
  const graphql = async (query: string, variables: Record<string, unknown>): Promise<GraphQLResponse> => {
    const res = await request(gateway.url, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/json', authorization: options.credential },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.body.json()) as GraphQLResponse;
  };
  const limited = <T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> => mapLimit(items, options.concurrency, fn);
  const stop = async (): Promise<void> => {
    await gateway.stop();
    await prism.stop();
    await agent.close();
  };
  return { prism, gateway, upstream, agent, graphql, mapLimit: limited, stop };
}
