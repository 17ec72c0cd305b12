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
});
