import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { type DocumentNode, GraphQLSchema, Kind, parse } from 'graphql';
import { type BuildSchemaOptions, buildSchema } from 'type-graphql';
import { adoptTypeResolution, type ReferenceResolvers, subgraphResolversOf } from './subgraph-resolvers';
import { typeDefsWithDirectives } from './type-defs.printer';

/**
 * The Federation 2 version this subgraph speaks. 2.3 is what type-graphql's example links; it is
 * understood by current Apollo Routers and by `@apollo/gateway` 2.3 and later, and nothing here
 * needs a later version, so older routers keep working.
 */
export const FEDERATION_SPEC_URL = 'https://specs.apollo.dev/federation/v2.3';

/**
 * The federation directives the type-graphql classes apply, and only those: `@key` on entities,
 * `@shareable` on value types other subgraphs define too. Add a name when a class starts using
 * another; `@apollo/subgraph` rejects a directive that is applied but not imported.
 */
export const FEDERATION_IMPORTS = ['@key', '@shareable'] as const;

/**
 * Builds a Federation 2 subgraph schema from type-graphql classes, the way type-graphql's
 * `examples/apollo-federation-2` does: build with type-graphql, print the types *with* their
 * directives, link the federation spec, let `@apollo/subgraph` add `_service` and `_entities`,
 * and hand it type-graphql's resolvers plus the entities' reference resolvers.
 *
 * Types are sorted by name first, so the SDL (and `schema.graphql`) does not change when classes
 * are merely imported in another order; fields and arguments keep their declaration order.
 */
export async function buildFederatedSchema(
  options: BuildSchemaOptions,
  referenceResolvers: ReferenceResolvers,
): Promise<GraphQLSchema> {
  const schema = withTypesSortedByName(await buildSchema(options));
  const subgraph = buildSubgraphSchema({
    typeDefs: withFederationLink(typeDefsWithDirectives(schema)),
    resolvers: subgraphResolversOf(schema, referenceResolvers),
  });
  adoptTypeResolution(subgraph, schema);
  return subgraph;
}

/**
 * Orders the types by name, keeping fields and arguments in declaration order, which is the
 * order they read best in (`authEvents(username, userPoolId, first, after)`).
 */
function withTypesSortedByName(schema: GraphQLSchema): GraphQLSchema {
  const config = schema.toConfig();
  return new GraphQLSchema({ ...config, types: [...config.types].sort((a, b) => a.name.localeCompare(b.name)) });
}

function withFederationLink(typeDefs: DocumentNode): DocumentNode {
  const imports = FEDERATION_IMPORTS.map((name) => JSON.stringify(name)).join(', ');
  const link = parse(`extend schema @link(url: "${FEDERATION_SPEC_URL}", import: [${imports}])`);
  return { kind: Kind.DOCUMENT, definitions: [...link.definitions, ...typeDefs.definitions] };
}
