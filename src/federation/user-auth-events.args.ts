import { ArgsType, Field, Int } from 'type-graphql';

/** Arguments of `User.authEvents`: the forward-only connection arguments, since the user is the entity. */
@ArgsType()
export class UserAuthEventsArgs {
  @Field(() => Int, {
    nullable: true,
    description: 'How many events to return (0 up to the configured maximum, 100 by default); 20 when omitted.',
  })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: "Return the events after this cursor (an edge's `cursor` or `pageInfo.endCursor`).",
  })
  after?: string | null;
}
