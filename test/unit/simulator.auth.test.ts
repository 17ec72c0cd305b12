import { createHash } from 'node:crypto';
import { DEMO, DigestVerifier } from '../../src/simulator';
import { apiError, get, useSimulator, V2 } from '../support/simulatorHttp';

const P = DEMO.projectId;

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

function nonceOf(challenge: string | undefined): string {
  return /nonce="([^"]+)"/.exec(challenge ?? '')?.[1] ?? 'none';
}

function digestHeader(o: { user: string; password: string; nonce: string; uri: string; nc: number; realm?: string }): string {
  const realm = o.realm ?? 'MMS Public API';
  const nc = o.nc.toString(16).padStart(8, '0');
  const cnonce = `cn${o.nc}`;
  const response = md5(`${md5(`${o.user}:${realm}:${o.password}`)}:${o.nonce}:${nc}:${cnonce}:auth:${md5(`GET:${o.uri}`)}`);
  return `Digest username="${o.user}", realm="${realm}", nonce="${o.nonce}", uri="${o.uri}", algorithm=MD5, response="${response}", qop=auth, nc=${nc}, cnonce="${cnonce}"`;
}

describe('digest auth', () => {
  const { sim, base } = useSimulator({ auth: { mode: 'digest', publicKey: 'pubkey', privateKey: 'secret', nonceMaxUses: 3 } });
  const uri = `/api/atlas/v2/groups/${P}/clusters/legacy-cluster-0/restoreJobs?itemsPerPage=1`;
  const challengePattern = /^Digest realm="MMS Public API", domain="", nonce="[A-Za-z0-9_-]+", algorithm=MD5, qop="auth", stale=(true|false)$/;
  const unauthorized = apiError(401, 'UNAUTHORIZED', 'You are not authorized for this resource.', 'Unauthorized');

  async function challenge(): Promise<string> {
    const reply = await get(base(), uri, { accept: V2 });
    expect({ status: reply.status, body: reply.body, challenge: challengePattern.test(reply.wwwAuthenticate ?? '') }).toEqual({
      status: 401,
      body: unauthorized,
      challenge: true,
    });
    return nonceOf(reply.wwwAuthenticate);
  }

  const call = (authorization: string, path = uri) => get(base(), path, { accept: V2, authorization });

  it('challenges, then accepts a correct response with an increasing nc', async () => {
    const nonce = await challenge();
    expect((await call(digestHeader({ user: 'pubkey', password: 'secret', nonce, uri, nc: 1 }))).status).toBe(200);
    expect((await call(digestHeader({ user: 'pubkey', password: 'secret', nonce, uri, nc: 2 }))).status).toBe(200);
    expect({ challenges: sim().digestChallenges, statuses: sim().calls.map((c) => c.status) }).toEqual({ challenges: 1, statuses: [401, 200, 200] });
  });

  it('refuses a wrong password, user, realm or uri with stale=false', async () => {
    const nonce = await challenge();
    const other = `/api/atlas/v2/groups/${P}/clusters/legacy-cluster-0/restoreJobs`;
    const headers = [
      digestHeader({ user: 'pubkey', password: 'wrong', nonce, uri, nc: 1 }),
      digestHeader({ user: 'someone', password: 'secret', nonce, uri, nc: 1 }),
      digestHeader({ user: 'pubkey', password: 'secret', nonce, uri, nc: 1, realm: 'other' }),
      digestHeader({ user: 'pubkey', password: 'secret', nonce, uri: other, nc: 1 }),
    ];
    for (const header of headers) {
      const reply = await call(header);
      expect([reply.status, reply.body, /stale=false$/.test(reply.wwwAuthenticate ?? '')]).toEqual([401, unauthorized, true]);
    }
  });

  it('refuses a replayed nc, and by default accepts an unused lower one (concurrent requests arrive out of order)', async () => {
    const nonce = await challenge();
    const statuses: number[] = [];
    for (const nc of [2, 2, 1, 1]) statuses.push((await call(digestHeader({ user: 'pubkey', password: 'secret', nonce, uri, nc }))).status);
    expect(statuses).toEqual([200, 401, 200, 401]);
    expect(sim().digestChallenges).toBe(3);
  });

  it('marks a used-up nonce stale and accepts the fresh one', async () => {
    const nonce = await challenge();
    for (const nc of [1, 2, 3]) expect((await call(digestHeader({ user: 'pubkey', password: 'secret', nonce, uri, nc }))).status).toBe(200);
    const stale = await call(digestHeader({ user: 'pubkey', password: 'secret', nonce, uri, nc: 4 }));
    expect([stale.status, challengePattern.exec(stale.wwwAuthenticate ?? '')?.[1]]).toEqual([401, 'true']);
    const fresh = nonceOf(stale.wwwAuthenticate);
    expect(fresh).not.toBe(nonce);
    expect((await call(digestHeader({ user: 'pubkey', password: 'secret', nonce: fresh, uri, nc: 1 }))).status).toBe(200);
    // A wrong password on a used-up nonce is still a wrong password.
    const wrong = await call(digestHeader({ user: 'pubkey', password: 'nope', nonce, uri, nc: 5 }));
    expect(challengePattern.exec(wrong.wwwAuthenticate ?? '')?.[1]).toBe('false');
  });
});

