import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import { OperationLimitError } from './operation-limit.error';

/** The shape limits of one operation. */
export interface OperationShapeLimits {
  readonly maxAliases: number;
  readonly maxDepth: number;
  readonly maxDirectives: number;
}

/**
 * GraphQL Armor's alias, depth and directive limits as graphql-js validation rules. Apollo
 * Server runs them once per distinct document (it caches validated documents), so a client
 * repeating an operation pays nothing for them. A refusal is reported as an
 * `OPERATION_LIMIT_EXCEEDED` error naming the setting and its value, instead of Armor's throw.
 */
export function operationShapeRules(limits: OperationShapeLimits): ValidationRule[] {
  const reportAs = (setting: string, maximum: number) => [
    (context: ValidationContext | null, error: GraphQLError) => {
      const detail = error.message.replace(/^Syntax Error: /, '');
      context?.reportError(new OperationLimitError(setting, maximum, `${detail} (${setting})`));
    },
  ];
  return [
    maxAliasesRule({
      n: limits.maxAliases,
      propagateOnRejection: false,
      onReject: reportAs('MAX_OPERATION_ALIASES', limits.maxAliases),
    }),
    // Introspection is exempt: the Sandbox's and codegen's introspection queries are deep by
    // nature and read nothing upstream.
    maxDepthRule({
      n: limits.maxDepth,
      ignoreIntrospection: true,
      flattenFragments: true,
      propagateOnRejection: false,
      onReject: reportAs('MAX_OPERATION_DEPTH', limits.maxDepth),
    }),
    maxDirectivesRule({
      n: limits.maxDirectives,
      propagateOnRejection: false,
      onReject: reportAs('MAX_OPERATION_DIRECTIVES', limits.maxDirectives),
    }),
  ];
}
