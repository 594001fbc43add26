import { Field, ObjectType } from 'type-graphql';
import { AuthEvent } from './auth-event.type';

/** Result of `Mutation.updateAuthEventFeedback`. */
@ObjectType({ simpleResolvers: true, description: 'The outcome of a feedback update.' })
export class UpdateAuthEventFeedbackPayload {
  @Field(() => AuthEvent, {
    nullable: true,
    description:
      "The event as it stands after the update, read back from Cognito (so a normalized client cache updates it in place by `id`). Null when it is not among the user's recent events the gateway scans; the update succeeded all the same.",
  })
  // A function is what graphql-js's default resolver calls (the payload has simple resolvers):
  // the read-back runs, and may fail, as this field's own resolution.
  authEvent!: AuthEvent | null | (() => Promise<AuthEvent | null>);
}
