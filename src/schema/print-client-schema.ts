import {
  GraphQLObjectType,
  GraphQLSchema,
  printSchema,
  specifiedDirectives,
  type GraphQLFieldConfigMap,
} from 'graphql';
import { buildGatewaySchema } from './build-schema';

/** The root fields `@apollo/subgraph` adds for routers; no front-end client sends them. */
const FEDERATION_ROOT_FIELDS: ReadonlySet<string> = new Set(['_entities', '_service']);

/**
 * The API schema front-end tools consume, committed as `schema.client.graphql`: every type and
 * field a client can reach from `Query` and `Mutation`, with its description, and nothing of
 * federation — no `extend schema @link`, no `@key`/`@shareable`, no `_entities`/`_service` and
 * no `_Any`/`_Entity`/`_Service`. `relay-compiler` 21 cannot read the subgraph SDL (it panics on
 * the `@link` schema extension, and the federation directives are undeclared there), and IDE
 * plugins and GraphQL Code Generator would otherwise offer `_entities` to every component.
 *
 * The supergraph's `User` is left out too: only a router's `_entities` reaches it from this
 * subgraph, and a client of the supergraph reads the router's own API schema instead.
 */
export async function printClientSchema(): Promise<string> {
  return `${printSchema(sortTypesByName(toClientSchema(await buildGatewaySchema())))}\n`;
}

/**
 * Orders the types by name, as `schema.graphql` is, but keeps each type's fields in declaration
 * order (`id` first), which `lexicographicSortSchema` would not.
 */
function sortTypesByName(schema: GraphQLSchema): GraphQLSchema {
  const types = Object.values(schema.getTypeMap())
    .filter((type) => !type.name.startsWith('__'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // GraphQLSchema keeps the order of `types` when every type is listed there.
  return new GraphQLSchema({ ...schema.toConfig(), types });
}

/**
 * Rebuilds `schema` from its root types without the federation root fields. Types are collected
 * from the roots again, so types only the federation fields reach fall away with them, and only
 * the specified directives (`@include`, `@skip`, `@deprecated`, …) are declared.
 */
export function toClientSchema(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  if (!query) throw new Error('the gateway schema has no Query type');
  const config = query.toConfig();
  const fields: GraphQLFieldConfigMap<unknown, unknown> = {};
  for (const [name, field] of Object.entries(config.fields)) {
    if (!FEDERATION_ROOT_FIELDS.has(name)) fields[name] = field;
  }
  return new GraphQLSchema({
    description: schema.description,
    query: new GraphQLObjectType({ ...config, fields, astNode: undefined, extensionASTNodes: [] }),
    mutation: schema.getMutationType(),
    subscription: schema.getSubscriptionType(),
    directives: specifiedDirectives,
  });
}
