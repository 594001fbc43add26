import { ArgsType, Field, Int } from 'type-graphql';

/**
 * The forward-only connection arguments (`first`/`after`) of Relay's Cursor Connections, for
 * every connection field to extend; `last`/`before` are deliberately not offered.
 */
@ArgsType()
export class ForwardConnectionArgs {
  @Field(() => Int, {
    nullable: true,
    description: 'How many edges to return: 0 up to the configured maximum (100 by default); 20 when omitted.',
  })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: "Return the edges after this cursor (an edge's `cursor` or `pageInfo.endCursor`).",
  })
  after?: string | null;
}
