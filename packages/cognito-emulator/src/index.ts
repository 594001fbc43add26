/**
 * A faithful emulator of Cognito user pools' auth-event operations and of the JWTs their pools
 * issue (with each pool's JWKS), for the gateway's `npm start` (its local stack), `npm run
 * emulator`, `npm run token`, the tools and every test. The seed's ids (pools, app clients,
 * users) are exported here, so nothing else hard-codes them.
 */
export {
  startCognitoEmulator,
  type CognitoEmulator,
  type CognitoEmulatorOptions,
  type EmulatorFaultControls,
  type EmulatorLogger,
} from './emulator.server';
export {
  DEMO_SUPPORT_CONSOLE_CLIENT_ID,
  DEMO_UNLISTED_CLIENT_ID,
  DEMO_WEB_CLIENT_ID,
  EMULATOR_ADMIN_GROUP,
  EMULATOR_ADMIN_SCOPE,
  NO_THREAT_WEB_CLIENT_ID,
  OTHER_WEB_CLIENT_ID,
  SEED_APP_CLIENTS,
  type EmulatorAppClient,
  type EmulatorAppClientKind,
} from './emulator.app-clients';
export type { EmulatorCall, EmulatorCallLog, EmulatorCallRequest } from './emulator.call-log';
export {
  announceRunningEmulator,
  discoveryDirectory,
  findRunningEmulator,
  type FoundEmulatorRecord,
  type RunningEmulatorRecord,
  type RunningEmulatorRole,
} from './emulator.discovery';
export {
  DEFAULT_EMULATOR_HOST,
  DEFAULT_EMULATOR_PORT,
  readEmulatorPort,
  startCognitoEmulatorPreferringPort,
  type PreferredPortStart,
} from './emulator.port';
export { EMULATOR_ERROR_STATUS, type EmulatorErrorType } from './emulator.errors';
export { NO_FAULTS, type EmulatorFaults } from './emulator.faults';
export type { EmulatorJwksRequestLog } from './emulator.jwks-requests';
export {
  DEFAULT_TOKEN_LIFETIME_SECONDS,
  USER_SIGN_IN_SCOPE,
  type EmulatorTokenUse,
  type MintedToken,
  type MintTokenRequest,
} from './emulator.jwt-issuer';
export { FEEDBACK_PROVIDER } from './emulator.operations';
export { createSeededRandom, type SeededRandom } from './emulator.prng';
export {
  EVENT_ID_RULE,
  FEEDBACK_TOKEN_RULE,
  FEEDBACK_VALUES,
  MAX_AUTH_EVENTS_PAGE_SIZE,
  NEXT_TOKEN_RULE,
  USER_POOL_ID_RULE,
  USERNAME_RULE,
  type CognitoParameterRule,
} from './emulator.constraints';
export { DEFAULT_RUNTIME_OPTIONS, type EmulatorRuntimeOptions } from './emulator.options';
export { EmulatorStore, type EmulatorStoreOptions, type EventPage, type FeedbackTokenRequest } from './emulator.store';
export {
  BOUNDARY_USER_EVENT_COUNTS,
  CROWD_USER_EVENT_COUNTS,
  DEMO_POOL_ID,
  FUTURE_ENUM_VALUES,
  NO_THREAT_PROTECTION_POOL_ID,
  OTHER_POOL_ID,
  SEED_POOLS,
  seedInstantOf,
  SEED_USERS,
  seedUser,
} from './emulator.seed';
export {
  MAX_SYNTHETIC_USERS,
  SYNTHETIC_USER_EVENT_COUNTS,
  SYNTHETIC_USER_POOL_ID,
  syntheticUsername,
} from './emulator.synthetic-users';
export { SIGNING_ALGORITHM, type EmulatorJwk, type EmulatorJwks } from './emulator.signing';
export { openIdConfigurationOf, type OpenIdConfiguration } from './emulator.well-known';
export type {
  EmulatorAuthEvent,
  EmulatorChallengeResponse,
  EmulatorEventContextData,
  EmulatorEventFeedback,
  EmulatorEventRisk,
  EmulatorPoolSummary,
  EmulatorUserSummary,
} from './emulator.types';
