/** How the Atlas client authenticates. One instance per credential; passthrough makes one per caller. */
export interface AuthStrategy {
  /**
   * A stable, non-secret identity of the credential (a hash), for keys of anything shared between requests. Two
   * strategies with different credentials never share an identity.
   */
  readonly identity: string;
  /** The `Authorization` header for a request, or undefined to send none (Digest before its first challenge). */
  authorization(request: { method: string; uri: string }): Promise<string | undefined>;
  /**
   * Called when Atlas answered 401. Returns true when the strategy has learned something (a fresh nonce, a new token)
   * and the request should be sent once more; the client never retries a request twice.
   */
  onUnauthorized(response: { wwwAuthenticate: string | undefined; hadAuthorization: boolean; sent?: string | undefined }): Promise<boolean>;
  /**
   * Called when a request sent without authorization has been answered (and any 401 of it handed to
   * {@link onUnauthorized}) or has failed: a strategy that holds other calls until it learns a challenge lets them go.
   */
  probeEnded?(): void;
}
