import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { AtlasSimulator, DEMO } from '../../src/simulator';
import { createTestSeed } from '../support/seeds';
import { startTestRedis, type TestRedis } from '../support/redis';

const ROOT = join(__dirname, '..', '..');
const TOKENS = ['replica-token-A', 'replica-token-B', 'replica-token-C', 'replica-token-D'];
const P = DEMO.projectId;
const C = DEMO.clusters.LEGACY_BACKUP;
const JOB = `query($j: ObjectID!) { restoreJob(kind: LEGACY_BACKUP, projectId: "${P}", clusterName: "${C}", jobId: $j) { id jobId status finishedAt } }`;
const LIST = `{ restoreJobs(kind: LEGACY_BACKUP, projectId: "${P}", clusterName: "${C}", first: 20) { nodes { jobId status } } }`;

interface Replica {
  url: string;
  child: ChildProcess;
  output: () => string;
}

/** One gateway process: `src/index.ts` as `npm start` runs it (compiled on load), in passthrough mode, with REDIS_URL. */
async function startReplica(atlasBaseUrl: string, redisUrl: string): Promise<Replica> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: '0',
    ATLAS_AUTH_MODE: 'passthrough',
    MONGODB_ATLAS_BASE_URL: atlasBaseUrl,
    REDIS_URL: redisUrl,
    LOG_LEVEL: 'warn',
    // The test's keep-alive connections would otherwise hold each replica for the default 10 s grace.
    SHUTDOWN_GRACE_MS: '500',
  };
  const child = spawn(process.execPath, ['-r', join(ROOT, 'test', 'support', 'register-ts.js'), join(ROOT, 'src', 'index.ts')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner within 30 s:\n${output}`)), 30_000);
    const check = setInterval(() => {
      const match = /GraphQL at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearInterval(check);
        clearTimeout(timer);
        resolve(match[1]!);
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${output}`));
    });
  });
  return { url, child, output: () => output };
}

async function stopReplica(replica: Replica | undefined): Promise<void> {
  if (!replica || replica.child.exitCode !== null) return;
  const exited = new Promise((resolve) => replica.child.once('exit', resolve));
  replica.child.kill('SIGTERM');
  await exited;
}

async function query(replica: Replica, token: string, body: Record<string, unknown>): Promise<{ data?: Record<string, unknown>; errors?: { message: string; extensions?: { code?: string } }[] }> {
  const res = await fetch(replica.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return (await res.json()) as { data?: Record<string, unknown> };
}

/** Two gateway processes sharing one real redis-server, in front of one simulator on loopback. */
describe('two replicas sharing one Redis', () => {
  let redis: TestRedis;
  let sim: AtlasSimulator;
  let one: Replica;
  let two: Replica;
  let finished: string;
  const callsBy = (token: string) => sim.calls.filter((c) => c.authorization === `Bearer ${token}`);

  beforeAll(async () => {
    redis = await startTestRedis();
    sim = new AtlasSimulator({ seed: createTestSeed(), auth: { mode: 'bearer', clientId: 'x', clientSecret: 'y', acceptedTokens: TOKENS } });
    const atlasBaseUrl = await sim.start(0, '127.0.0.1');
    one = await startReplica(atlasBaseUrl, redis.url);
    two = await startReplica(atlasBaseUrl, redis.url);
    const jobs = sim.seed.projects.find((p) => p.id === P)!.clusters.find((c) => c.name === C)!.legacy!;
    finished = jobs.find((j) => j.statusName === 'FINISHED')!.id!;
  }, 90_000);

  afterAll(async () => {
    await Promise.all([stopReplica(one), stopReplica(two)]);
    await sim?.stop();
    await redis?.stop();
    // Nothing either replica logged (at warn) holds a token.
    for (const replica of [one, two]) for (const token of TOKENS) expect(replica?.output() ?? '').not.toContain(token);
  }, 30_000);

  beforeEach(() => sim.resetCalls());

  it('a finished job fetched through one replica is served by the other with no upstream call', async () => {
    const [a] = TOKENS;
    const first = await query(one, a!, { query: JOB, variables: { j: finished } });
    expect(first.errors).toBeUndefined();
    expect(first.data).toMatchObject({ restoreJob: { jobId: finished, status: 'COMPLETED' } });
    expect(callsBy(a!)).toHaveLength(1);
    expect(await query(two, a!, { query: JOB, variables: { j: finished } })).toEqual(first);
    expect(sim.calls).toHaveLength(1);
  });

  it('a list read through one replica primes the other: opening a finished job costs no call', async () => {
    const c = TOKENS[2]!;
    const list = await query(one, c, { query: LIST });
    expect(list.errors).toBeUndefined();
    expect(sim.calls).toHaveLength(1);
    const job = await query(two, c, { query: JOB, variables: { j: finished } });
    expect(job.data).toMatchObject({ restoreJob: { jobId: finished } });
    expect(sim.calls).toHaveLength(1);
  });

  it('in passthrough mode nothing is shared across credentials, on either replica', async () => {
    const [a, b] = [TOKENS[0]!, TOKENS[1]!];
    // a has the job in Redis (first test, or fetched now); b does not.
    await query(one, a, { query: JOB, variables: { j: finished } });
    sim.resetCalls();
    const viaTwo = await query(two, b, { query: JOB, variables: { j: finished } });
    expect(viaTwo.data).toMatchObject({ restoreJob: { jobId: finished } });
    const viaOne = await query(one, b, { query: JOB, variables: { j: finished } });
    expect(viaOne).toEqual(viaTwo);
    // b paid its own call, once (then Redis served b too); a's entry served nobody else.
    expect(sim.calls.map((call) => call.authorization)).toEqual([`Bearer ${b}`]);
    // A token Atlas refuses gets no one's cached answer.
    const refused = await query(two, 'replica-token-unknown', { query: JOB, variables: { j: finished } });
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  it("Apollo's APQ cache is in Redis: a query registered at one replica runs by hash at the other", async () => {
    const d = TOKENS[3]!;
    const text = `{ restoreJobs(kind: LEGACY_BACKUP, projectId: "${P}", clusterName: "${C}", first: 2) { nodes { jobId } } }`;
    const sha256Hash = createHash('sha256').update(text).digest('hex');
    const persistedQuery = { version: 1, sha256Hash };
    const unknown = await query(two, d, { extensions: { persistedQuery } });
    expect(unknown.errors?.map((e) => e.extensions?.code)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    const registered = await query(one, d, { query: text, extensions: { persistedQuery } });
    expect(registered.errors).toBeUndefined();
    expect(await query(two, d, { extensions: { persistedQuery } })).toEqual(registered);
  });
});
