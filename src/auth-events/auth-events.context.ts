import type { AuthEventFeedbackService } from './auth-event-feedback.service';
import type { AuthEventsService } from './auth-events.service';

/**
 * What this room's resolvers need of a request's context: the request's own services, made
 * fresh for each request in the context function (`src/server/context.ts`), so nothing read for
 * one caller is ever served to another.
 */
export interface AuthEventsContext {
  /** Reads of users' histories, authorized for the request's caller. */
  readonly authEvents: AuthEventsService;
  /** Feedback updates, authorized for the request's caller. */
  readonly feedback: AuthEventFeedbackService;
}
