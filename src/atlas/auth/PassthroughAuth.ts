import type { AuthStrategy } from './AuthStrategy';
import { credentialIdentity } from './identity';
import { AtlasAuthError } from '../errors';

/** Forwards one caller's own `Authorization: Bearer …` header. Made per request; nothing outlives the caller. */
export class PassthroughAuth implements AuthStrategy {
  readonly identity: string;
  private readonly header: string;

  /** Throws AtlasAuthError when the caller sent no bearer token. */
  constructor(authorizationHeader: string | undefined) {
    const match = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(authorizationHeader ?? '');
    if (!match?.[1]) {
      throw new AtlasAuthError('Passthrough mode: send your Atlas access token as `Authorization: Bearer <token>`.');
    }
    this.header = `Bearer ${match[1]}`;
    this.identity = credentialIdentity('bearer', match[1]);
  }

  async authorization(): Promise<string> {
    return this.header;
  }

  async onUnauthorized(): Promise<boolean> {
    return false;
  }
}
