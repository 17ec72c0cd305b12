import { Agent, request } from 'undici';
import { AtlasSimulator, type SeedCluster, type SimulatorOptions } from '../../src/simulator';
import { createTestSeed } from './seeds';

/** The 2023-01-01 media type (legacy, shared tier, serverless, Cloud Backup). */
export const V2 = 'application/vnd.atlas.2023-01-01+json';
/** The 2024-11-13 media type (flex). */
export const FLEX_V2 = 'application/vnd.atlas.2024-11-13+json';

/** One answer of the simulator as its tests look at it. */
export interface Reply {
  status: number;
  contentType: string | undefined;
  wwwAuthenticate: string | undefined;
  body: unknown;
}

const agent = new Agent({ keepAliveTimeout: 1000 });
afterAll(() => agent.close());

/** Sends one request over a keep-alive agent; an empty body reads as `''`, any other as JSON. */
export async function get(base: string, path: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<Reply> {
  const res = await request(`${base}${path}`, { method: method as 'GET', headers, dispatcher: agent, ...(body === undefined ? {} : { body }) });
  const text = await res.body.text();
  const header = (name: string): string | undefined => {
    const value = res.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  };
  return { status: res.statusCode, contentType: header('content-type'), wwwAuthenticate: header('www-authenticate'), body: text === '' ? '' : JSON.parse(text) };
}

/** A JSON write: `body` serialized, `mediaType` sent as Content-Type and Accept (as the gateway sends them). */
export function send(base: string, method: 'POST' | 'DELETE', path: string, mediaType: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const sent: Record<string, string> = body === undefined ? {} : { 'content-type': mediaType };
  return get(base, path, { accept: mediaType, ...sent, ...headers }, method, body === undefined ? undefined : JSON.stringify(body));
}

/**
 * Starts a simulator (on the test seed unless `options.seed` says otherwise) on 127.0.0.1 for each test (or, with
 * `per: 'file'`, once for the file) and stops it afterwards.
 */
export function useSimulator(options?: SimulatorOptions, per: 'test' | 'file' = 'test'): { sim: () => AtlasSimulator; base: () => string } {
  let sim: AtlasSimulator;
  let base = '';
  const [before, after] = per === 'test' ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(async () => {
    sim = new AtlasSimulator({ seed: createTestSeed(), ...options });
    base = await sim.start(0, '127.0.0.1');
  });
  after(() => sim.stop());
  return { sim: () => sim, base: () => base };
}

/**
 * {@link useSimulator} on a clock the test moves by hand: restore jobs step every `stepMs`, and the clock is set back to
 * `t0` before each test.
 */
export function useClockedSimulator(t0: number, stepMs: number): { sim: () => AtlasSimulator; base: () => string; clock: ManualClock } {
  const clock = new ManualClock(t0);
  const { sim, base } = useSimulator({ now: clock.now, jobStepMs: stepMs });
  beforeEach(() => {
    clock.ms = t0;
  });
  return { sim, base, clock };
}

/** A cluster of a fresh test seed (what the simulator serves before any write). */
export function seedCluster(projectId: string, name: string): SeedCluster {
  const found = createTestSeed()
    .projects.find((p) => p.id === projectId)
    ?.clusters.find((c) => c.name === name);
  if (!found) throw new Error(`no seed cluster ${name}`);
  return found;
}

/** An Atlas `ApiError` body. */
export const apiError = (error: number, errorCode: string, detail: string, reason: string) => ({ detail, error, errorCode, reason });

/** A 400 `ApiError` body naming the request fields at fault (`badRequestDetail.fields`). */
export const badRequest = (errorCode: string, detail: string, fields: { field: string; description: string }[] = []) => ({
  ...(fields.length ? { badRequestDetail: { fields } } : {}),
  ...apiError(400, errorCode, detail, 'Bad Request'),
});

/** ISO 8601 without milliseconds, as Atlas writes it. */
export const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A clock a test moves by hand (the simulator's `now` option). */
export class ManualClock {
  constructor(public ms: number) {}
  readonly now = (): number => this.ms;
}

/**
 * A seeded body as a v1.0 answer has it: every `href` naming a v2 path names its v1.0 path (the seed holds v2 links;
 * Atlas's v1.0 answers link to v1.0 URLs).
 */
export function onV1<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (key, v: unknown) => (key === 'href' && typeof v === 'string' ? v.replace('/api/atlas/v2/', '/api/atlas/v1.0/') : v)) as T;
}
