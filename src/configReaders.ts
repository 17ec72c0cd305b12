/**
 * The environment readers of src/config.ts: each reads one variable, checks it, and throws a {@link ConfigError}
 * naming it. Imports nothing (config.ts owns the settings' types and defaults).
 */

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

/** The process environment, or a test's. */
export type Env = Record<string, string | undefined>;

/** An empty variable counts as unset (DESIGN.md). */
export function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** An integer from `min` to `max`. */
export function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `must be an integer from ${min} to ${max}, got "${raw}".`);
  }
  return Number(raw);
}

/** `on`/`off` (also `true`/`false`), for switches. */
export function toggle(env: Env, name: string, fallback: boolean): boolean {
  const raw = read(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (raw === 'on' || raw === 'true') return true;
  if (raw === 'off' || raw === 'false') return false;
  throw new ConfigError(name, `must be "on" or "off", got "${raw}".`);
}

/** `REDIS_URL`: a redis:// or rediss:// URL. NOTE: the value is never quoted back: it may hold a password. */
export function redisUrl(env: Env, name: string): string | null {
  const raw = read(env, name);
  if (raw === undefined) return null;
  let protocol: string | null = null;
  try {
    protocol = new URL(raw).protocol;
  } catch {
    // reported below
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') throw new ConfigError(name, 'must be a redis:// or rediss:// URL.');
  return raw;
}

/** A fraction from `min` to `max` (e.g. 0.1). */
export function fraction(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+(\.\d+)?$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `must be a number from ${min} to ${max}, got "${raw}".`);
  }
  return Number(raw);
}

/** `true` or `false`. */
export function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (raw !== 'true' && raw !== 'false') throw new ConfigError(name, `must be "true" or "false", got "${raw}".`);
  return raw === 'true';
}

/** An `on`/`off` switch. */
export function onOff(env: Env, name: string, fallback: boolean): boolean {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (raw !== 'on' && raw !== 'off') throw new ConfigError(name, `must be "on" or "off", got "${raw}".`);
  return raw === 'on';
}

/** `CORS_ORIGINS`: comma-separated origins, each already in the form browsers send (scheme://host[:port]). */
export function origins(env: Env, name: string): string[] {
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

/** A comma-separated list, each item matching `item`. */
export function list(env: Env, name: string, item: RegExp, what: string): string[] | null {
  const raw = read(env, name);
  if (raw === undefined) return null;
  const items = raw.split(',').map((part) => part.trim());
  const bad = items.findIndex((part) => !item.test(part));
  // NOTE: the bad item is named by position only: GATEWAY_TOKENS holds secrets, and this line is printed.
  if (bad >= 0) throw new ConfigError(name, `item ${bad + 1} of ${items.length} is not ${what}.`);
  return [...new Set(items)];
}

/** Two variables set together, or neither. */
export function both(env: Env, a: string, b: string): [string, string] | null {
  const x = read(env, a);
  const y = read(env, b);
  if (x === undefined && y === undefined) return null;
  if (x === undefined) throw new ConfigError(a, `is required when ${b} is set.`);
  if (y === undefined) throw new ConfigError(b, `is required when ${a} is set.`);
  return [x, y];
}


/** One of a few words (`values`), spelled exactly. */
export function choice<T extends string>(env: Env, name: string, fallback: T, values: readonly T[]): T {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!(values as readonly string[]).includes(raw)) throw new ConfigError(name, `must be ${values.map((v) => `"${v}"`).join(' or ')}, got "${raw}".`);
  return raw as T;
}
