import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import {
  type GraphQLEnumType,
  type GraphQLObjectType,
  type GraphQLSchema,
  isAbstractType,
  isEnumType,
  isIntrospectionType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
} from 'graphql';
import type { ValidRepresentation } from './entity-representations';

/**
 * How a subgraph turns a router's representation (`{ __typename, ...key fields }`, already
 * checked against the entity's key) into the object the entity's field resolvers receive:
 * Apollo's `__resolveReference`.
 */
export type ReferenceResolver = (reference: ValidRepresentation) => unknown;

/** Reference resolvers by entity type name. */
export type ReferenceResolvers = Readonly<Record<string, ReferenceResolver>>;

/** An object type's entry of Apollo's resolver map: field resolvers by field name. */
type FieldResolverMap = Exclude<
  Extract<GraphQLResolverMap<unknown>[string], { [fieldName: string]: unknown }>,
  EnumValueMap
>;

/** An enum type's entry of Apollo's resolver map: internal values by GraphQL name. */
type EnumValueMap = { [enumValue: string]: string | number };

/**
 * The behaviour type-graphql gave `schema` (field resolvers, custom scalars, enum values), as
 * the resolver map `buildSubgraphSchema` takes, plus the entities' reference resolvers. It plays
 * the part of type-graphql's `createResolversMap` merged with the reference resolvers in
 * type-graphql's federation example, typed for `@apollo/subgraph`: type resolution is not in it
 * (Apollo's map types `__resolveType` as a field resolver, which it is not), so
 * {@link adoptTypeResolution} carries it over instead.
 *
 * @throws TypeError when a reference resolver names no object type of the schema, or an enum
 *   value is neither a string nor a number (what a resolver map can hold).
 */
export function subgraphResolversOf(
  schema: GraphQLSchema,
  referenceResolvers: ReferenceResolvers,
): GraphQLResolverMap<unknown> {
  const resolvers: GraphQLResolverMap<unknown> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    if (isObjectType(type)) resolvers[type.name] = fieldResolversOf(type);
    else if (isScalarType(type)) resolvers[type.name] = type;
    else if (isEnumType(type)) resolvers[type.name] = enumValuesOf(type);
  }
  for (const [typeName, resolveReference] of Object.entries(referenceResolvers)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) {
      throw new TypeError(`A reference resolver was given for ${typeName}, which is not an object type of the schema.`);
    }
    resolvers[typeName] = { ...fieldResolversOf(type), __resolveReference: resolveReference };
  }
  return resolvers;
}

/**
 * Gives the abstract and object types of `subgraph` the type resolution (`resolveType`,
 * `isTypeOf`) of their namesakes in `schema`, as `buildSubgraphSchema` would from a resolver
 * map. type-graphql resolves interfaces and unions by class, which SDL cannot carry. Types
 * `@apollo/subgraph` added itself (`_Entity`, …) keep their own.
 */
export function adoptTypeResolution(subgraph: GraphQLSchema, schema: GraphQLSchema): void {
  for (const type of Object.values(subgraph.getTypeMap())) {
    const original = schema.getType(type.name);
    if (isAbstractType(type) && isAbstractType(original) && original.resolveType) {
      type.resolveType = original.resolveType;
    } else if (isObjectType(type) && isObjectType(original) && original.isTypeOf) {
      type.isTypeOf = original.isTypeOf;
    }
  }
}

function fieldResolversOf(type: GraphQLObjectType): FieldResolverMap {
  const fields: FieldResolverMap = {};
  for (const field of Object.values(type.getFields())) {
    if (field.resolve !== undefined || field.subscribe !== undefined) {
      fields[field.name] = { resolve: field.resolve, subscribe: field.subscribe };
    }
  }
  return fields;
}

function enumValuesOf(type: GraphQLEnumType): EnumValueMap {
  const values: EnumValueMap = {};
  for (const { name, value } of type.getValues()) {
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new TypeError(
        `Enum value ${type.name}.${name} holds a ${typeof value}; a subgraph's enum values must be strings or numbers.`,
      );
    }
    values[name] = value;
  }
  return values;
}
