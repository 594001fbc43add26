import { ApolloServerErrorCode } from '@apollo/server/errors';
import { GatewayErrorCode } from './gateway-errors';

/**
 * Codes of GraphQL request errors (GraphQL over HTTP's term): a well-formed GraphQL-over-HTTP
 * request whose document does not parse, does not validate (an operation limit is a validation
 * rule of this gateway), names no operation it holds, or whose variables do not coerce. Nothing
 * executes and the answer has no `data`. Not among them: what refuses the HTTP request itself
 * (`BAD_REQUEST`, 401, 405, 413, 415) or the caller (429 `RATE_LIMITED`).
 */
const GRAPHQL_REQUEST_ERROR_CODES: ReadonlySet<string> = new Set([
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
  ApolloServerErrorCode.BAD_USER_INPUT,
  GatewayErrorCode.OPERATION_LIMIT_EXCEEDED,
]);

/**
 * Whether an answer is a GraphQL request error: no data, and every error's code is one of
 * {@link GRAPHQL_REQUEST_ERROR_CODES}.
 */
export function isGraphQLRequestError(errorCodes: ReadonlySet<string>, hasData: boolean): boolean {
  if (hasData || errorCodes.size === 0) return false;
  for (const code of errorCodes) if (!GRAPHQL_REQUEST_ERROR_CODES.has(code)) return false;
  return true;
}
