import { Field, InputType } from 'type-graphql';
import { FeedbackValue } from './auth-event.enums';

/** Input of `Mutation.updateAuthEventFeedback`. */
@InputType({ description: 'Feedback on whether one authentication event was really the user.' })
export class UpdateAuthEventFeedbackInput {
  @Field(() => String, {
    nullable: true,
    description: "The user: username, an alias such as the email address, or the user's `sub`. Omitted: the signed-in caller.",
  })
  username?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The user pool; defaults to the caller's own pool (for machine callers, the gateway's default pool).",
  })
  userPoolId?: string | null;

  @Field(() => String, { description: "The event's `eventId` (Cognito's id, not `AuthEvent.id`)." })
  eventId!: string;

  @Field(() => FeedbackValue, { description: 'Whether the event was the user.' })
  feedbackValue!: FeedbackValue;

  @Field(() => String, {
    nullable: true,
    description:
      "The token from Cognito's notification email link. With it, the update is Cognito's `UpdateAuthEventFeedback` (the user vouching by email); without it, the IAM-authorized `AdminUpdateAuthEventFeedback`.",
  })
  feedbackToken?: string | null;
}
