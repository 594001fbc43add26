import { type FragmentDefinitionNode, type GraphQLSchema, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { cognitoReadsOf, type OperationCostOptions } from '../../src/limits/operation-cost';

/** The Cognito reads the gateway charges the first operation of `source`, as its fair-use plugin would. */
export function cognitoReadsOfSource(schema: GraphQLSchema, source: string, variables: Record<string, unknown>, options: OperationCostOptions): number {
  const document = parse(source);
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  if (operation === undefined) throw new Error('no operation');
  const fragments = Object.fromEntries(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  return cognitoReadsOf(schema, operation, fragments, variables, options);
}
