import { DEMO } from '../../src/simulator';
import { startHarness, type Harness } from '../support/harness';

const LIST = `query($p: ObjectID!, $c: String!) { restoreJobs(kind: LEGACY_BACKUP, projectId: $p, clusterName: $c, first: 1) { nodes { jobId } } }`;
const vars = { p: DEMO.projectId, c: DEMO.clusters.LEGACY_BACKUP };

describe('Digest API keys against a server that checks the response hash', () => {
  let h: Harness;
  afterEach(() => h.stop());

  it('answers the challenge once, then one round trip per call, and takes a new nonce when it goes stale', async () => {
    h = await startHarness({
      simulator: { auth: { mode: 'digest', publicKey: 'pubkey1', privateKey: 'digest-private-9d1e', nonceMaxUses: 4 } },
      auth: { mode: 'digest', publicKey: 'pubkey1', privateKey: 'digest-private-9d1e' },
    });
    for (let i = 0; i < 10; i += 1) {
      const res = await h.query(LIST, vars);
      expect(res.errors).toBeUndefined();
    }
    const statuses = h.sim.calls.map((c) => c.status);
    // 1 challenge to start; each nonce serves 4 calls, then one stale challenge: 10 answers, 1 + 2 challenges.
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 401)).toHaveLength(3);
    expect(h.sim.digestChallenges).toBe(3);
    // Never two round trips for a call while a nonce is fresh: a 401 only ever follows the 4th use of a nonce.
    expect(statuses).toEqual([401, 200, 200, 200, 200, 401, 200, 200, 200, 200, 401, 200, 200]);
  });

  it('20 concurrent first calls share one challenge: 21 round trips, not 40', async () => {
    h = await startHarness({
      simulator: { auth: { mode: 'digest', publicKey: 'pubkey1', privateKey: 'digest-private-9d1e' } },
      auth: { mode: 'digest', publicKey: 'pubkey1', privateKey: 'digest-private-9d1e' },
      // Coalescing off: with it, the 20 identical GETs would be one call.
      cache: { coalesce: false },
    });
    const results = await Promise.all(Array.from({ length: 20 }, () => h.query(LIST, vars)));
    expect(results.filter((r) => r.errors !== undefined)).toEqual([]);
    expect([h.sim.calls.filter((c) => c.status === 401).length, h.sim.calls.filter((c) => c.status === 200).length, h.sim.digestChallenges]).toEqual([1, 20, 1]);
  });

  it('200 calls at concurrency 20 across nonce rollovers: every call answered; at most one extra round trip per call in flight at a rollover', async () => {
    h = await startHarness({
      simulator: { auth: { mode: 'digest', publicKey: 'pubkey1', privateKey: 'digest-private-9d1e', nonceMaxUses: 50 } },
      auth: { mode: 'digest', publicKey: 'pubkey1', privateKey: 'digest-private-9d1e' },
      cache: { coalesce: false },
    });
    let next = 0;
    const errors: unknown[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (next < 200) {
          next += 1;
          const res = await h.query(LIST, vars);
          if (res.errors) errors.push(res.errors);
        }
      }),
    );
    const challenged = h.sim.calls.filter((c) => c.status === 401).length;
    expect([errors, h.sim.calls.filter((c) => c.status === 200).length]).toEqual([[], 200]);
    // 1 challenge at start; 200 uses at 50 per nonce are at most 4 rollovers, each costing at most the 20 in flight.
    expect(challenged).toBeLessThanOrEqual(1 + 4 * 20);
  });

  it('wrong keys give UNAUTHENTICATED, not a loop, and the key never appears in the answer', async () => {
    h = await startHarness({
      simulator: { auth: { mode: 'digest', publicKey: 'pubkey1', privateKey: 'the-right-key' } },
      auth: { mode: 'digest', publicKey: 'pubkey1', privateKey: 'a-wrong-key-5521' },
    });
    const res = await h.post(LIST, vars);
    expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(res.text).not.toContain('a-wrong-key-5521');
    expect(h.sim.calls.length).toBeLessThanOrEqual(3);
  });
});

describe('service account (OAuth2 client credentials)', () => {
  let h: Harness;
  afterEach(() => h.stop());

  it('50 concurrent queries cost 1 token request', async () => {
    h = await startHarness({
      simulator: { auth: { mode: 'bearer', clientId: 'sa-1', clientSecret: 'sa-secret-77' } },
      auth: { mode: 'serviceAccount', clientId: 'sa-1', clientSecret: 'sa-secret-77' },
      // Coalescing off: with it, the 50 identical GETs would be one call, and only one would need the token.
      cache: { coalesce: false },
    });
    const results = await Promise.all(Array.from({ length: 50 }, () => h.query(LIST, vars)));
    for (const res of results) expect(res.errors).toBeUndefined();
    expect(h.sim.tokenRequests).toBe(1);
    expect(h.sim.calls.filter((c) => c.status === 200)).toHaveLength(50);
    // Later queries reuse the cached token.
    await h.query(LIST, vars);
    expect(h.sim.tokenRequests).toBe(1);
  });

  it('refreshes the token before it expires', async () => {
    // A 2 s token: the gateway refreshes at half its life at the latest.
    h = await startHarness({
      simulator: { auth: { mode: 'bearer', clientId: 'sa-1', clientSecret: 'sa-secret-77', tokenTtlSeconds: 2 } },
      auth: { mode: 'serviceAccount', clientId: 'sa-1', clientSecret: 'sa-secret-77' },
    });
    expect((await h.query(LIST, vars)).errors).toBeUndefined();
    await new Promise((r) => setTimeout(r, 1_200));
    expect((await h.query(LIST, vars)).errors).toBeUndefined();
    expect(h.sim.tokenRequests).toBe(2);
    expect(h.sim.calls.every((c) => c.status === 200)).toBe(true);
  });

  it('a refused client secret is UNAUTHENTICATED without the secret in the answer', async () => {
    h = await startHarness({
      simulator: { auth: { mode: 'bearer', clientId: 'sa-1', clientSecret: 'sa-secret-77' } },
      auth: { mode: 'serviceAccount', clientId: 'sa-1', clientSecret: 'not-the-secret-31' },
    });
    const res = await h.post(LIST, vars);
    expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(res.text).not.toContain('not-the-secret-31');
    expect(h.sim.calls).toHaveLength(0);
  });
});

