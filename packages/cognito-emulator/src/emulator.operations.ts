import { MAX_AUTH_EVENTS_PAGE_SIZE } from './emulator.constraints';
import { EmulatorServiceError } from './emulator.errors';
import type { EmulatorRuntimeOptions } from './emulator.options';
import type { EmulatorStore } from './emulator.store';
import { decodeNextToken, encodeNextToken, isFeedbackTokenFor, type EventPosition } from './emulator.tokens';
import type { EmulatorAuthEvent, EmulatorUserSummary } from './emulator.types';
import {
  parseAdminUpdateAuthEventFeedbackInput,
  parseListUserAuthEventsInput,
  parseUpdateAuthEventFeedbackInput,
} from './emulator.validation';

/** What an operation may use besides its input. */
export interface OperationContext {
  /** The data. */
  readonly store: EmulatorStore;
  /** Runtime options in force for this call. */
  readonly options: EmulatorRuntimeOptions;
  /** Whether the request carried a SigV4 `Authorization` header. */
  readonly signed: boolean;
  /** The current time in epoch milliseconds. */
  readonly now: () => number;
}

/** `AdminListUserAuthEvents` output. */
export interface AdminListUserAuthEventsOutput {
  /** The page, newest first. */
  readonly AuthEvents: EmulatorAuthEvent[];
  /** Where the next page starts; absent at the end of the history. */
  readonly NextToken?: string;
}

interface OperationHandler {
  run(body: Readonly<Record<string, unknown>>, context: OperationContext): object;
}

/**
 * `Provider` values written into `EventFeedback`. AWS documents `Admin` for feedback given in the
 * console, which calls `AdminUpdateAuthEventFeedback`, so the IAM path writes `Admin`. For the
 * feedback-token path (the user clicking the link in Cognito's notification email) AWS documents
 * no value; `User` is the counterpart we chose, and the gateway must treat `Provider` as free text.
 */
export const FEEDBACK_PROVIDER = { admin: 'Admin', user: 'User' } as const;

/** The operations the emulator implements, by name. */
export const OPERATIONS = {
  AdminListUserAuthEvents: { run: adminListUserAuthEvents },
  AdminUpdateAuthEventFeedback: { run: adminUpdateAuthEventFeedback },
  UpdateAuthEventFeedback: { run: updateAuthEventFeedback },
} as const satisfies Record<string, OperationHandler>;

/** The name of an implemented operation. */
export type OperationName = keyof typeof OPERATIONS;

/** Whether `name` is an operation the emulator implements. */
export function isOperationName(name: string): name is OperationName {
  return Object.prototype.hasOwnProperty.call(OPERATIONS, name);
}

function adminListUserAuthEvents(body: Readonly<Record<string, unknown>>, context: OperationContext): AdminListUserAuthEventsOutput {
  requireSignature(context);
  const input = parseListUserAuthEventsInput(body);
  const user = requireUser(context, input.UserPoolId, input.Username);
  let after: EventPosition | undefined;
  if (input.NextToken !== undefined) {
    const claims = decodeNextToken(input.NextToken);
    if (!claims || claims.userPoolId !== input.UserPoolId || claims.sub !== user.sub) {
      throw new EmulatorServiceError('InvalidParameterException', 'Invalid NextToken.');
    }
    after = claims;
  }
  const limit = input.MaxResults === undefined || input.MaxResults === 0 ? MAX_AUTH_EVENTS_PAGE_SIZE : input.MaxResults;
  const page = context.store.pageOf(input.UserPoolId, user.sub, after, limit);
  const last = page.events[page.events.length - 1];
  const full = page.events.length === limit;
  if (!last || !full || (!page.hasMore && !context.options.trailingEmptyPage)) {
    return { AuthEvents: page.events };
  }
  const nextToken = encodeNextToken(
    { userPoolId: input.UserPoolId, sub: user.sub, creationDate: last.CreationDate, eventId: last.EventId },
    context.options.nextTokenMinLength,
  );
  return { AuthEvents: page.events, NextToken: nextToken };
}

function adminUpdateAuthEventFeedback(body: Readonly<Record<string, unknown>>, context: OperationContext): object {
  requireSignature(context);
  const input = parseAdminUpdateAuthEventFeedbackInput(body);
  const user = requireUser(context, input.UserPoolId, input.Username);
  recordFeedback(context, input.UserPoolId, user, input.EventId, input.FeedbackValue, FEEDBACK_PROVIDER.admin);
  return {};
}

function updateAuthEventFeedback(body: Readonly<Record<string, unknown>>, context: OperationContext): object {
  // Not IAM-authorized: the feedback token is the credential, so no signature is required.
  const input = parseUpdateAuthEventFeedbackInput(body);
  const user = requireUser(context, input.UserPoolId, input.Username);
  if (!isFeedbackTokenFor(input.FeedbackToken, { userPoolId: input.UserPoolId, sub: user.sub, eventId: input.EventId })) {
    throw new EmulatorServiceError('NotAuthorizedException', 'Invalid feedback token.');
  }
  recordFeedback(context, input.UserPoolId, user, input.EventId, input.FeedbackValue, FEEDBACK_PROVIDER.user);
  return {};
}

function recordFeedback(
  context: OperationContext,
  userPoolId: string,
  user: EmulatorUserSummary,
  eventId: string,
  feedbackValue: string,
  provider: string,
): void {
  const feedback = { FeedbackValue: feedbackValue, Provider: provider, FeedbackDate: context.now() / 1000 };
  if (!context.store.setFeedback(userPoolId, user.sub, eventId, feedback)) {
    throw new EmulatorServiceError('ResourceNotFoundException', `Auth event ${eventId} does not exist.`);
  }
}

function requireSignature(context: OperationContext): void {
  if (!context.signed) {
    throw new EmulatorServiceError('NotAuthorizedException', 'Request is missing Authentication Token');
  }
}

/** Pool, then threat protection, then user: the order Cognito reports problems in. */
function requireUser(context: OperationContext, userPoolId: string, username: string): EmulatorUserSummary {
  const pool = context.store.findPool(userPoolId);
  if (!pool) throw new EmulatorServiceError('ResourceNotFoundException', `User pool ${userPoolId} does not exist.`);
  if (!pool.threatProtection) {
    throw new EmulatorServiceError('UserPoolAddOnNotEnabledException', 'Threat protection is not enabled for this user pool.');
  }
  const user = context.store.findUser(userPoolId, username);
  // Cognito's own wording, which names no user.
  if (!user) throw new EmulatorServiceError('UserNotFoundException', 'User does not exist.');
  return user;
}
