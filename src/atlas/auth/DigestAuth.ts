import { createHash, randomBytes } from 'node:crypto';
import type { AuthStrategy } from './AuthStrategy';
import { credentialIdentity } from './identity';

/** A parsed `WWW-Authenticate: Digest …` challenge. */
export interface DigestChallenge {
  realm: string;
  nonce: string;
  qop: string | null;
  opaque: string | null;
  algorithm: string;
  stale: boolean;
}

/**
 * A challenge parameter: a name, then a quoted or a bare value. Every quantifier is bounded (names of at most 32
 * letters, values of at most 1,024 characters), so a hostile header costs a constant per character: an unbounded
 * name rescanned a run of letters from every start, n² on a 16 KiB header (#14).
 */
const CHALLENGE_PARAM = /([a-zA-Z]{1,32})\s{0,8}=\s{0,8}(?:"((?:[^"\\]|\\.){0,1024})"|([^\s,]{1,1024}))/g;

/** Parses a Digest challenge; null when the header is not one. */
export function parseDigestChallenge(header: string | undefined): DigestChallenge | null {
  if (!header || !/^\s{0,8}Digest\s/i.test(header)) return null;
  const params = new Map<string, string>();
  for (const m of header.replace(/^\s{0,8}Digest\s{1,8}/i, '').matchAll(CHALLENGE_PARAM)) {
    params.set(m[1]!.toLowerCase(), (m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1'));
  }
  const nonce = params.get('nonce');
  if (!nonce) return null;
  // NOTE: Atlas's reference page shows the challenge with `op="auth"` (sic) where RFC 7616 says `qop`; accept both.
  const qopList = (params.get('qop') ?? params.get('op') ?? '').split(',').map((s) => s.trim());
  return {
    realm: params.get('realm') ?? '',
    nonce,
    qop: qopList.includes('auth') ? 'auth' : null,
    opaque: params.get('opaque') ?? null,
    algorithm: params.get('algorithm') ?? 'MD5',
    stale: (params.get('stale') ?? '').toLowerCase() === 'true',
  };
}

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

/** The RFC 7616 `response` value for MD5 (qop=auth, or RFC 2069 style when the server offered no qop). */
export function digestResponse(input: {
  username: string;
  password: string;
  realm: string;
  method: string;
  uri: string;
  nonce: string;
  nc: string;
  cnonce: string;
  qop: string | null;
}): string {
  const ha1 = md5(`${input.username}:${input.realm}:${input.password}`);
  const ha2 = md5(`${input.method}:${input.uri}`);
  return input.qop
    ? md5(`${ha1}:${input.nonce}:${input.nc}:${input.cnonce}:${input.qop}:${ha2}`)
    : md5(`${ha1}:${input.nonce}:${ha2}`);
}

/**
 * HTTP Digest with Atlas API keys (RFC 7616, MD5, qop=auth). The first call meets a challenge; after that the nonce is
 * reused with a counting `nc`, so each call is one round trip, until Atlas marks the nonce stale and sends a new one.
 */
export class DigestAuth implements AuthStrategy {
  readonly identity: string;
  private challenge: DigestChallenge | null = null;
  private nc = 0;

  constructor(
    private readonly publicKey: string,
    private readonly privateKey: string,
  ) {
    this.identity = credentialIdentity('digest', publicKey, privateKey);
  }

  async authorization(request: { method: string; uri: string }): Promise<string | undefined> {
    const challenge = this.challenge;
    if (!challenge) return undefined;
    // The counter is taken synchronously, so concurrent calls on one nonce never share an nc.
    this.nc += 1;
    const nc = this.nc.toString(16).padStart(8, '0');
    const cnonce = randomBytes(12).toString('hex');
    const response = digestResponse({
      username: this.publicKey,
      password: this.privateKey,
      realm: challenge.realm,
      method: request.method,
      uri: request.uri,
      nonce: challenge.nonce,
      nc,
      cnonce,
      qop: challenge.qop,
    });
    const parts = [
      `username="${this.publicKey}"`,
      `realm="${challenge.realm}"`,
      `nonce="${challenge.nonce}"`,
      `uri="${request.uri}"`,
      `algorithm=MD5`,
      `response="${response}"`,
    ];
    if (challenge.qop) parts.push(`qop=${challenge.qop}`, `nc=${nc}`, `cnonce="${cnonce}"`);
    if (challenge.opaque !== null) parts.push(`opaque="${challenge.opaque}"`);
    return `Digest ${parts.join(', ')}`;
  }

  async onUnauthorized(response: { wwwAuthenticate: string | undefined; hadAuthorization: boolean }): Promise<boolean> {
    const next = parseDigestChallenge(response.wwwAuthenticate);
    if (!next) return false;
    // A challenge after we answered one with this very nonce, not marked stale, means the keys are wrong: stop.
    if (response.hadAuthorization && !next.stale && this.challenge?.nonce === next.nonce) return false;
    const retry = !response.hadAuthorization || next.stale || this.challenge?.nonce !== next.nonce;
    if (this.challenge?.nonce !== next.nonce) {
      this.challenge = next;
      this.nc = 0;
    }
    return retry;
  }
}
