import {
  getNamedType,
  GraphQLID,
  type GraphQLObjectType,
  type GraphQLSchema,
  GraphQLString,
  isNonNullType,
  isObjectType,
  Kind,
  parse,
  type StringValueNode,
} from 'graphql';
import { BadUserInputError } from '../errors/gateway-errors';

/** A representation that passed {@link assertValidRepresentations}: an owned type and its key fields as strings. */
export interface ValidRepresentation {
  readonly __typename: string;
  readonly [keyField: string]: unknown;
}

/** The key fields of one entity type this subgraph resolves, as its `@key` directive names them. */
export interface EntityKey {
  readonly typeName: string;
  readonly keyFields: readonly string[];
}

/**
 * The `@key` fields of each type in `typeNames`, read from the subgraph schema's own directives,
 * so the check of a representation can never drift from the key the subgraph declares.
 *
 * @throws TypeError when a type is not an object type with a `@key`, a key is nested (not
 *   supported here), or a key field is not a non-null `ID` or `String`.
 */
export function entityKeysOf(schema: GraphQLSchema, typeNames: readonly string[]): Map<string, EntityKey> {
  const keys = new Map<string, EntityKey>();
  for (const typeName of typeNames) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new TypeError(`Entity ${typeName} is not an object type of the subgraph schema.`);
    const fields = keyFieldsOf(type);
    for (const fieldName of fields) {
      const field = type.getFields()[fieldName];
      const named = field === undefined ? undefined : getNamedType(field.type);
      if (field === undefined || !isNonNullType(field.type) || (named !== GraphQLID && named !== GraphQLString)) {
        throw new TypeError(`Key field ${typeName}.${fieldName} must be a non-null ID or String field.`);
      }
    }
    keys.set(typeName, { typeName, keyFields: fields });
  }
  return keys;
}

function keyFieldsOf(type: GraphQLObjectType): string[] {
  const key = type.astNode?.directives?.find((directive) => directive.name.value === 'key');
  const fieldsArgument = key?.arguments?.find((argument) => argument.name.value === 'fields');
  if (fieldsArgument?.value.kind !== Kind.STRING) throw new TypeError(`Entity ${type.name} has no @key(fields: "…").`);
  const selection = (fieldsArgument.value as StringValueNode).value;
  if (selection.includes('{')) throw new TypeError(`Entity ${type.name} has a nested key (${selection}), which is not supported.`);
  // Parse rather than split, so the key is read as GraphQL reads it (commas, comments).
  const [operation] = parse(`{ ${selection} }`).definitions;
  if (operation?.kind !== Kind.OPERATION_DEFINITION) throw new TypeError(`Entity ${type.name} has an unreadable @key.`);
  return operation.selectionSet.selections.flatMap((node) => (node.kind === Kind.FIELD ? [node.name.value] : []));
}

/**
 * Checks a router's whole `representations` list before any of it is resolved: a list of at
 * most `maxRepresentations` objects, each with a `__typename` among the entity types this
 * subgraph owns and every key field of that type as a string (what an `ID` serialises to).
 *
 * All of them are checked first because `@apollo/subgraph` resolves representations in one
 * `map`: a failure half-way would leave the references already started unawaited (one such
 * rejection once ended the process), and a partial answer would hide what is really a
 * router or composition bug, since a router only sends representations it built itself.
 *
 * @throws BadUserInputError for the first representation that breaks a rule, naming its index,
 *   the rule and the type (never a value: a key may be a username).
 */
export function assertValidRepresentations(
  representations: unknown,
  entityKeys: ReadonlyMap<string, EntityKey>,
  maxRepresentations: number,
): asserts representations is readonly ValidRepresentation[] {
  if (!Array.isArray(representations)) {
    throw new BadUserInputError('representations', 'representations must be a list of entity representations.');
  }
  if (representations.length > maxRepresentations) {
    throw new BadUserInputError(
      'representations',
      `representations may hold at most ${maxRepresentations} entities (FEDERATION_MAX_REPRESENTATIONS); it holds ${representations.length}.`,
    );
  }
  const owned = [...entityKeys.keys()].join(', ');
  representations.forEach((representation: unknown, index) => {
    const at = `representations[${index}]`;
    if (typeof representation !== 'object' || representation === null || Array.isArray(representation)) {
      throw new BadUserInputError('representations', `${at} must be an object with __typename and key fields; received ${describe(representation)}.`);
    }
    const { __typename: typeName } = representation as Record<string, unknown>;
    if (typeof typeName !== 'string') {
      throw new BadUserInputError('representations', `${at} must carry __typename as a string; received ${describe(typeName)}.`);
    }
    const entity = entityKeys.get(typeName);
    if (entity === undefined) {
      throw new BadUserInputError(
        'representations',
        `${at} has __typename ${JSON.stringify(typeName.slice(0, 64))}, which is not an entity this subgraph resolves (${owned}).`,
      );
    }
    for (const keyField of entity.keyFields) {
      const value = (representation as Record<string, unknown>)[keyField];
      if (typeof value !== 'string') {
        throw new BadUserInputError(
          'representations',
          `${at}: a ${typeName} representation must carry its key field ${keyField} as a string; received ${describe(value)}.`,
        );
      }
    }
  });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'undefined' ? 'nothing' : `a ${typeof value}`;
}
