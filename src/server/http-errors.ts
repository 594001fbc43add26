import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { GatewayErrorCode } from '../errors/gateway-errors';
import type { GatewayLogger } from '../logging/logger';

/**
 * Largest request body accepted. Cursors can carry Cognito tokens of up to 131,072 characters;
 * 1 MiB leaves room for a few in one operation's variables.
 */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

/**
 * Answers with one GraphQL error in the shape every GraphQL client reads (`{ errors: [...] }`),
 * so no answer of the API is ever an HTML page, whatever went wrong before GraphQL ran.
 */
export function sendGraphQLError(
  response: Response,
  status: number,
  code: GatewayErrorCode,
  message: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  response
    .status(status)
    .set(headers)
    .type('application/json')
    .send(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/**
 * Refuses what GraphQL over HTTP does not use here before the body is read: methods other than
 * GET and POST (`405`, with `Allow`), and POST bodies that are not `application/json` (`415`).
 * CORS preflights (`OPTIONS`) are answered earlier by the CORS middleware.
 */
export function requireGraphQLOverHttp(): RequestHandler {
  return (request, response, next) => {
    if (request.method !== 'GET' && request.method !== 'POST') {
      sendGraphQLError(
        response,
        405,
        GatewayErrorCode.METHOD_NOT_ALLOWED,
        `The method ${request.method.slice(0, 16)} is not allowed here: send GraphQL requests with POST (or GET for queries).`,
        { allow: 'GET, POST' },
      );
      return;
    }
    if (request.method === 'POST') {
      const mediaType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
      if (mediaType !== 'application/json') {
        sendGraphQLError(
          response,
          415,
          GatewayErrorCode.UNSUPPORTED_MEDIA_TYPE,
          'A POST request must carry its GraphQL request as Content-Type: application/json.',
        );
        return;
      }
    }
    next();
  };
}

/** `404` for every path that is not the API's, in the same JSON shape. */
export function answerUnknownRoute(): RequestHandler {
  return (_request, response) => {
    sendGraphQLError(response, 404, GatewayErrorCode.NOT_FOUND, 'Nothing is served here: GraphQL is at /graphql.');
  };
}

/** The errors `express.json()` (body-parser) raises, by their `type`, and how each is answered. */
const BODY_ERRORS: Readonly<Record<string, { status: number; code: GatewayErrorCode; message: string }>> = {
  'entity.parse.failed': { status: 400, code: GatewayErrorCode.BAD_REQUEST, message: 'The request body is not valid JSON.' },
  'entity.too.large': {
    status: 413,
    code: GatewayErrorCode.PAYLOAD_TOO_LARGE,
    message: `The request body is larger than the limit of ${MAX_REQUEST_BODY_BYTES} bytes.`,
  },
  'charset.unsupported': {
    status: 415,
    code: GatewayErrorCode.UNSUPPORTED_MEDIA_TYPE,
    message: 'The request body must be encoded as UTF-8.',
  },
  'encoding.unsupported': {
    status: 415,
    code: GatewayErrorCode.UNSUPPORTED_MEDIA_TYPE,
    message: 'The request body has a Content-Encoding this server does not accept.',
  },
  'request.size.invalid': {
    status: 400,
    code: GatewayErrorCode.BAD_REQUEST,
    message: 'The request body is shorter or longer than its Content-Length.',
  },
  'request.aborted': { status: 400, code: GatewayErrorCode.BAD_REQUEST, message: 'The request body was not sent completely.' },
};

/**
 * Express's last error handler: a body the JSON parser refused gets its own status and code;
 * anything else is a fault of ours, logged (name and frames only: a message may hold input)
 * and answered `500 INTERNAL_SERVER_ERROR`. Express's own handler would answer an HTML page,
 * with the stack trace outside production.
 */
export function answerHttpErrors(logger: GatewayLogger): ErrorRequestHandler {
  return (error: unknown, _request, response, next) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    const type = typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;
    const known = typeof type === 'string' ? BODY_ERRORS[type] : undefined;
    if (known !== undefined) {
      sendGraphQLError(response, known.status, known.code, known.message);
      return;
    }
    const detail = error instanceof Error ? error : new Error(String(error));
    logger.error({ error: { name: detail.name, frames: detail.stack?.split('\n').slice(1, 8).join('\n') } }, 'unexpected error in the HTTP layer');
    sendGraphQLError(response, 500, GatewayErrorCode.INTERNAL_SERVER_ERROR, 'Unexpected error.');
  };
}
