import { ArgsType, Field } from 'type-graphql';

/**
 * Whose history `Query.authEvents` reads. The connection arguments come from
 * `ForwardConnectionArgs`, a second `@Args()` of the resolver, so they follow these in the schema.
 */
@ArgsType()
export class AuthEventOwnerArgs {
  @Field(() => String, {
    description: "The user: the username, an alias such as the email address, or the user's `sub`.",
  })
  username!: string;

  @Field(() => String, {
    nullable: true,
    description: "The user pool; defaults to the gateway's default pool. Must be one the gateway serves.",
  })
  userPoolId?: string | null;
}