describe('passthrough bearer', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      simulator: { auth: { mode: 'bearer', clientId: 'x', clientSecret: 'y', acceptedTokens: ['caller-token-A', 'caller-token-B'] } },
      auth: { mode: 'passthrough' },
    });
  });
  afterAll(() => h.stop());
  beforeEach(() => h.sim.resetCalls());

  it("forwards each caller's own token", async () => {
    expect((await h.query(LIST, vars, { authorization: 'Bearer caller-token-A' })).errors).toBeUndefined();
    expect((await h.query(LIST, vars, { authorization: 'Bearer caller-token-B' })).errors).toBeUndefined();
    expect(h.sim.calls.map((c) => c.authorization)).toEqual(['Bearer caller-token-A', 'Bearer caller-token-B']);
  });

  it('a caller without a token gets 401 UNAUTHENTICATED and no upstream call', async () => {
    const res = await h.post(LIST, vars);
    expect(res.status).toBe(401);
    expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(h.sim.calls).toHaveLength(0);
  });

  it('a token Atlas refuses is UNAUTHENTICATED, and is not echoed', async () => {
    const res = await h.post(LIST, vars, { authorization: 'Bearer caller-token-revoked' });
    expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(res.text).not.toContain('caller-token-revoked');
  });
});

describe('service account: the token endpoint failing is an outage, never a verdict on the credentials', () => {
  let h: Harness;
  afterEach(() => h.stop());
  const ONE = `query($p: ObjectID!, $c: String!) { restoreJob(kind: LEGACY_BACKUP, projectId: $p, clusterName: $c, jobId: "ffffffffffffffffffffffff") { jobId } }`;
  const TOKEN = (c: { path: string }): boolean => c.path === '/api/oauth/token';
  const start = () =>
    startHarness({
      simulator: { auth: { mode: 'bearer', clientId: 'sa-1', clientSecret: 'sa-secret-77' } },
      auth: { mode: 'serviceAccount', clientId: 'sa-1', clientSecret: 'sa-secret-77' },
    });

  it('a 503 once: the token request is retried after a backoff, then the data', async () => {
    h = await start();
    h.sim.inject({ match: TOKEN, status: 503 });
    expect(await h.query(LIST, vars)).toEqual({ data: { restoreJobs: { nodes: [{ jobId: expect.any(String) }] } } });
    expect([h.sim.tokenRequests, h.clock.sleeps, h.sim.calls.map((c) => c.status)]).toEqual([2, [125], [200]]);
  });

  it('503 on every try: UPSTREAM_UNAVAILABLE after 3 retries (4 token requests), and the API never called', async () => {
    h = await start();
    h.sim.inject({ match: TOKEN, status: 503, times: Infinity });
    expect(await h.query(ONE, vars)).toEqual({
      data: { restoreJob: null },
      errors: [
        {
          message: 'The Atlas token endpoint is unavailable (HTTP 503); the request was not sent.',
          locations: expect.any(Array),
          path: ['restoreJob'],
          extensions: { code: 'UPSTREAM_UNAVAILABLE', atlas: { status: 503, errorCode: expect.any(String), detail: null } },
        },
      ],
    });
    expect([h.sim.tokenRequests, h.clock.sleeps, h.sim.calls]).toEqual([4, [125, 250, 500], []]);
  });

  it('a 401 of the token endpoint is UNAUTHENTICATED at once, without a retry', async () => {
    h = await start();
    h.sim.inject({ match: TOKEN, status: 401, times: Infinity });
    const res = await h.post(LIST, vars);
    expect([res.body.errors?.map((e) => e.extensions?.code), h.sim.tokenRequests, h.clock.sleeps]).toEqual([['UNAUTHENTICATED'], 1, []]);
  });

  it('a token answer over 64 KiB is not read to the end: UPSTREAM_ERROR', async () => {
    h = await start();
    h.sim.inject({ match: TOKEN, status: 200, body: JSON.stringify({ access_token: 'x'.repeat(200_000), expires_in: 3600 }), headers: { 'Content-Type': 'application/json' } });
    const res = await h.query(LIST, vars);
    expect([res.errors?.map((e) => [e.extensions?.code, e.message]), h.sim.calls]).toEqual([[['UPSTREAM_ERROR', 'Atlas sent a response the gateway could not read.']], []]);
  });
});
