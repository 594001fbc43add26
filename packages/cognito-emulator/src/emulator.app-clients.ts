import { DEMO_POOL_ID, NO_THREAT_PROTECTION_POOL_ID, OTHER_POOL_ID } from './emulator.seed';

/**
 * The seeded app clients: who a minted token says it was issued to (`client_id`, or `aud` in an
 * ID token). The ids are fixed, 26 lowercase alphanumerics as Cognito generates them, so a
 * gateway's `AUTH_CLIENT_IDS` can name them in tests and `.env` files.
 */

/** What an app client is for. */
export type EmulatorAppClientKind = 'user' | 'machine';

/** One app client of a seeded pool. */
export interface EmulatorAppClient {
  /** The pool the client belongs to. */
  readonly poolId: string;
  /** The client id (`client_id` / `aud` of its tokens). */
  readonly clientId: string;
  /** A human name, as in the Cognito console. */
  readonly name: string;
  /**
   * `user`: an app users sign in to (the default client of a pool's user tokens); `machine`: a
   * service using the client-credentials flow (the default client of its machine tokens).
   */
  readonly kind: EmulatorAppClientKind;
}

/** The demo pool's browser app: the default client of user tokens for {@link DEMO_POOL_ID}. */
export const DEMO_WEB_CLIENT_ID = 'zuuph1tkc5itbjj1w48ne0r8e9';

/** The demo pool's support console, a machine client (client-credentials flow, scope `auth-events/admin`). */
export const DEMO_SUPPORT_CONSOLE_CLIENT_ID = 'uzsuqoz4l6f5di8p2xhecv9zvo';

/**
 * Another client of the demo pool, which a gateway's `AUTH_CLIENT_IDS` does not list: its tokens
 * are genuine, signed by the right pool, and must still be refused.
 */
export const DEMO_UNLISTED_CLIENT_ID = 'a9xu868gzuvntc3iba4xh206n9';

/** The browser app of {@link OTHER_POOL_ID}. */
export const OTHER_WEB_CLIENT_ID = 'y5850stk007y0h3zmpufxfda60';

/** The browser app of {@link NO_THREAT_PROTECTION_POOL_ID}. */
export const NO_THREAT_WEB_CLIENT_ID = 'l9vz3ynnnkfmkp8ttv39zrg9dh';

/** Every seeded app client. The first client of a kind in a pool is that pool's default for the kind. */
export const SEED_APP_CLIENTS: readonly EmulatorAppClient[] = [
  { poolId: DEMO_POOL_ID, clientId: DEMO_WEB_CLIENT_ID, name: 'auth-events-web', kind: 'user' },
  { poolId: DEMO_POOL_ID, clientId: DEMO_SUPPORT_CONSOLE_CLIENT_ID, name: 'support-console', kind: 'machine' },
  { poolId: DEMO_POOL_ID, clientId: DEMO_UNLISTED_CLIENT_ID, name: 'partner-portal', kind: 'user' },
  { poolId: OTHER_POOL_ID, clientId: OTHER_WEB_CLIENT_ID, name: 'other-web', kind: 'user' },
  { poolId: NO_THREAT_PROTECTION_POOL_ID, clientId: NO_THREAT_WEB_CLIENT_ID, name: 'no-threat-web', kind: 'user' },
];

/** The Cognito group whose members a gateway treats as administrators (its `AUTH_ADMIN_GROUPS` default). */
export const EMULATOR_ADMIN_GROUP = 'auth-events-admin';

/** The resource-server scope that makes a machine token an administrator's (the gateway's `AUTH_ADMIN_SCOPES` default). */
export const EMULATOR_ADMIN_SCOPE = 'auth-events/admin';
