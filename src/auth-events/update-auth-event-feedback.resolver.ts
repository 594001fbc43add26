import { Arg, Ctx, Directive, Mutation, Resolver } from 'type-graphql';
import type { AuthEventsContext } from './auth-events.context';
import { UpdateAuthEventFeedbackInput } from './update-auth-event-feedback.input';
import { UpdateAuthEventFeedbackPayload } from './update-auth-event-feedback.payload';
import { ROUTER_COST } from '../limits/router-cost';

/** The feedback mutation. */
@Resolver()
export class UpdateAuthEventFeedbackResolver {
  // The read-back's event scan (`AUTH_EVENT_SCAN_PAGES`, 5 reads), in a router's units
  // (src/limits/router-cost.ts); Apollo Router adds its own 10 for any mutation.
  @Directive(ROUTER_COST.eventScan)
  @Mutation(() => UpdateAuthEventFeedbackPayload, {
    nullable: true,
    description:
      "Marks an authentication event as really the user (`VALID`) or not (`INVALID`), which trains the user pool's risk model. Returns the event as it stands afterwards.",
  })
  updateAuthEventFeedback(
    @Arg('input', () => UpdateAuthEventFeedbackInput, { description: 'The event and the feedback.' })
    input: UpdateAuthEventFeedbackInput,
    @Ctx() context: AuthEventsContext,
  ): Promise<UpdateAuthEventFeedbackPayload> {
    return context.feedback.updateAuthEventFeedback(input);
  }
}
