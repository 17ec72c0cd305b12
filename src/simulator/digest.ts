import { createHash, randomBytes } from 'node:crypto';

/** The realm Atlas names in its Digest challenges. */
export const DIGEST_REALM = 'MMS Public API';

/** Options of {@link DigestVerifier}. */
export interface DigestVerifierOptions {
  publicKey: string;
  privateKey: string;
  /** After this many accepted uses a nonce is stale (default 100). */
  nonceMaxUses?: number;
  /** A nonce older than this is stale (default 5 minutes). */
  nonceTtlMs?: number;
  /**
   * How far below the highest `nc` seen on a nonce an unseen `nc` may arrive and still be accepted (default Infinity:
   * any `nc` not used before; 0: strictly increasing). A repeated `nc` is always refused.
   * NOTE: concurrent requests on one nonce travel on separate sockets and arrive out of order (100 concurrent calls
   * through an undici pool: most arrive below the highest `nc` already seen), so a strict check refuses good clients.
   */
  ncWindow?: number;
  now?: () => number;
}

/** The outcome of checking one `Authorization` header. */
export type DigestVerdict =
  | { ok: true }
  | {
      ok: false;
      /** True when only the nonce was at fault (too old, used up, unknown) and the digest itself was right. */
      stale: boolean;
      /** Why, for tests and debugging (never contains the key or the expected hash). */
      reason: DigestRejection;
    };

/** Why a Digest `Authorization` was refused. */
export type DigestRejection =
  | 'missing'
  | 'malformed'
  | 'wrong-username'
  | 'wrong-realm'
  | 'unsupported-algorithm'
  | 'unsupported-qop'
  | 'uri-mismatch'
  | 'wrong-response'
  | 'unknown-nonce'
  | 'expired-nonce'
  | 'used-up-nonce'
  | 'replayed-nc';

interface NonceState {
  issuedAt: number;
  uses: number;
  highestNc: number;
  seenNc: Set<number>;
}

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

/** Parses the parameters of a `Digest …` credentials header; null when the header is not Digest. */
export function parseDigestAuthorization(header: string | undefined): Map<string, string> | null {
  if (!header) return null;
  const m = /^\s*Digest\s+(.*)$/is.exec(header);
  if (!m) return null;
  const params = new Map<string, string>();
  const re = /([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*(?:,|$)/g;
  for (const p of m[1]!.matchAll(re)) {
    params.set(p[1]!.toLowerCase(), p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : (p[3] ?? ''));
  }
  return params;
}

/**
 * Server side of HTTP Digest (RFC 7616, MD5, qop=auth) as Atlas does it for API keys: issues nonces, and verifies
 * username, realm, nonce, nonce count, request-target and response hash.
 */
export class DigestVerifier {
  /** 401s sent with a challenge. */
  challenges = 0;
  private readonly nonces = new Map<string, NonceState>();
  private readonly maxUses: number;
  private readonly ttlMs: number;
  private readonly ncWindow: number;
  private readonly now: () => number;

  constructor(private readonly options: DigestVerifierOptions) {
    this.maxUses = options.nonceMaxUses ?? 100;
    this.ttlMs = options.nonceTtlMs ?? 5 * 60_000;
    this.ncWindow = options.ncWindow ?? Infinity;
    this.now = options.now ?? Date.now;
  }

  /** Issues a fresh nonce and returns the `WWW-Authenticate` value that carries it. */
  challenge(stale: boolean): string {
    this.challenges += 1;
    this.prune();
    const nonce = randomBytes(24).toString('base64url');
    this.nonces.set(nonce, { issuedAt: this.now(), uses: 0, highestNc: 0, seenNc: new Set() });
    return `Digest realm="${DIGEST_REALM}", domain="", nonce="${nonce}", algorithm=MD5, qop="auth", stale=${stale}`;
  }

  /**
   * Checks one request. `uri` is the request-target as received (path and query). A valid digest over a nonce that is
   * too old, used up or unknown (e.g. issued by an earlier run) is `stale`; anything else wrong is not.
   */
  verify(method: string, uri: string, authorization: string | undefined): DigestVerdict {
    const params = parseDigestAuthorization(authorization);
    if (!params) return { ok: false, stale: false, reason: 'missing' };
    const username = params.get('username');
    const realm = params.get('realm');
    const nonce = params.get('nonce');
    const claimedUri = params.get('uri');
    const response = params.get('response');
    const qop = params.get('qop');
    const ncText = params.get('nc');
    const cnonce = params.get('cnonce');
    if (!username || realm === undefined || !nonce || !claimedUri || !response || !qop || !ncText || !cnonce) {
      return { ok: false, stale: false, reason: 'malformed' };
    }
    if (!/^[0-9a-fA-F]{8}$/.test(ncText)) return { ok: false, stale: false, reason: 'malformed' };
    if (username !== this.options.publicKey) return { ok: false, stale: false, reason: 'wrong-username' };
    if (realm !== DIGEST_REALM) return { ok: false, stale: false, reason: 'wrong-realm' };
    const algorithm = params.get('algorithm');
    if (algorithm !== undefined && algorithm.toUpperCase() !== 'MD5') {
      return { ok: false, stale: false, reason: 'unsupported-algorithm' };
    }
    if (qop !== 'auth') return { ok: false, stale: false, reason: 'unsupported-qop' };
    if (claimedUri !== uri) return { ok: false, stale: false, reason: 'uri-mismatch' };

    const ha1 = md5(`${username}:${realm}:${this.options.privateKey}`);
    const ha2 = md5(`${method}:${claimedUri}`);
    const expected = md5(`${ha1}:${nonce}:${ncText}:${cnonce}:${qop}:${ha2}`);
    if (response.toLowerCase() !== expected) return { ok: false, stale: false, reason: 'wrong-response' };

    const state = this.nonces.get(nonce);
    if (!state) return { ok: false, stale: true, reason: 'unknown-nonce' };
    if (this.now() - state.issuedAt > this.ttlMs) return { ok: false, stale: true, reason: 'expired-nonce' };
    if (state.uses >= this.maxUses) return { ok: false, stale: true, reason: 'used-up-nonce' };
    const nc = parseInt(ncText, 16);
    if (nc < 1 || state.seenNc.has(nc) || nc <= state.highestNc - this.ncWindow) {
      return { ok: false, stale: false, reason: 'replayed-nc' };
    }
    state.uses += 1;
    state.seenNc.add(nc);
    state.highestNc = Math.max(state.highestNc, nc);
    return { ok: true };
  }

  private prune(): void {
    const now = this.now();
    for (const [nonce, state] of this.nonces) {
      if (now - state.issuedAt > this.ttlMs) this.nonces.delete(nonce);
    }
  }
}
