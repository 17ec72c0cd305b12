import type { AuthStrategy } from './AuthStrategy';

/** Sends no credentials: for the embedded simulator in demo mode, which checks none. */
export class NoAuth implements AuthStrategy {
  constructor(readonly identity: string = 'anonymous') {}

  async authorization(): Promise<undefined> {
    return undefined;
  }

  async onUnauthorized(): Promise<boolean> {
    return false;
  }
}
