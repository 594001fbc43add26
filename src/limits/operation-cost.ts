import {
  type FieldNode,
  type FragmentDefinitionNode,
  getNamedType,
  type GraphQLCompositeType,
  type GraphQLSchema,
  isCompositeType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  valueFromASTUntyped,
} from 'graphql';
import { MAX_AUTH_EVENTS_PAGE_SIZE } from '../cognito/cognito.constraints';

/** What the cost of a field depends on. */
export interface OperationCostOptions {
  /** `first` when a connection field omits it. */
  readonly defaultFirst: number;
  /** Largest `first` accepted; a larger one is refused before any read, so it costs no more than this. */
  readonly maxFirst: number;
  /** Pages a lookup by id may scan (`AUTH_EVENT_SCAN_PAGES`). */
  readonly eventScanPages: number;
  /** Pages one page of a filtered connection may scan (`FILTER_SCAN_PAGES`). */
  readonly filterScanPages: number;
}

/**
 * The most Cognito reads an operation may need, from the document and its variables alone,
 * before anything runs:
 * - every `authEvents` selection (on `Query` or `User`) costs what its first page may read,
 *   `ceil((first + 1) / 60)` (the page plus the lookahead that makes `hasNextPage` exact), and
 *   nothing for `first: 0`; with a `filter` it costs the scan budget, `FILTER_SCAN_PAGES`,
 *   however small `first` is, since finding the matches may take that many pages;
 * - `Query.authEvent(id)` and `Mutation.updateAuthEventFeedback` (which reads the event back)
 *   cost the scan bound, `AUTH_EVENT_SCAN_PAGES`;
 * - fields under `_entities` count once per representation.
 *
 * It is an upper bound, deliberately: aliases of the same read are counted apart although the
 * loaders read them once, and `@skip`/`@include` are ignored, so no document is cheaper than it
 * looks. Fragments are followed (validation has already refused cycles).
 */
export function cognitoReadsOf(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  variables: Readonly<Record<string, unknown>>,
  options: OperationCostOptions,
): number {
  const rootType = schema.getRootType(operation.operation);
  if (rootType == null) return 0;

  const argument = (node: { arguments?: readonly { name: { value: string }; value: ValueNode }[] }, name: string) => {
    const value = node.arguments?.find((candidate) => candidate.name.value === name)?.value;
    return value === undefined ? undefined : valueFromASTUntyped(value, variables);
  };

  const readsOfSelections = (selectionSet: SelectionSetNode, parentType: GraphQLCompositeType): number => {
    let reads = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        reads += readsOfField(selection, parentType);
      } else {
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments[selection.name.value] : selection;
        if (fragment === undefined) continue;
        const condition = fragment.typeCondition === undefined ? parentType : schema.getType(fragment.typeCondition.name.value);
        if (isCompositeType(condition)) reads += readsOfSelections(fragment.selectionSet, condition);
      }
    }
    return reads;
  };

  const readsOfField = (field: FieldNode, parentType: GraphQLCompositeType): number => {
    const name = field.name.value;
    const parent = parentType.name;
    if (name === 'authEvents' && (parent === 'Query' || parent === 'User')) {
      return readsOfFirstPage(argument(field, 'first'), argument(field, 'filter'), options);
    }
    if ((name === 'authEvent' && parent === 'Query') || (name === 'updateAuthEventFeedback' && parent === 'Mutation')) {
      return options.eventScanPages;
    }
    if (field.selectionSet === undefined || !isObjectType(parentType)) return 0;
    const definition = parentType.getFields()[name];
    const childType = definition === undefined ? undefined : getNamedType(definition.type);
    if (!isCompositeType(childType)) return 0;
    const perItem = readsOfSelections(field.selectionSet, childType);
    if (name === '_entities' && parent === 'Query') {
      const representations = argument(field, 'representations');
      return perItem * (Array.isArray(representations) ? representations.length : 1);
    }
    return perItem;
  };

  return readsOfSelections(operation.selectionSet, rootType);
}

/** Reads of a connection's first page of `first` edges, plus the lookahead, or its scan budget when filtered. */
function readsOfFirstPage(first: unknown, filter: unknown, options: OperationCostOptions): number {
  const requested = typeof first === 'number' && Number.isInteger(first) ? first : options.defaultFirst;
  const edges = Math.min(Math.max(requested, 0), options.maxFirst);
  if (edges === 0) return 0;
  // A filter whose fields are all omitted or null filters nothing, and the page is read unfiltered.
  const filters = typeof filter === 'object' && filter !== null && Object.values(filter).some((value) => value !== null && value !== undefined);
  if (filters) return options.filterScanPages;
  return Math.ceil((edges + 1) / MAX_AUTH_EVENTS_PAGE_SIZE);
}
