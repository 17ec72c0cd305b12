import { createHash } from 'node:crypto';

/** A SHA-256 of the parts (each ended by NUL, so no two lists of parts collide), base64url, cut to `length`. */
export function digestOf(length: number, ...parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('base64url').slice(0, length);
}

/** A non-reversible identity for a credential: a namespaced SHA-256 prefix, safe to log and to key caches with. */
export function credentialIdentity(kind: string, ...parts: string[]): string {
  return `${kind}:${digestOf(22, ...parts)}`;
}
