import { printSubgraphSchema } from '@apollo/subgraph';
import { buildGatewaySchema } from './build-schema';

/**
 * The subgraph SDL exactly as committed in `schema.graphql`: every type and field with its
 * federation directives (`@link`, `@key`, `@shareable`), but not the machinery
 * `@apollo/subgraph` adds (`_entities`, `_service`, the federation directive definitions).
 * That is the SDL to publish (`rover subgraph publish --schema schema.graphql`) and the one
 * GraphQL Code Generator reads.
 */
export async function printGatewaySchema(): Promise<string> {
  const schema = await buildGatewaySchema();
  return `${printSubgraphSchema(schema)}\n`;
}
