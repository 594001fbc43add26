import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { CursorCodec, InvalidCursorError, type CursorRejection } from '../../src/pagination/cursor.codec';

const KEY = Buffer.alloc(32, 7);
const OTHER_KEY = Buffer.alloc(32, 9);

function codec(options: { keys?: Buffer[]; now?: number; namespace?: string } = {}) {
  return new CursorCodec<{ token: string; skip: number }>({
    keys: options.keys ?? [KEY],
    ttlSeconds: 60,
    namespace: options.namespace ?? 'things',
    maxLength: 1000,
    now: () => options.now ?? 1_800_000_000_000,
  });
}

function rejectionOf(action: () => unknown): CursorRejection | 'accepted' {
  try {
    action();
    return 'accepted';
  } catch (error) {
    if (error instanceof InvalidCursorError) return error.reason;
    throw error;
  }
}

describe('CursorCodec', () => {
  test('round-trips a payload under the binding it was issued for', () => {
    const cursor = codec().encodeCursor({ token: 'next', skip: 3 }, 'pool/alice');

    expect(codec().decodeCursor(cursor, 'pool/alice')).toEqual({ token: 'next', skip: 3 });
  });

  test('produces opaque base64url cursors that differ each time and reveal nothing of the payload', () => {
    const first = codec().encodeCursor({ token: 'VISIBLE-TOKEN', skip: 1 }, 'pool/alice');
    const second = codec().encodeCursor({ token: 'VISIBLE-TOKEN', skip: 1 }, 'pool/alice');

    expect({
      base64url: /^[A-Za-z0-9_-]+$/.test(first),
      differ: first !== second,
      leaks: Buffer.from(first, 'base64url').toString('latin1').includes('VISIBLE'),
    }).toEqual({ base64url: true, differ: true, leaks: false });
  });

  test('reuses a seal of the same payload and binding for five seconds, then seals anew', () => {
    let now = 1_800_000_000_000;
    const issuing = new CursorCodec<{ token: string; skip: number }>({ keys: [KEY], ttlSeconds: 60, namespace: 'things', maxLength: 1000, now: () => now });
    const cursorAt = (elapsedMs: number, binding = 'pool/alice') => {
      now = 1_800_000_000_000 + elapsedMs;
      return issuing.encodeCursor({ token: 'next', skip: 3 }, binding);
    };
    const first = cursorAt(0);

    expect({
      within: cursorAt(4_999) === first,
      otherBinding: cursorAt(4_999, 'pool/bob') === first,
      after: cursorAt(5_000) === first,
      seals: issuing.seals,
      stillOpens: issuing.decodeCursor(first, 'pool/alice'),
    }).toEqual({ within: true, otherBinding: false, after: false, seals: 3, stillOpens: { token: 'next', skip: 3 } });
  });

  test('tells every kind of unusable cursor apart', () => {
    const issuedAt = 1_800_000_000_000;
    const cursor = codec({ now: issuedAt }).encodeCursor({ token: 't', skip: 0 }, 'pool/alice');
    const bytes = Buffer.from(cursor, 'base64url');
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 20] = (flipped[flipped.length - 20] ?? 0) ^ 0x80;
    const version2 = Buffer.from(bytes);
    version2[0] = 2;

    expect({
      oversized: rejectionOf(() => codec().decodeCursor('A'.repeat(1001), 'pool/alice')),
      malformed: rejectionOf(() => codec().decodeCursor('not/base64url!', 'pool/alice')),
      tooShort: rejectionOf(() => codec().decodeCursor('AAAA', 'pool/alice')),
      unsupportedVersion: rejectionOf(() => codec().decodeCursor(version2.toString('base64url'), 'pool/alice')),
      unknownKey: rejectionOf(() => codec({ keys: [OTHER_KEY] }).decodeCursor(cursor, 'pool/alice')),
      tampered: rejectionOf(() => codec().decodeCursor(flipped.toString('base64url'), 'pool/alice')),
      truncated: rejectionOf(() => codec().decodeCursor(bytes.subarray(0, -1).toString('base64url'), 'pool/alice')),
      otherNamespace: rejectionOf(() => codec({ namespace: 'others' }).decodeCursor(cursor, 'pool/alice')),
      foreign: rejectionOf(() => codec().decodeCursor(cursor, 'pool/bob')),
      lastValidSecond: rejectionOf(() => codec({ now: issuedAt + 60_999 }).decodeCursor(cursor, 'pool/alice')),
      expired: rejectionOf(() => codec({ now: issuedAt + 61_000 }).decodeCursor(cursor, 'pool/alice')),
    }).toEqual({
      oversized: 'oversized',
      malformed: 'malformed',
      tooShort: 'malformed',
      unsupportedVersion: 'unsupported-version',
      unknownKey: 'unknown-key',
      tampered: 'tampered',
      truncated: 'tampered',
      otherNamespace: 'tampered',
      foreign: 'foreign',
      lastValidSecond: 'accepted',
      expired: 'expired',
    });
  });

  test('decrypts cursors of every configured key and encrypts with the first (key rotation)', () => {
    const old = codec({ keys: [OTHER_KEY] }).encodeCursor({ token: 'old', skip: 0 }, 'b');
    const rotated = codec({ keys: [KEY, OTHER_KEY] });
    const fresh = rotated.encodeCursor({ token: 'new', skip: 0 }, 'b');

    expect({
      old: rotated.decodeCursor(old, 'b'),
      freshWithNewKeyOnly: codec({ keys: [KEY] }).decodeCursor(fresh, 'b'),
    }).toEqual({ old: { token: 'old', skip: 0 }, freshWithNewKeyOnly: { token: 'new', skip: 0 } });
  });

  test('refuses keys that are not 32 bytes, stating the rule and the value', () => {
    expect(() => codec({ keys: [randomBytes(16)] })).toThrow(
      'CursorCodec keys must be 32 bytes for AES-256-GCM; received 16 bytes',
    );
  });

  describe('member cursors of one sealed group', () => {
    const issuedAt = 1_800_000_000_000;

    test('open to the shared payload and their own index, with one seal for the whole group', () => {
      const issuing = codec({ now: issuedAt });
      const group = issuing.sealGroup({ token: 'page', skip: 0 }, 'pool/alice');
      const members = [0, 1, 7, 59].map((index) => group.member(index));

      expect({
        seals: issuing.seals,
        opened: members.map((member) => codec({ now: issuedAt }).openCursor(member, 'pool/alice')),
        shape: members.every((member) => /^[A-Za-z0-9_-]+\.\d+\.[A-Za-z0-9_-]{16}$/.test(member)),
      }).toEqual({
        seals: 1,
        opened: [0, 1, 7, 59].map((member) => ({ payload: { token: 'page', skip: 0 }, member })),
        shape: true,
      });
    });

    test('keep every property of a sealed cursor: binding, expiry, tampering, rotation, size bound', () => {
      const group = codec({ now: issuedAt }).sealGroup({ token: 'page', skip: 0 }, 'pool/alice');
      const member = group.member(3);
      const [sealed = '', , mac = ''] = member.split('.');
      const flippedSealed = Buffer.from(sealed, 'base64url');
      flippedSealed[flippedSealed.length - 20] = (flippedSealed[flippedSealed.length - 20] ?? 0) ^ 0x80;
      const otherMac = `${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`;
      const rotated = codec({ keys: [OTHER_KEY, KEY], now: issuedAt });

      expect({
        otherIndex: rejectionOf(() => codec({ now: issuedAt }).openCursor(`${sealed}.4.${mac}`, 'pool/alice')),
        otherMac: rejectionOf(() => codec({ now: issuedAt }).openCursor(`${sealed}.3.${otherMac}`, 'pool/alice')),
        otherSealed: rejectionOf(() => codec({ now: issuedAt }).openCursor(`${flippedSealed.toString('base64url')}.3.${mac}`, 'pool/alice')),
        macOfAnotherGroup: rejectionOf(() =>
          codec({ now: issuedAt }).openCursor(
            `${codec({ now: issuedAt }).encodeCursor({ token: 'page', skip: 0 }, 'pool/alice')}.3.${mac}`,
            'pool/alice',
          ),
        ),
        foreign: rejectionOf(() => codec({ now: issuedAt }).openCursor(member, 'pool/bob')),
        lastValidSecond: rejectionOf(() => codec({ now: issuedAt + 60_999 }).openCursor(member, 'pool/alice')),
        expired: rejectionOf(() => codec({ now: issuedAt + 61_000 }).openCursor(member, 'pool/alice')),
        unknownKey: rejectionOf(() => codec({ keys: [OTHER_KEY], now: issuedAt }).openCursor(member, 'pool/alice')),
        afterRotation: rotated.openCursor(member, 'pool/alice'),
        oversized: rejectionOf(() => codec().openCursor(`${'A'.repeat(990)}.3.${mac}`, 'pool/alice')),
        hugeIndex: rejectionOf(() => codec({ now: issuedAt }).openCursor(`${sealed}.1000000.${mac}`, 'pool/alice')),
        plainDecoder: codec({ now: issuedAt }).decodeCursor(member, 'pool/alice'),
      }).toEqual({
        otherIndex: 'tampered',
        otherMac: 'tampered',
        otherSealed: 'tampered',
        macOfAnotherGroup: 'tampered',
        foreign: 'foreign',
        lastValidSecond: 'accepted',
        expired: 'expired',
        unknownKey: 'unknown-key',
        afterRotation: { payload: { token: 'page', skip: 0 }, member: 3 },
        oversized: 'oversized',
        hugeIndex: 'malformed',
        plainDecoder: { token: 'page', skip: 0 },
      });
    });

    test('still open when issued with the HMAC of the previous release, until they expire', () => {
      const issuedAt = 1_800_000_000_000;
      const sealed = codec({ now: issuedAt }).sealGroup({ token: 'page', skip: 0 }, 'pool/alice').member(0).split('.')[0] as string;
      // The previous release's member MAC, stated here on its own: HMAC-SHA256 of the GCM tag and `:<index>`, 96 bits.
      const legacyKey = Buffer.from(hkdfSync('sha256', KEY, Buffer.alloc(0), 'cursor-member-mac-v1', 32));
      const tag = Buffer.from(sealed, 'base64url').subarray(-16);
      const legacyMac = (index: number) => createHmac('sha256', legacyKey).update(tag).update(`:${index}`).digest().subarray(0, 12).toString('base64url');

      expect({
        opened: codec({ now: issuedAt }).openCursor(`${sealed}.5.${legacyMac(5)}`, 'pool/alice'),
        otherIndex: rejectionOf(() => codec({ now: issuedAt }).openCursor(`${sealed}.6.${legacyMac(5)}`, 'pool/alice')),
        expired: rejectionOf(() => codec({ now: issuedAt + 61_000 }).openCursor(`${sealed}.5.${legacyMac(5)}`, 'pool/alice')),
      }).toEqual({ opened: { payload: { token: 'page', skip: 0 }, member: 5 }, otherIndex: 'tampered', expired: 'expired' });
    });

    test('refuses member indexes that are not whole numbers up to 999999, stating the value', () => {
      const group = codec().sealGroup({ token: 'page', skip: 0 }, 'b');

      expect(() => group.member(-1)).toThrow('A member index is a whole number from 0 to 999999; received -1');
    });
  });
});
