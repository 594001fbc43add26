/**
 * A faithful emulator of Cognito user pools' auth-event operations, for `npm start` (as the
 * embedded upstream), `npm run emulator`, and every test.
 */
export {
  startCognitoEmulator,
  type CognitoEmulator,
  type CognitoEmulatorOptions,
  type EmulatorFaultControls,
  type EmulatorLogger,
} from './emulator.server';
export type { EmulatorCall, EmulatorCallLog, EmulatorCallRequest } from './emulator.call-log';
export { EMULATOR_ERROR_STATUS, type EmulatorErrorType } from './emulator.errors';
export { NO_FAULTS, type EmulatorFaults } from './emulator.faults';
export { FEEDBACK_PROVIDER } from './emulator.operations';
export { DEFAULT_RUNTIME_OPTIONS, type EmulatorRuntimeOptions } from './emulator.options';
export { EmulatorStore, type EventPage, type FeedbackTokenRequest } from './emulator.store';
export {
  BOUNDARY_USER_EVENT_COUNTS,
  CROWD_USER_EVENT_COUNTS,
  DEMO_POOL_ID,
  FUTURE_ENUM_VALUES,
  NO_THREAT_PROTECTION_POOL_ID,
  OTHER_POOL_ID,
  SEED_INSTANT,
  SEED_POOLS,
  SEED_USERS,
  seedUser,
} from './emulator.seed';
export type {
  EmulatorAuthEvent,
  EmulatorChallengeResponse,
  EmulatorEventContextData,
  EmulatorEventFeedback,
  EmulatorEventRisk,
  EmulatorPoolSummary,
  EmulatorUserSummary,
} from './emulator.types';
