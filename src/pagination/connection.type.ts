import { type ClassType, Field, ObjectType } from 'type-graphql';
import { PageInfo } from './page-info.type';

/** An edge as the resolvers build it: a node and the cursor that resumes right after it. */
export interface Edge<TNode> {
  cursor: string;
  node: TNode;
}

/** A page of a connection as the resolvers build it. */
export interface Connection<TNode> {
  edges: Edge<TNode>[];
  pageInfo: PageInfo;
}

/**
 * Builds the `<Name>Edge` object type and an abstract `<Name>Connection` base class for
 * `nodeClass`, the way type-graphql's generic-types example does; the caller declares the
 * concrete `@ObjectType() class <Name>Connection extends ConnectionType(...)`.
 */
export function ConnectionType<TNode extends object>(nodeClass: ClassType<TNode>, nodeName: string) {
  @ObjectType(`${nodeName}Edge`, { simpleResolvers: true, description: `One ${nodeName} in a connection, with its cursor.` })
  class EdgeType implements Edge<TNode> {
    @Field(() => String, {
      description: `Opaque cursor that resumes right after this ${nodeName}; pass it as \`after\`.`,
    })
    cursor!: string;

    @Field(() => nodeClass, { description: `The ${nodeName}.` })
    node!: TNode;
  }

  @ObjectType({ simpleResolvers: true })
  abstract class ConnectionBase implements Connection<TNode> {
    @Field(() => [EdgeType], { description: `The ${nodeName}s of this page, in order.` })
    edges!: EdgeType[];

    @Field(() => PageInfo, { description: 'Where this page sits in the whole list.' })
    pageInfo!: PageInfo;
  }

  return ConnectionBase;
}
