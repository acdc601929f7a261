import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'bd_';

/** A new key: 256 random bits, recognisable by its prefix (secret scanners can match `bd_`). */
export function generateKey(): string {
  return `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** What a list may show of a key: enough to tell keys apart, too little to use. */
export function keyPrefix(key: string): string {
  return key.slice(0, 10);
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1] : null;
}
