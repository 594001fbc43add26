import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import Negotiator from 'negotiator';
import { isGraphQLRequestError } from '../errors/graphql-request-errors';

const APPLICATION_JSON = 'application/json';
const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';

/**
 * Sets the HTTP status of a GraphQL request error as GraphQL over HTTP asks, where Apollo
 * decides the answer. Apollo answers `400` to every request error (a document that does not
 * parse or validate, variables that do not coerce). The spec asks that for
 * `application/graphql-response+json` only: under `application/json` a well-formed request
 * SHOULD get `200` whatever its GraphQL errors, because legacy clients cannot tell a GraphQL
 * error body from an intermediary's 4xx page (spec section "application/json"). Every other
 * status, a refusal of the HTTP request or of the caller (401, 405, 429, `BAD_REQUEST`), is kept.
 *
 * The answer's media type is the one Apollo will pick from the request's `Accept`: JSON when
 * there is none, else the preferred of the two GraphQL media types, negotiated the same way
 * (`negotiator`, as Apollo does).
 */
export function graphQLOverHttpStatusPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response }) {
          if (response.http.status !== 400 || response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          const codes = new Set<string>();
          for (const error of errors ?? []) {
            const code = error.extensions?.code;
            if (typeof code === 'string') codes.add(code);
          }
          if (!isGraphQLRequestError(codes, data !== undefined && data !== null)) return;
          if (answerMediaTypeFor(request.http?.headers.get('accept')) === APPLICATION_JSON) response.http.status = 200;
        },
      };
    },
  };
}

/** The media type Apollo answers a single result with, for this `Accept`. */
function answerMediaTypeFor(accept: string | undefined): string | undefined {
  if (accept === undefined || accept === '') return APPLICATION_JSON;
  return new Negotiator({ headers: { accept } }).mediaType([APPLICATION_JSON, GRAPHQL_RESPONSE_JSON]);
}
