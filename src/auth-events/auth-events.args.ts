import { ArgsType, Field, Int } from 'type-graphql';

/** Arguments of `Query.authEvents`. */
@ArgsType()
export class AuthEventsArgs {
  @Field(() => String, {
    description: "The user: the username, an alias such as the email address, or the user's `sub`.",
  })
  username!: string;

  @Field(() => String, {
    nullable: true,
    description: "The user pool; defaults to the gateway's default pool. Must be one the gateway serves.",
  })
  userPoolId?: string | null;

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
