import { createHash } from 'node:crypto';

/**
 * What stands for `value` (a username, a caller id, a page key) inside a Redis key: the first
 * 128 bits of its SHA-256, base64url. Names never appear in Redis keys, so a key listing shows
 * no one's username, and keys stay short whatever the name's length.
 */
export function hashedKeyPart(value: string): string {
  return createHash('sha256').update(value).digest().subarray(0, 16).toString('base64url');
}
