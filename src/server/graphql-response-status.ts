import { isGraphQLRequestError } from '../errors/graphql-request-errors';
import type { RequestRecord } from '../observability/request-record';

/**
 * The HTTP status of an answer Apollo Server produced, as GraphQL over HTTP asks for it. Apollo
 * answers `400` to every GraphQL request error (a document that does not parse or validate,
 * variables that do not coerce). The spec asks that for `application/graphql-response+json`
 * only: under `application/json` a well-formed request SHOULD get `200` whatever its GraphQL
 * errors, because legacy clients cannot tell a GraphQL error body from an intermediary's 4xx
 * page (spec section "application/json"). Every other status, a refusal of the HTTP request or
 * of the caller (401, 405, 429, `BAD_REQUEST`), is kept as it is.
 *
 * @param status the status Apollo chose
 * @param contentType the media type Apollo chose from the request's `Accept`
 * @param record the request's record, holding its answer's error codes and whether it had data
 */
export function graphQLOverHttpStatus(status: number, contentType: string | undefined, record: RequestRecord): number {
  if (status !== 400) return status;
  const mediaType = (contentType ?? '').split(';', 1)[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') return status;
  return isGraphQLRequestError(record.errorCodes, record.hasData) ? 200 : status;
}
