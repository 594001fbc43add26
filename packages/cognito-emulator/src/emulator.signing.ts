import { calculateJwkThumbprint, exportJWK, generateKeyPair, type KeyLike } from 'jose';

/** The only algorithm Cognito user pools sign tokens with. */
export const SIGNING_ALGORITHM = 'RS256';

// Cognito's keys are 2048-bit RSA; a verifier may refuse smaller ones.
const MODULUS_LENGTH = 2048;

/** One public key as a JWKS lists it, with the members Cognito's JWKS gives each key. */
export interface EmulatorJwk {
  /** Always `RSA`. */
  readonly kty: 'RSA';
  /** The modulus, base64url. */
  readonly n: string;
  /** The public exponent, base64url (`AQAB`). */
  readonly e: string;
  /** Always `RS256`. */
  readonly alg: typeof SIGNING_ALGORITHM;
  /** The key id a token's header names. */
  readonly kid: string;
  /** Always `sig`. */
  readonly use: 'sig';
}

/** A pool's public JWKS, as served at `/<poolId>/.well-known/jwks.json`. */
export interface EmulatorJwks {
  /** The pool's public keys: one, since the emulator never rotates keys while it runs. */
  readonly keys: readonly EmulatorJwk[];
}

/** The key a pool signs with. */
export interface PoolSigningKey {
  /** The key id, put in every token header. */
  readonly kid: string;
  /** The private key; never leaves the emulator. */
  readonly privateKey: KeyLike;
  /** The public half, as published. */
  readonly publicJwk: EmulatorJwk;
}

/**
 * One RS256 key pair per pool, made fresh for each emulator start. Nothing is persisted: tokens
 * of an earlier run fail to verify, as they would after a key rotation, and no private key ever
 * lands in the repository.
 */
export class EmulatorSigningKeys {
  private constructor(private readonly keysByPool: ReadonlyMap<string, PoolSigningKey>) {}

  /** Generates a key pair for each pool (in parallel: RSA key generation runs off the main thread). */
  static async generate(poolIds: readonly string[]): Promise<EmulatorSigningKeys> {
    const entries = await Promise.all(poolIds.map(async (poolId) => [poolId, await generatePoolKey()] as const));
    return new EmulatorSigningKeys(new Map(entries));
  }

  /** The pool's public JWKS, or `undefined` when the emulator has no such pool. */
  jwks(poolId: string): EmulatorJwks | undefined {
    const key = this.keysByPool.get(poolId);
    return key ? { keys: [{ ...key.publicJwk }] } : undefined;
  }

  /** The key the pool signs with, or `undefined` when the emulator has no such pool. */
  signingKeyOf(poolId: string): PoolSigningKey | undefined {
    return this.keysByPool.get(poolId);
  }
}

async function generatePoolKey(): Promise<PoolSigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { modulusLength: MODULUS_LENGTH });
  const { n, e } = await exportJWK(publicKey);
  if (n === undefined || e === undefined) throw new Error('jose exported an RSA public key without n or e');
  // The RFC 7638 thumbprint: distinct for every key, and derived from it, as a kid should be.
  const kid = await calculateJwkThumbprint({ kty: 'RSA', n, e });
  return { kid, privateKey, publicJwk: { kty: 'RSA', n, e, alg: SIGNING_ALGORITHM, kid, use: 'sig' } };
}
