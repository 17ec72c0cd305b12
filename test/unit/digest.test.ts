import { DigestAuth, digestResponse, parseDigestChallenge } from '../../src/atlas/auth/DigestAuth';

describe('digest arithmetic', () => {
  it('matches the RFC 2617 section 3.5 example (MD5, qop=auth)', () => {
    expect(
      digestResponse({
        username: 'Mufasa',
        password: 'Circle Of Life',
        realm: 'testrealm@host.com',
        method: 'GET',
        uri: '/dir/index.html',
        nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
        nc: '00000001',
        cnonce: '0a4f113b',
        qop: 'auth',
      }),
    ).toBe('6629fae49393a05397450978507c4ef1');
  });

  it("parses Atlas's challenge, including the reference page's `op=` spelling", () => {
    expect(parseDigestChallenge('Digest realm="MMS Public API", domain="", nonce="abc", algorithm=MD5, op="auth", stale=false')).toEqual({
      realm: 'MMS Public API',
      nonce: 'abc',
      qop: 'auth',
      opaque: null,
      algorithm: 'MD5',
      stale: false,
    });
    expect(parseDigestChallenge('Digest realm="r", nonce="n2", qop="auth,auth-int", stale=TRUE, opaque="o"')).toEqual({
      realm: 'r',
      nonce: 'n2',
      qop: 'auth',
      opaque: 'o',
      algorithm: 'MD5',
      stale: true,
    });
    expect(parseDigestChallenge('Bearer realm="x"')).toBeNull();
  });

  it('counts nc per nonce and restarts it on a new nonce', async () => {
    const auth = new DigestAuth('pub', 'priv');
    expect(await auth.authorization({ method: 'GET', uri: '/a' })).toBeUndefined();
    expect(await auth.onUnauthorized({ wwwAuthenticate: 'Digest realm="r", nonce="n1", qop="auth"', hadAuthorization: false })).toBe(true);
    const first = await auth.authorization({ method: 'GET', uri: '/a' });
    const second = await auth.authorization({ method: 'GET', uri: '/a' });
    expect(first).toMatch(/nc=00000001/);
    expect(second).toMatch(/nc=00000002/);
    // Same nonce again, not stale: the keys are wrong, so no retry.
    expect(await auth.onUnauthorized({ wwwAuthenticate: 'Digest realm="r", nonce="n1", qop="auth"', hadAuthorization: true })).toBe(false);
    // Stale: a new nonce, retry, nc restarts.
    expect(await auth.onUnauthorized({ wwwAuthenticate: 'Digest realm="r", nonce="n2", qop="auth", stale=true', hadAuthorization: true })).toBe(true);
    expect(await auth.authorization({ method: 'GET', uri: '/a' })).toMatch(/nonce="n2".*nc=00000001/);
  });

  it('calls that start before a nonce is known wait for the one call that fetches the challenge', async () => {
    const auth = new DigestAuth('pub', 'priv');
    expect(await auth.authorization({ method: 'GET', uri: '/a' })).toBeUndefined();
    const waiting = [auth.authorization({ method: 'GET', uri: '/b' }), auth.authorization({ method: 'GET', uri: '/c' })];
    expect(await auth.onUnauthorized({ wwwAuthenticate: 'Digest realm="r", nonce="n1", qop="auth"', hadAuthorization: false })).toBe(true);
    auth.probeEnded();
    const [b, c] = await Promise.all(waiting);
    expect([/nonce="n1".*nc=00000001/.test(b!), /nonce="n1".*nc=00000002/.test(c!)]).toEqual([true, true]);
  });

  it('a first call that meets no challenge lets the next waiting call try, one at a time', async () => {
    const auth = new DigestAuth('pub', 'priv');
    expect(await auth.authorization({ method: 'GET', uri: '/a' })).toBeUndefined();
    let settled = 0;
    const second = auth.authorization({ method: 'GET', uri: '/b' }).finally(() => (settled += 1));
    const third = auth.authorization({ method: 'GET', uri: '/c' }).finally(() => (settled += 1));
    await Promise.resolve();
    expect(settled).toBe(0);
    auth.probeEnded(); // e.g. the first call's connection was refused
    expect(await second).toBeUndefined();
    expect(settled).toBe(1);
    expect(await auth.onUnauthorized({ wwwAuthenticate: 'Digest realm="r", nonce="n1", qop="auth"', hadAuthorization: false })).toBe(true);
    expect(await third).toMatch(/nonce="n1"/);
  });

  it('a call refused on an older nonce retries on the one another call learned, without replacing it', async () => {
    const auth = new DigestAuth('pub', 'priv');
    await auth.authorization({ method: 'GET', uri: '/a' });
    await auth.onUnauthorized({ wwwAuthenticate: 'Digest realm="r", nonce="n1", qop="auth"', hadAuthorization: false });
    const onN1 = (await auth.authorization({ method: 'GET', uri: '/a' }))!;
    const alsoOnN1 = (await auth.authorization({ method: 'GET', uri: '/b' }))!;
    // The first stale answer moves everyone to n2; the second call's stale answer (with its own n3) retries on n2.
    expect(await auth.onUnauthorized({ wwwAuthenticate: 'Digest realm="r", nonce="n2", qop="auth", stale=true', hadAuthorization: true, sent: onN1 })).toBe(true);
    expect(await auth.onUnauthorized({ wwwAuthenticate: 'Digest realm="r", nonce="n3", qop="auth", stale=true', hadAuthorization: true, sent: alsoOnN1 })).toBe(true);
    expect(await auth.authorization({ method: 'GET', uri: '/a' })).toMatch(/nonce="n2".*nc=00000001/);
    // Refused on n1 without stale, after the move: retried once on n2 (not taken as wrong keys).
    expect(await auth.onUnauthorized({ wwwAuthenticate: 'Digest realm="r", nonce="n4", qop="auth"', hadAuthorization: true, sent: onN1 })).toBe(true);
    expect(await auth.authorization({ method: 'GET', uri: '/a' })).toMatch(/nonce="n2".*nc=00000002/);
  });
});
