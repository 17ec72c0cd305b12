import { hash } from 'node:crypto';

/** A SHA-256 of the parts (each ended by NUL, so no two lists of parts collide), base64url, cut to `length`. */
export function digestOf(length: number, ...parts: string[]): string {
  // NOTE: crypto.hash (Node 20.12+), one call for the whole text: the same digest as a Hash updated part by part, at
  // a fraction of the cost for the short texts hashed per request (the response cache's key).
  let text = '';
  for (const part of parts) text += `${part}\0`;
  return hash('sha256', text, 'base64url').slice(0, length);
}

/** A non-reversible identity for a credential: a namespaced SHA-256 prefix, safe to log and to key caches with. */
export function credentialIdentity(kind: string, ...parts: string[]): string {
  return `${kind}:${digestOf(22, ...parts)}`;
}
