import { COST_UNITS_PER_COGNITO_READ } from '../../src/limits/router-cost';

/** The part of `@graphql-hive/gateway-runtime`'s configuration these tests set. */
interface HiveGatewayConfig {
  readonly supergraph: string;
  readonly logging: boolean;
  readonly propagateHeaders: {
    fromClientToSubgraphs(payload: { request: Request }): Record<string, string | null>;
  };
  readonly demandControl: { readonly maxCost: number; readonly includeExtensionMetadata: boolean };
  /** Hive Gateway plugins, made from the gateway's configuration context (its logger, cache, …). */
  readonly plugins?: (context: HiveGatewayConfigContext) => unknown[];
}

/** What Hive Gateway hands a `plugins` factory; plugins take it whole (`useOpenTelemetry({ ...context })`). */
export type HiveGatewayConfigContext = Record<string, unknown>;

/** What a test may add to the router's configuration. */
export interface HiveRouterOptions {
  /** Plugins beside the configuration above, such as `useOpenTelemetry` from `@graphql-hive/plugin-opentelemetry`. */
  readonly plugins?: (context: HiveGatewayConfigContext) => unknown[];
}

/** The part of a gateway runtime these tests use. */
interface HiveGatewayRuntime {
  fetch(url: string, init: RequestInit): Promise<Response>;
  dispose(): Promise<void> | void;
}

// Required, not imported, so that the runtime's type declarations stay out of the program
// `npm run typecheck` checks: they bring graphql-yoga's augmentation of graphql's
// GraphQLErrorExtensions (`http.headers` as a record, where src/errors/ sends a Map) and a second
// @types/node (25) whose fetch types refuse the bodies tools/ and test/support/ send. The two
// interfaces above are the surface used, as the runtime documents it.
const { createGatewayRuntime } = require('@graphql-hive/gateway-runtime') as {
  createGatewayRuntime(config: HiveGatewayConfig): HiveGatewayRuntime;
};

/** A Hive Gateway running in this process. */
export interface HiveRouter {
  /** Sends a GraphQL request to the router's `/graphql`, as a client would, and returns the parsed answer. */
  post(body: { query: string; variables?: Record<string, unknown> }, authorization: string): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * Hive Gateway on a static supergraph, configured as docs/router.md tells teams to: the
 * caller's `Authorization` forwarded to every subgraph, and demand control refusing an
 * operation whose estimate exceeds `60 × MAX_OPERATION_COGNITO_READS`. The estimate is put in
 * each answer's `extensions.cost` (`includeExtensionMetadata`, on here for the tests to read).
 * It reaches the subgraphs over HTTP, at the supergraph's routing URLs (the HTTP transport,
 * `@graphql-mesh/transport-http`, is loaded when the first request is planned).
 */
export function startHiveRouter(supergraphSdl: string, maxOperationCognitoReads: number, options: HiveRouterOptions = {}): HiveRouter {
  const gateway = createGatewayRuntime({
    supergraph: supergraphSdl,
    logging: false,
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') }),
    },
    demandControl: {
      maxCost: COST_UNITS_PER_COGNITO_READ * maxOperationCognitoReads,
      includeExtensionMetadata: true,
    },
    ...(options.plugins === undefined ? {} : { plugins: options.plugins }),
  });
  return {
    async post(body, authorization) {
      const response = await gateway.fetch('http://router.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify(body),
      });
      return response.json();
    },
    async close() {
      await gateway.dispose();
    },
  };
}
