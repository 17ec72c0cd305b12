import { AtlasSimulator, type SimulatorOptions } from '../../src/simulator';
import type { AuthConfig, Config } from '../../src/config';
import { startGateway, type Gateway, type GatewayDeps } from '../../src/server';

/** A GraphQL response as the wire carries it. */
export interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** The real gateway in front of the real simulator, both on loopback ephemeral ports. */
export interface Harness {
  sim: AtlasSimulator;
  /** The simulator's base URL. */
  atlasBaseUrl: string;
  gateway: Gateway;
  /** POSTs a GraphQL request; returns the HTTP status and the parsed body. */
  post(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: GraphQLResponse; text: string }>;
  /** Like post, returning only the body. */
  query(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse>;
  stop(): Promise<void>;
}

/** Options: the simulator's, the gateway's auth, API version and time limits. */
export interface HarnessOptions {
  simulator?: SimulatorOptions;
  auth?: AuthConfig;
  apiVersion?: Config['apiVersion'];
  timeouts?: Partial<Config['timeouts']>;
  nodeEnv?: string;
  /** What the gateway gets besides configuration (e.g. a cluster-kind cache the test can clear). */
  deps?: GatewayDeps;
}

/** Starts the simulator and a gateway pointed at it. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const sim = new AtlasSimulator(options.simulator);
  const atlasBaseUrl = await sim.start(0, '127.0.0.1');
  const gateway = await startGateway({
    port: 0,
    host: '127.0.0.1',
    atlasBaseUrl,
    apiVersion: options.apiVersion ?? 'v2',
    auth: options.auth ?? { mode: 'demo' },
    timeouts: { connectMs: 2_000, attemptMs: 5_000, requestMs: 10_000, ...options.timeouts },
    nodeEnv: options.nodeEnv ?? 'test',
  }, options.deps);
  const post: Harness['post'] = async (query, variables, headers) => {
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    return { status: res.status, body: JSON.parse(text) as GraphQLResponse, text };
  };
  return {
    sim,
    atlasBaseUrl,
    gateway,
    post,
    query: async (query, variables, headers) => (await post(query, variables, headers)).body,
    async stop() {
      await gateway.stop();
      await sim.stop();
    },
  };
}
