import { ApolloServerErrorCode, unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { GatewayError, GatewayErrorCode } from '../errors/gateway-errors';
import type { GatewayLogger } from '../logging/logger';

/** Codes Apollo Server itself assigns to request errors; their messages are safe to show. */
// Listed one by one, not derived from the enum, so a code a later Apollo adds stays masked until
// someone has read what its messages hold.
const APOLLO_REQUEST_ERROR_CODES: ReadonlySet<string> = new Set([
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ApolloServerErrorCode.BAD_USER_INPUT,
  ApolloServerErrorCode.BAD_REQUEST,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
]);

/**
 * Error masking, as envelop's `useMaskedErrors` does it: deliberate errors (a `GatewayError`,
 * or a request error Apollo raised while parsing, validating or coercing variables) reach the
 * client as they are; anything else becomes a generic `INTERNAL_SERVER_ERROR` and its details
 * go to the log only. In production the log omits messages too, since an unexpected error's
 * message may hold a username.
 */
export function createErrorFormatter(logger: GatewayLogger, production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof GatewayError) return formatted;
    // A deliberate error reported by a validation rule (an operation limit): Apollo wraps it and
    // replaces its code with GRAPHQL_VALIDATION_FAILED; the gateway's own code is the contract.
    if (error instanceof GraphQLError && error.originalError instanceof GatewayError) {
      return { ...formatted, extensions: { ...formatted.extensions, code: error.originalError.code } };
    }
    const code = formatted.extensions?.code;
    const isRequestError =
      error instanceof GraphQLError &&
      (error.originalError === undefined || error.originalError instanceof GraphQLError) &&
      typeof code === 'string' &&
      APOLLO_REQUEST_ERROR_CODES.has(code);
    if (isRequestError) return formatted;

    const detail = original instanceof Error ? original : new Error(String(original));
    logger.error(
      {
        path: formatted.path,
        error: production
          ? { name: detail.name, frames: detail.stack?.split('\n').slice(1, 8).join('\n') }
          : { name: detail.name, message: detail.message, stack: detail.stack },
      },
      'unexpected error while executing an operation',
    );
    return {
      message: 'Unexpected error.',
      ...(formatted.locations === undefined ? {} : { locations: formatted.locations }),
      ...(formatted.path === undefined ? {} : { path: formatted.path }),
      extensions: { code: GatewayErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
