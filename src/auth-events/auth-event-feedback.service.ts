import type { CognitoAuthEventsClient, CognitoCallScope } from '../cognito/cognito.client';
import { authorizeHistoryAccess, resolveHistoryOwner } from '../auth/authorization.policy';
import type { Caller } from '../auth/caller';
import {
  assertValidEventId,
  assertValidFeedbackToken,
  assertValidUsername,
  resolveUserPoolId,
  type UserPoolPolicy,
} from '../validation/cognito-input.validation';
import type { AuthEventsService } from './auth-events.service';
import type { AuthEvent } from './auth-event.type';
import type { AuthEventLoaders } from './auth-event.loaders';
import type { UpdateAuthEventFeedbackInput } from './update-auth-event-feedback.input';
import { UpdateAuthEventFeedbackPayload } from './update-auth-event-feedback.payload';

/** What the feedback service needs; the loaders and the call scope are the request's own. */
export interface AuthEventFeedbackServiceDependencies {
  readonly client: CognitoAuthEventsClient;
  readonly loaders: AuthEventLoaders;
  readonly authEvents: AuthEventsService;
  readonly pools: UserPoolPolicy;
  /** The request on whose behalf Cognito is called: its abort signal and its tally of calls. */
  readonly scope: CognitoCallScope;
  /** Who is asking; the update is authorized for this caller. */
  readonly caller: Caller;
}

/** Per-request feedback updates. */
export class AuthEventFeedbackService {
  constructor(private readonly deps: AuthEventFeedbackServiceDependencies) {}

  /**
   * Sends the feedback to Cognito (with a token: `UpdateAuthEventFeedback`; without:
   * `AdminUpdateAuthEventFeedback`), then reads the event back through the request's loaders
   * after forgetting what they held for the user, so later fields of the same operation see it.
   */
  async updateAuthEventFeedback(input: UpdateAuthEventFeedbackInput): Promise<UpdateAuthEventFeedbackPayload> {
    const owner = resolveHistoryOwner(this.deps.caller, input, this.deps.pools.defaultUserPoolId, 'input.');
    const username = assertValidUsername('input.username', owner.username);
    const userPoolId = resolveUserPoolId('input.userPoolId', owner.userPoolId, this.deps.pools);
    const eventId = assertValidEventId('input.eventId', input.eventId);
    const feedbackToken =
      input.feedbackToken === null || input.feedbackToken === undefined
        ? undefined
        : assertValidFeedbackToken('input.feedbackToken', input.feedbackToken);
    authorizeHistoryAccess(
      this.deps.caller,
      { userPoolId, username },
      feedbackToken === undefined ? 'admin-feedback' : 'feedback-with-token',
    );

    await this.deps.client.updateAuthEventFeedback(
      {
        userPoolId,
        username,
        eventId,
        feedbackValue: input.feedbackValue,
        ...(feedbackToken === undefined ? {} : { feedbackToken }),
      },
      this.deps.scope,
    );
    await this.deps.loaders.invalidateUser(userPoolId, username);
    // The update is applied from here on. Reading the event back is a separate Cognito call
    // that can fail (throttled, unavailable); it runs as `authEvent`'s own resolver, so such a
    // failure is an error at `updateAuthEventFeedback.authEvent` beside a non-null payload, and
    // the client still learns that its update was applied.
    // Read back by key: the caller was authorized for this event above.
    return new UpdateAuthEventFeedbackPayload((): Promise<AuthEvent | null> => this.deps.authEvents.authEventOf({ userPoolId, username, eventId }));
  }
}
