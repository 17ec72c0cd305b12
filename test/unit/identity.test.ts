import { createHash } from 'node:crypto';
import { credentialIdentity, digestOf } from '../../src/atlas/auth/identity';

describe('digestOf', () => {
  it('is the SHA-256 of each part ended by NUL, base64url, cut to the length asked', () => {
    const parts = ['application/json', 'application/json; charset=utf-8', '{"query":"{ __typename }","variables":{"é":"ü"}}'];
    const hash = createHash('sha256');
    for (const part of parts) hash.update(part).update('\0');
    expect(digestOf(43, ...parts)).toBe(hash.digest('base64url'));
    expect(digestOf(16, ...parts)).toBe(digestOf(43, ...parts).slice(0, 16));
  });

  it('tells lists of parts apart that would join to the same text', () => {
    expect(digestOf(43, 'ab', 'c')).not.toBe(digestOf(43, 'a', 'bc'));
    expect(digestOf(43, 'a')).not.toBe(digestOf(43, 'a', ''));
    expect(digestOf(43)).toBe(createHash('sha256').update('').digest('base64url'));
  });
});

describe('credentialIdentity', () => {
  it('names the kind and never holds the credential', () => {
    const id = credentialIdentity('bearer', 'secret-token-value');
    expect(id).toMatch(/^bearer:[A-Za-z0-9_-]{22}$/);
    expect(id).not.toContain('secret');
  });
});
