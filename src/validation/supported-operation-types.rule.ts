import { GraphQLError, type ValidationContext, type ASTVisitor } from 'graphql';

/**
 * Refuses, at validation, an operation whose root type the schema does not have (this schema
 * has no `Subscription`). graphql-js 16 finds that out only when executing, where it surfaces
 * as an unexpected error; as a validation error it is a `400 GRAPHQL_VALIDATION_FAILED` before
 * anything runs, as graphql-js 17 does in its own `KnownOperationTypesRule`.
 */
export function SupportedOperationTypesRule(context: ValidationContext): ASTVisitor {
  const schema = context.getSchema();
  return {
    OperationDefinition(node) {
      if (schema.getRootType(node.operation) == null) {
        context.reportError(
          new GraphQLError(`This schema does not support ${node.operation} operations.`, { nodes: node }),
        );
      }
    },
  };
}
