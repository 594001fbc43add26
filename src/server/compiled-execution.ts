import type { GatewayExecutor, GatewayGraphQLRequestContext, GatewayInterface } from '@apollo/server-gateway-interface';
import { type DocumentNode, type ExecutionResult, execute, GraphQLError, type GraphQLSchema, type OperationDefinitionNode, printSchema } from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

/**
 * Runs operations as compiled JavaScript (graphql-jit) instead of graphql-js's interpreter:
 * each distinct document is compiled once, then every request of it runs the compiled function,
 * which resolves the same resolvers without re-reading the document per field. Measured with
 * `npm run bench` (docs/performance.md).
 *
 * Apollo Server has no plugin for another executor; its gateway interface is the hook: this
 * object hands Apollo the schema (through the schema callback, before `load` resolves, as Apollo
 * requires) and an executor. Apollo still parses, validates, runs every plugin hook and formats
 * errors as before; only execution changes.
 *
 * graphql-js runs instead whenever compiled execution would not be the same:
 * - the request names no operation of its document (Apollo resolved none);
 * - a plugin asked to hear of every field (`willResolveField`, Apollo's federated tracing for a
 *   router sending `apollo-federation-include-trace: ftv1`): Apollo instruments the schema's
 *   resolvers for it, which compiled code does not call for fields it reads directly;
 * - the variables do not coerce: graphql-js's messages and error nodes are what Apollo, the
 *   GraphQL over HTTP rules and clients expect of a request error;
 * - a document graphql-jit cannot compile.
 *
 * Compiled queries are kept per operation Apollo resolved, a node of the parsed document: Apollo
 * keeps each distinct query's document in its document store and hands the same object back, so
 * they go when Apollo forgets it. Compiling the operation Apollo resolved, never the request's
 * `operationName` as sent, both run the same operation.
 *
 * @param apiSchema the schema Apollo serves, validates against and, for field-level plugin
 *   hooks, instruments in place (graphql-js runs on it)
 * @param compiledSchema the same schema built a second time, which nothing instruments: compiled
 *   code calls a field's resolver only when it has one, so it must never see Apollo's wrappers
 */
export function compiledExecutionGateway(apiSchema: GraphQLSchema, compiledSchema: GraphQLSchema): GatewayInterface {
  // By the operation Apollo resolved: a node of the parsed document Apollo keeps in its
  // document store and hands back for every request of that query.
  const compiled = new WeakMap<OperationDefinitionNode, CompiledQuery | ExecutionResult>();
  const compiledFor = (document: DocumentNode, operation: OperationDefinitionNode): CompiledQuery | ExecutionResult => {
    let query = compiled.get(operation);
    if (query === undefined) {
      query = compileQuery(compiledSchema, document, operation.name?.value, { disablingCapturingStackErrors: true });
      compiled.set(operation, query);
    }
    return query;
  };
  const interpret = (requestContext: GatewayGraphQLRequestContext): Promise<ExecutionResult> | ExecutionResult =>
    execute({
      schema: requestContext.schema,
      document: requestContext.document,
      contextValue: requestContext.context,
      variableValues: requestContext.request.variables,
      operationName: requestContext.request.operationName,
    });

  const executor: GatewayExecutor = async (requestContext) => {
    // Apollo calls the executor even when `operationName` names no operation of the document
    // (`""`, or a name it lacks): graphql-jit would run the document's only operation anyway,
    // where graphql-js answers the request error (OPERATION_RESOLUTION_FAILURE) Apollo expects.
    // The interface types `operation` as always set; at run time it is then undefined.
    const operation = requestContext.operation as OperationDefinitionNode | undefined;
    if (operation === undefined || hearsEveryField(requestContext.context)) return interpret(requestContext);
    const query = compiledFor(requestContext.document, operation);
    if (!isCompiledQuery(query)) return interpret(requestContext);
    const result = await query.query(undefined, requestContext.context, requestContext.request.variables ?? {});
    // Variables that do not coerce: no data at all. graphql-js words that request error.
    if (result.data === undefined) return interpret(requestContext);
    return result.errors === undefined ? result : { ...result, errors: result.errors.map(asGraphQLError) };
  };

  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema, coreSupergraphSdl: printSchema(apiSchema) });
      return () => undefined;
    },
    async load() {
      return { executor };
    },
    async stop() {},
  };
}

/**
 * graphql-jit's field error as graphql-js's own class, which Apollo's error handling reads
 * (`extensions` always an object, `originalError` for its masking); its path and locations kept.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  const original = error.originalError ?? undefined;
  const converted = new GraphQLError(error.message, {
    path: error.path,
    originalError: original,
    extensions: error.extensions ?? (original instanceof GraphQLError ? original.extensions : undefined),
  });
  // graphql-js derives locations from AST nodes, which graphql-jit reports as locations only.
  Object.defineProperty(converted, 'locations', { value: error.locations, enumerable: error.locations !== undefined });
  return converted;
}

/**
 * Whether Apollo set up field-level plugin hooks for this request: it marks the context with a
 * symbol of its own (`apolloServerExecutionDispatcherWillResolveField`, not exported) that its
 * instrumented resolvers read.
 */
function hearsEveryField(context: object): boolean {
  return Object.getOwnPropertySymbols(context).some((symbol) => symbol.description === APOLLO_FIELD_HOOKS);
}

const APOLLO_FIELD_HOOKS = 'apolloServerExecutionDispatcherWillResolveField';
