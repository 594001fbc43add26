import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Opaque, authenticated, encrypted, expiring cursors.
 *
 * Cursors carry Cognito's `NextToken` and an event of the user's history, so they are
 * encrypted, not just encoded: AES-256-GCM with a random 96-bit IV, the version byte and the
 * namespace as associated data. Layout before base64url:
 *
 *   version (1) | key id (4) | iv (12) | ciphertext (n) | auth tag (16)
 *
 * The key id lets several keys decrypt at once, so keys can be rotated without breaking the
 * cursors clients hold. Inside the ciphertext: the binding (a hash of what the cursor may be
 * used for — pool and user today, the caller too once authentication lands), the issue time
 * and the payload.
 */

/** Why a cursor was refused. */
export type CursorRejection =
  | 'oversized'
  | 'malformed'
  | 'unsupported-version'
  | 'unknown-key'
  | 'tampered'
  | 'expired'
  | 'foreign';

/** A cursor that cannot be used, with the reason. */
export class InvalidCursorError extends Error {
  constructor(readonly reason: CursorRejection) {
    super(`invalid cursor: ${reason}`);
    this.name = 'InvalidCursorError';
  }
}

/** What a `CursorCodec` needs. */
export interface CursorCodecOptions {
  /** 32-byte keys; the first encrypts, every one decrypts. */
  readonly keys: readonly Buffer[];
  /** Cursor lifetime in seconds. */
  readonly ttlSeconds: number;
  /** Separates this codec's cursors from any other's that share the keys (e.g. `authEvents`). */
  readonly namespace: string;
  /** Longest cursor accepted, in characters; checked before any decoding work. */
  readonly maxLength: number;
  /** Clock in milliseconds, for tests of expiry. */
  readonly now?: () => number;
}

const VERSION = 1;
const KEY_ID_LENGTH = 4;
const IV_LENGTH = 12;
const TAG_LENGTH = 16;
const HEADER_LENGTH = 1 + KEY_ID_LENGTH + IV_LENGTH;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

interface SealedPayload<T> {
  /** binding hash */
  b: string;
  /** issued at, epoch seconds */
  i: number;
  /** payload */
  p: T;
}

/**
 * Encodes and decodes cursors holding a JSON payload of type `T`.
 *
 * `encodeCursor` binds a cursor to a context string; `decodeCursor` refuses it in any other
 * context, after its lifetime, or if a single bit changed.
 */
export class CursorCodec<T> {
  private readonly keysById: ReadonlyMap<string, Buffer>;
  private readonly encryptionKey: Buffer;
  private readonly encryptionKeyId: Buffer;
  private readonly associatedData: Buffer;
  private readonly now: () => number;

  constructor(private readonly options: CursorCodecOptions) {
    if (options.keys.length === 0) {
      throw new Error('CursorCodec needs at least one key; received none');
    }
    for (const key of options.keys) {
      if (key.length !== 32) {
        throw new Error(`CursorCodec keys must be 32 bytes for AES-256-GCM; received ${key.length} bytes`);
      }
    }
    this.keysById = new Map(options.keys.map((key) => [keyIdOf(key).toString('hex'), key]));
    this.encryptionKey = options.keys[0] as Buffer;
    this.encryptionKeyId = keyIdOf(this.encryptionKey);
    this.associatedData = Buffer.from(`${options.namespace}:v${VERSION}`, 'utf8');
    this.now = options.now ?? Date.now;
  }

  /** Seals `payload` into a cursor usable only under `binding`, for the configured lifetime. */
  encodeCursor(payload: T, binding: string): string {
    const sealed: SealedPayload<T> = { b: hashBinding(binding), i: Math.floor(this.now() / 1000), p: payload };
    const iv = randomBytes(IV_LENGTH);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv, { authTagLength: TAG_LENGTH });
    cipher.setAAD(this.associatedData);
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(sealed), 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.of(VERSION), this.encryptionKeyId, iv, ciphertext, cipher.getAuthTag()]).toString(
      'base64url',
    );
  }

  /**
   * Opens a cursor issued under `binding`.
   *
   * @throws InvalidCursorError with the reason it cannot be used.
   */
  decodeCursor(cursor: string, binding: string): T {
    if (cursor.length > this.options.maxLength) throw new InvalidCursorError('oversized');
    if (!BASE64URL.test(cursor)) throw new InvalidCursorError('malformed');
    const bytes = Buffer.from(cursor, 'base64url');
    if (bytes.length < HEADER_LENGTH + TAG_LENGTH + 1) throw new InvalidCursorError('malformed');
    if (bytes[0] !== VERSION) throw new InvalidCursorError('unsupported-version');

    const key = this.keysById.get(bytes.subarray(1, 1 + KEY_ID_LENGTH).toString('hex'));
    if (key === undefined) throw new InvalidCursorError('unknown-key');
    const iv = bytes.subarray(1 + KEY_ID_LENGTH, HEADER_LENGTH);
    const ciphertext = bytes.subarray(HEADER_LENGTH, bytes.length - TAG_LENGTH);
    const tag = bytes.subarray(bytes.length - TAG_LENGTH);

    let sealed: SealedPayload<T>;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_LENGTH });
      decipher.setAAD(this.associatedData);
      decipher.setAuthTag(tag);
      const plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
      sealed = JSON.parse(plaintext) as SealedPayload<T>;
    } catch {
      // GCM authentication failed (or, impossibly after it passed, the JSON is bad): a changed
      // or truncated cursor. Which one is deliberately not told apart.
      throw new InvalidCursorError('tampered');
    }
    if (sealed.i + this.options.ttlSeconds < Math.floor(this.now() / 1000)) {
      throw new InvalidCursorError('expired');
    }
    if (sealed.b !== hashBinding(binding)) throw new InvalidCursorError('foreign');
    return sealed.p;
  }
}

function keyIdOf(key: Buffer): Buffer {
  return createHash('sha256').update('cursor-key-id').update(key).digest().subarray(0, KEY_ID_LENGTH);
}

/** Hashed, so the binding (which names the user) adds no plaintext identity to the payload. */
function hashBinding(binding: string): string {
  return createHash('sha256').update(binding, 'utf8').digest('base64url').slice(0, 22);
}
