import { Directive, Field, ObjectType } from 'type-graphql';
import { AuthEvent } from './auth-event.type';
import { ROUTER_COST } from '../limits/router-cost';

/** Result of `Mutation.updateAuthEventFeedback`. */
// Free to a router: the read that returns it is costed on the field that reads (docs/router.md).
@Directive(ROUTER_COST.free)
@ObjectType({ simpleResolvers: true, description: 'The outcome of a feedback update.' })
export class UpdateAuthEventFeedbackPayload {
  /** @param readBack reads the event back from Cognito; runs, and may fail, only if `authEvent` is selected. */
  constructor(private readonly readBack: () => Promise<AuthEvent | null>) {}

  @Field(() => AuthEvent, {
    nullable: true,
    description:
      "The event as it stands after the update, read back from Cognito (so a normalized client cache updates it in place by `id`). Null when it is not among the user's recent events the gateway scans; the update succeeded all the same.",
  })
  // A method field has a resolver of its own: the read-back runs, and may fail, as this field's
  // own resolution, whichever executor runs the operation.
  authEvent(): Promise<AuthEvent | null> {
    return this.readBack();
  }
}
