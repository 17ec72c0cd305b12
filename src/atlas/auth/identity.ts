import { createHash } from 'node:crypto';

/** A non-reversible identity for a credential: a namespaced SHA-256 prefix, safe to log and to key caches with. */
export function credentialIdentity(kind: string, ...parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return `${kind}:${hash.digest('base64url').slice(0, 22)}`;
}