describe('digest auth with a strict nonce count', () => {
  const { base } = useSimulator({ auth: { mode: 'digest', publicKey: 'pubkey', privateKey: 'secret', ncWindow: 0 } });
  const uri = `/api/atlas/v2/groups/${P}/serverless/serverless-0/backup/restoreJobs`;

  it('refuses a lower nc with stale=false', async () => {
    const nonce = nonceOf((await get(base(), uri, { accept: V2 })).wwwAuthenticate);
    const replies: [number, boolean][] = [];
    for (const nc of [1, 3, 2, 4]) {
      const reply = await get(base(), uri, { accept: V2, authorization: digestHeader({ user: 'pubkey', password: 'secret', nonce, uri, nc }) });
      replies.push([reply.status, /stale=false$/.test(reply.wwwAuthenticate ?? 'stale=false')]);
    }
    expect(replies).toEqual([
      [200, true],
      [200, true],
      [401, true],
      [200, true],
    ]);
  });
});

describe('DigestVerifier', () => {
  it('makes a nonce stale after nonceTtlMs, but only for a correct digest', () => {
    let now = 1_000_000;
    const verifier = new DigestVerifier({ publicKey: 'pk', privateKey: 'sk', nonceTtlMs: 60_000, now: () => now });
    const nonce = nonceOf(verifier.challenge(false));
    const uri = '/api/atlas/v2/groups/x';
    const header = (nc: number, password = 'sk') => digestHeader({ user: 'pk', password, nonce, uri, nc });
    expect(verifier.verify('GET', uri, header(1))).toEqual({ ok: true });
    now += 60_001;
    expect(verifier.verify('GET', uri, header(2))).toEqual({ ok: false, stale: true, reason: 'expired-nonce' });
    expect(verifier.verify('GET', uri, header(3, 'wrong'))).toEqual({ ok: false, stale: false, reason: 'wrong-response' });
    expect(verifier.verify('GET', uri, undefined)).toEqual({ ok: false, stale: false, reason: 'missing' });
    expect(verifier.verify('POST', uri, header(4))).toEqual({ ok: false, stale: false, reason: 'wrong-response' });
    expect(verifier.challenges).toBe(1);
  });

  it('calls a correct digest over a nonce it never issued stale', () => {
    const verifier = new DigestVerifier({ publicKey: 'pk', privateKey: 'sk' });
    const uri = '/x?y=1';
    expect(verifier.verify('GET', uri, digestHeader({ user: 'pk', password: 'sk', nonce: 'from-an-earlier-run', uri, nc: 1 }))).toEqual({
      ok: false,
      stale: true,
      reason: 'unknown-nonce',
    });
  });
});

describe('bearer auth and the token endpoint', () => {
  const { sim, base } = useSimulator({ auth: { mode: 'bearer', clientId: 'mdb_sa_id_1', clientSecret: 'mdb_sa_sk_2', tokenTtlSeconds: 600, acceptedTokens: ['static-token'] } });
  const path = `/api/atlas/v2/groups/${P}/serverless/serverless-0/backup/restoreJobs?itemsPerPage=1`;
  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
  const token = (authorization: string, body = 'grant_type=client_credentials') =>
    get(base(), '/api/oauth/token', { authorization, 'content-type': 'application/x-www-form-urlencoded' }, 'POST', body);

  it('issues tokens for the right client and accepts them', async () => {
    const reply = await token(basic('mdb_sa_id_1', 'mdb_sa_sk_2'));
    const body = reply.body as { access_token: string };
    expect(reply).toEqual({
      status: 200,
      contentType: 'application/json',
      wwwAuthenticate: undefined,
      body: { access_token: body.access_token, token_type: 'Bearer', expires_in: 600 },
    });
    expect(body.access_token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect((await get(base(), path, { accept: V2, authorization: `Bearer ${body.access_token}` })).status).toBe(200);
    expect((await get(base(), path, { accept: V2, authorization: 'Bearer static-token' })).status).toBe(200);
    expect({ tokenRequests: sim().tokenRequests, calls: sim().calls.map((c) => [c.path, c.status]) }).toEqual({
      tokenRequests: 1,
      calls: [
        [`/api/atlas/v2/groups/${P}/serverless/serverless-0/backup/restoreJobs`, 200],
        [`/api/atlas/v2/groups/${P}/serverless/serverless-0/backup/restoreJobs`, 200],
      ],
    });
  });

  it('refuses wrong client credentials, a wrong grant and unknown tokens', async () => {
    expect((await token(basic('mdb_sa_id_1', 'wrong'))).body).toEqual({ error: 'invalid_client' });
    expect((await token('')).status).toBe(401);
    expect(await token(basic('mdb_sa_id_1', 'mdb_sa_sk_2'), 'grant_type=password')).toEqual({
      status: 400,
      contentType: 'application/json',
      wwwAuthenticate: undefined,
      body: { error: 'unsupported_grant_type' },
    });
    expect(await get(base(), path, { accept: V2, authorization: 'Bearer made-up' })).toEqual({
      status: 401,
      contentType: 'application/json',
      wwwAuthenticate: 'Bearer realm="MMS Public API"',
      body: apiError(401, 'UNAUTHORIZED', 'You are not authorized for this resource.', 'Unauthorized'),
    });
    expect((await get(base(), path, { accept: V2 })).status).toBe(401);
    expect(sim().tokenRequests).toBe(3);
  });
});
