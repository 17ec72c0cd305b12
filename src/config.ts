import type { AtlasApiVersion } from './atlas/AtlasClient';

/** How the gateway authenticates to Atlas. */
export type AuthConfig =
  | { mode: 'demo' }
  | { mode: 'serviceAccount'; clientId: string; clientSecret: string }
  | { mode: 'digest'; publicKey: string; privateKey: string }
  | { mode: 'passthrough' };

/** The gateway's typed configuration; src/index.ts is the only reader of the environment. */
export interface Config {
  port: number;
  host: string;
  /** null in demo mode until the embedded simulator has started. */
  atlasBaseUrl: string | null;
  apiVersion: AtlasApiVersion;
  auth: AuthConfig;
  timeouts: { connectMs: number; attemptMs: number; requestMs: number };
  /** `NODE_ENV` ('' when unset). `production` turns off the landing page and introspection; only `development` shows stack traces. */
  nodeEnv: string;
  /** What a browser opening the GraphQL URL gets (`EXPLORER`); always 'off' in production. */
  explorer: ExplorerChoice;
  /** Whether `__schema`/`__type` queries are answered (`INTROSPECTION`; default: on outside production). */
  introspection: boolean;
  /** Origins allowed to call the gateway from a browser (`CORS_ORIGINS`), each exactly as a browser sends `Origin`. */
  corsOrigins: string[];
}

/** The explorer served at the GraphQL URL: Apollo Sandbox, the bundled offline GraphiQL, or none. */
export type ExplorerChoice = 'sandbox' | 'graphiql' | 'off';

const EXPLORER_CHOICES: readonly ExplorerChoice[] = ['sandbox', 'graphiql', 'off'];

/** A bad or missing variable; the message is one line naming it. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

type Env = Record<string, string | undefined>;

/** An empty variable counts as unset (DESIGN.md). */
function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `must be an integer from ${min} to ${max}, got "${raw}".`);
  }
  return Number(raw);
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (raw !== 'true' && raw !== 'false') throw new ConfigError(name, `must be "true" or "false", got "${raw}".`);
  return raw === 'true';
}

/** `CORS_ORIGINS`: comma-separated origins, each already in the form browsers send (scheme://host[:port]). */
function origins(env: Env, name: string): string[] {
  const entries = (read(env, name) ?? '').split(',').map((o) => o.trim()).filter((o) => o !== '');
  for (const entry of entries) {
    let origin: string | null = null;
    try {
      origin = new URL(entry).origin;
    } catch {
      // reported below
    }
    if (origin === entry && (entry.startsWith('https://') || entry.startsWith('http://'))) continue;
    const hint = origin && origin !== 'null' ? `; did you mean "${origin}"?` : '.';
    throw new ConfigError(name, `"${entry}" is not an origin: write scheme://host[:port] exactly as browsers send it (no path, no "*")${hint}`);
  }
  return [...new Set(entries)];
}

function both(env: Env, a: string, b: string): [string, string] | null {
  const x = read(env, a);
  const y = read(env, b);
  if (x === undefined && y === undefined) return null;
  if (x === undefined) throw new ConfigError(a, `is required when ${b} is set.`);
  if (y === undefined) throw new ConfigError(b, `is required when ${a} is set.`);
  return [x, y];
}

/** Reads and validates the configuration; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env): Config {
  const port = integer(env, 'PORT', 4000, 0, 65535);
  const host = read(env, 'HOST') ?? '127.0.0.1';
  const version = read(env, 'MONGODB_ATLAS_API_VERSION') ?? 'v2';
  if (version !== 'v2' && version !== 'v1.0') {
    throw new ConfigError('MONGODB_ATLAS_API_VERSION', `must be "v2" or "v1.0", got "${version}".`);
  }
  const baseUrl = read(env, 'MONGODB_ATLAS_BASE_URL');
  if (baseUrl !== undefined) {
    let parsed: URL;
    try {
      parsed = new URL(baseUrl);
    } catch {
      throw new ConfigError('MONGODB_ATLAS_BASE_URL', `is not a URL: "${baseUrl}".`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      throw new ConfigError('MONGODB_ATLAS_BASE_URL', 'must be an http(s) URL.');
    }
  }
  const serviceAccount = both(env, 'MONGODB_ATLAS_CLIENT_ID', 'MONGODB_ATLAS_CLIENT_SECRET');
  const apiKeys = both(env, 'MONGODB_ATLAS_PUBLIC_API_KEY', 'MONGODB_ATLAS_PRIVATE_API_KEY');
  const modeName = read(env, 'ATLAS_AUTH_MODE');
  if (modeName !== undefined && modeName !== 'passthrough') {
    throw new ConfigError('ATLAS_AUTH_MODE', `must be "passthrough" or unset, got "${modeName}".`);
  }
  const chosen = [serviceAccount && 'service account', apiKeys && 'API keys', modeName && 'passthrough'].filter(Boolean);
  if (chosen.length > 1) {
    throw new ConfigError('ATLAS_AUTH_MODE', `choose one way to authenticate, not ${chosen.join(' and ')}.`);
  }
  const anyAtlasVariable = Object.keys(env).some((k) => k.startsWith('MONGODB_ATLAS_') && read(env, k) !== undefined);
  let auth: AuthConfig;
  if (serviceAccount) auth = { mode: 'serviceAccount', clientId: serviceAccount[0], clientSecret: serviceAccount[1] };
  else if (apiKeys) auth = { mode: 'digest', publicKey: apiKeys[0], privateKey: apiKeys[1] };
  else if (modeName === 'passthrough') auth = { mode: 'passthrough' };
  else if (!anyAtlasVariable) auth = { mode: 'demo' };
  else {
    throw new ConfigError(
      'MONGODB_ATLAS_CLIENT_ID',
      'no Atlas credentials: set MONGODB_ATLAS_CLIENT_ID/SECRET, MONGODB_ATLAS_PUBLIC_API_KEY/PRIVATE_API_KEY, or ATLAS_AUTH_MODE=passthrough (or unset every MONGODB_ATLAS_* variable for demo mode).',
    );
  }
  const nodeEnv = read(env, 'NODE_ENV') ?? '';
  const production = nodeEnv === 'production';
  const explorerName = read(env, 'EXPLORER');
  if (explorerName !== undefined && !EXPLORER_CHOICES.includes(explorerName as ExplorerChoice)) {
    throw new ConfigError('EXPLORER', `must be one of ${EXPLORER_CHOICES.map((c) => `"${c}"`).join(', ')}, got "${explorerName}".`);
  }
  if (production && explorerName !== undefined && explorerName !== 'off') {
    throw new ConfigError('EXPLORER', `no explorer is served when NODE_ENV=production; unset EXPLORER or set it to "off".`);
  }
  return {
    port,
    host,
    atlasBaseUrl: auth.mode === 'demo' ? null : (baseUrl ?? 'https://cloud.mongodb.com'),
    apiVersion: version,
    auth,
    timeouts: {
      connectMs: integer(env, 'ATLAS_CONNECT_TIMEOUT_MS', 5_000, 1, 600_000),
      attemptMs: integer(env, 'ATLAS_ATTEMPT_TIMEOUT_MS', 10_000, 1, 600_000),
      requestMs: integer(env, 'REQUEST_TIMEOUT_MS', 30_000, 1, 600_000),
    },
    nodeEnv,
    explorer: production ? 'off' : ((explorerName as ExplorerChoice | undefined) ?? 'sandbox'),
    introspection: boolean(env, 'INTROSPECTION', !production),
    corsOrigins: origins(env, 'CORS_ORIGINS'),
  };
}
