import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * Relay's `PageInfo`, exactly as the Cursor Connections specification defines it. Shareable,
 * because every subgraph with a Relay connection defines the same type.
 */
@Directive('@shareable')
@ObjectType({ simpleResolvers: true, description: 'Where a page of a connection sits in the whole list (Relay Cursor Connections).' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether more edges follow this page.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, {
    description: 'Whether more edges precede this page; always false when paging forward with `first`/`after`.',
  })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "The first edge's cursor; null on an empty page." })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The last edge's cursor; pass it as `after` for the next page. Null on an empty page.",
  })
  endCursor!: string | null;
}
