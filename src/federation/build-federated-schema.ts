import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLFieldResolver, GraphQLSchema, parse } from 'graphql';
import { type BuildSchemaOptions, buildSchema, createResolversMap, type ResolversMap } from 'type-graphql';
import { assertValidRepresentations, entityKeysOf, type ValidRepresentation } from './entity-representations';

/**
 * How a subgraph turns a router's representation (`{ __typename, ...key fields }`, already
 * checked against the entity's key) into the object the entity's field resolvers receive:
 * Apollo's `__resolveReference`.
 */
export type ReferenceResolver = (reference: ValidRepresentation) => unknown;

/** Reference resolvers by entity type name. */
export type ReferenceResolvers = Readonly<Record<string, ReferenceResolver>>;

/**
 * The Federation 2 version this subgraph speaks: 2.9, the first with the cost directives
 * (`@cost`, `@listSize`) that routers' demand control reads (docs/router.md). Composition needs
 * 2.9 or later (`rover`, `@apollo/composition`); a router reads the supergraph the composition
 * wrote, and one without demand control (or `@apollo/gateway`) ignores the directives.
 */
export const FEDERATION_SPEC_URL = 'https://specs.apollo.dev/federation/v2.9';

/**
 * The federation directives the type-graphql classes apply, and only those: `@key` on entities,
 * `@shareable` on value types other subgraphs define too, `@cost` and `@listSize` where a
 * router's cost estimate needs them (`src/limits/router-cost.ts`). Add a name when a class starts using
 * another; `@apollo/subgraph` rejects a directive that is applied but not imported.
 */
export const FEDERATION_IMPORTS = ['@key', '@shareable', '@cost', '@listSize'] as const;

/**
 * Builds a Federation 2 subgraph schema from type-graphql classes, the way type-graphql's
 * `examples/apollo-federation-2` does: build with type-graphql, print the types *with* their
 * directives (`printSchemaWithDirectives`, @graphql-tools/utils), link the federation spec, let
 * `@apollo/subgraph` add `_service` and `_entities`, and hand it type-graphql's resolvers
 * (`createResolversMap`, type resolution included) plus the entities' reference resolvers.
 *
 * Types are sorted by name first, so the SDL (and `schema.graphql`) does not change when classes
 * are merely imported in another order; fields and arguments keep their declaration order.
 */
export async function buildFederatedSchema(
  options: BuildSchemaOptions,
  referenceResolvers: ReferenceResolvers,
  limits: FederationLimits = DEFAULT_FEDERATION_LIMITS,
): Promise<GraphQLSchema> {
  const schema = withTypesSortedByName(await buildSchema(options));
  const imports = FEDERATION_IMPORTS.map((name) => JSON.stringify(name)).join(', ');
  const subgraph = buildSubgraphSchema({
    typeDefs: parse(`extend schema @link(url: "${FEDERATION_SPEC_URL}", import: [${imports}])\n${printSchemaWithDirectives(schema)}`),
    resolvers: withReferenceResolvers(createResolversMap(schema), referenceResolvers),
  });
  checkRepresentationsFirst(subgraph, Object.keys(referenceResolvers), limits.maxRepresentations);
  return subgraph;
}

/** Bounds of what a router may ask of the subgraph in one `_entities` call. */
export interface FederationLimits {
  /** Most representations in one `_entities` call (`FEDERATION_MAX_REPRESENTATIONS`). */
  readonly maxRepresentations: number;
}

/** The limits when none are configured (printing the schema, tests of the schema). */
export const DEFAULT_FEDERATION_LIMITS: FederationLimits = { maxRepresentations: 200 };

/**
 * Makes `_entities` check every representation before `@apollo/subgraph` resolves any of them
 * (see {@link assertValidRepresentations}): a bad list fails the field with `BAD_USER_INPUT`
 * and nothing of it is resolved, so no Cognito call is made for any of its entities.
 */
function checkRepresentationsFirst(subgraph: GraphQLSchema, entityTypeNames: readonly string[], maxRepresentations: number): void {
  const entities = subgraph.getQueryType()?.getFields()._entities;
  if (entities === undefined) return;
  const entityKeys = entityKeysOf(subgraph, entityTypeNames);
  const resolveEntities = entities.resolve as GraphQLFieldResolver<unknown, unknown>;
  entities.resolve = (source, args: { representations?: unknown }, context, info) => {
    assertValidRepresentations(args.representations, entityKeys, maxRepresentations);
    return resolveEntities(source, args, context, info);
  };
}

/**
 * Orders the types by name, keeping fields and arguments in declaration order, which is the
 * order they read best in (`authEvents(username, userPoolId, first, after)`).
 */
function withTypesSortedByName(schema: GraphQLSchema): GraphQLSchema {
  const config = schema.toConfig();
  return new GraphQLSchema({ ...config, types: [...config.types].sort((a, b) => a.name.localeCompare(b.name)) });
}

/**
 * type-graphql's resolver map with each entity's `__resolveReference` merged into its type.
 *
 * @throws TypeError when a reference resolver names no object type of the schema.
 */
function withReferenceResolvers(resolvers: ResolversMap, referenceResolvers: ReferenceResolvers): GraphQLResolverMap<unknown> {
  const merged: Record<string, unknown> = { ...resolvers };
  for (const [typeName, resolveReference] of Object.entries(referenceResolvers)) {
    const fields = resolvers[typeName];
    if (typeof fields !== 'object' || fields === null) {
      throw new TypeError(`A reference resolver was given for ${typeName}, which is not an object type of the schema.`);
    }
    merged[typeName] = { ...fields, __resolveReference: resolveReference };
  }
  // The same shape (field resolvers, scalars, enum values, __resolveType, __isTypeOf) under two
  // libraries' typings: type-graphql's map is what @apollo/subgraph reads.
  return merged as GraphQLResolverMap<unknown>;
}
