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
 * Calls that start while no nonce is known wait for the one call that is fetching the challenge, instead of each
 * taking its own 401 round trip (a challenge storm at start: 20 concurrent calls were 40 round trips).
 */
export class DigestAuth implements AuthStrategy {
  readonly identity: string;
  private challenge: DigestChallenge | null = null;
  private nc = 0;
  /** The call fetching the first challenge: others wait for it (resolved when it learns one, or ends without). */
  private probe: { done: Promise<void>; end: () => void } | null = null;

  constructor(
    private readonly publicKey: string,
    private readonly privateKey: string,
  ) {
    this.identity = credentialIdentity('digest', publicKey, privateKey);
  }

  async authorization(request: { method: string; uri: string }): Promise<string | undefined> {
    while (!this.challenge) {
      if (!this.probe) {
        // This call goes first, unauthenticated, to be challenged; the ones after it wait for what it learns.
        let end = (): void => undefined;
        const done = new Promise<void>((resolve) => (end = resolve));
        this.probe = { done, end };
        return undefined;
      }
      await this.probe.done;
    }
    const challenge = this.challenge;
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

  async onUnauthorized(response: { wwwAuthenticate: string | undefined; hadAuthorization: boolean; sent?: string | undefined }): Promise<boolean> {
    const next = parseDigestChallenge(response.wwwAuthenticate);
    if (!next) return false;
    // The nonce the refused call used (taken as the one held now when the caller does not say what it sent).
    const used = response.sent === undefined ? (this.challenge?.nonce ?? null) : sentNonce(response.sent);
    if (response.hadAuthorization && !next.stale) {
      const current = this.challenge?.nonce ?? null;
      // A call on an older nonce is retried once on the one another call already learned.
      if (used !== null && used !== current) return true;
      // The nonce we hold refused again with the same nonce: the keys are wrong. Stop.
      if (next.nonce === current) return false;
      // Otherwise one more try on the new nonce (the client never retries twice).
    }
    // Stale (or a first challenge): retried once, whatever nonce the call used. Only a call on the nonce we still
    // hold moves us to the new one; one on an older nonce retries on the nonce another call already learned.
    if (!this.challenge || !response.hadAuthorization || used === this.challenge.nonce) {
      this.challenge = next;
      this.nc = 0;
    }
    this.endProbe();
    return true;
  }

  probeEnded(): void {
    this.endProbe();
  }

  private endProbe(): void {
    const probe = this.probe;
    if (!probe) return;
    this.probe = null;
    probe.end();
  }
}

/** The nonce a Digest `Authorization` value we built carries (null when none). */
function sentNonce(authorization: string): string | null {
  return /(?:^|[\s,])nonce="([^"]{1,512})"/.exec(authorization)?.[1] ?? null;
}
