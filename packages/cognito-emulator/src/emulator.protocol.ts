import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorCallRequest } from './emulator.call-log';
import { EmulatorServiceError } from './emulator.errors';

/**
 * The AWS JSON 1.1 protocol as Cognito speaks it: `POST /` with
 * `X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>`, JSON in and out, errors as
 * `{"__type": …, "message": …}` with `x-amzn-ErrorType`.
 */
export const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';

/** Content type of every Cognito API response. */
export const JSON_1_1_CONTENT_TYPE = 'application/x-amz-json-1.1';

// Far above the largest legal request (a 131,072-character NextToken plus a few members);
// anything bigger is refused without buffering it.
const MAX_BODY_BYTES = 1024 * 1024;

/** The operation an `X-Amz-Target` header names, `''` when absent, the raw value when foreign. */
export function operationFromTarget(target: string | string[] | undefined): string {
  const value = Array.isArray(target) ? target[0] : target;
  if (value === undefined) return '';
  return value.startsWith(TARGET_PREFIX) ? value.slice(TARGET_PREFIX.length) : value;
}

/** Whether the request is SigV4-signed. The signature itself is not verified. */
export function isSigned(request: IncomingMessage): boolean {
  return (request.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ');
}

/** Reads the request body as UTF-8, refusing bodies over 1 MiB. */
export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    // Keep reading past the limit, discarding: leaving the body unread would leave no way to answer.
    if (size <= MAX_BODY_BYTES) chunks.push(buffer);
  }
  if (size > MAX_BODY_BYTES) throw new EmulatorServiceError('SerializationException', 'Request body is too large');
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Parses a JSON 1.1 request body. An empty body counts as `{}`, as for AWS; anything but a JSON
 * object is a `SerializationException`.
 */
export function parseRequestBody(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new EmulatorServiceError('SerializationException', 'Could not parse the request body as JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new EmulatorServiceError('SerializationException', 'Start of structure or map expected');
  }
  return { ...parsed };
}

/** The members of a request body the call log keeps; the feedback token only as a presence flag. */
export function callLogFields(body: Readonly<Record<string, unknown>> | undefined): EmulatorCallRequest {
  if (!body) return {};
  const text = (name: string): string | undefined => {
    const value = body[name];
    return typeof value === 'string' ? value : undefined;
  };
  const fields: { -readonly [K in keyof EmulatorCallRequest]: EmulatorCallRequest[K] } = {};
  const userPoolId = text('UserPoolId');
  const username = text('Username');
  const nextToken = text('NextToken');
  const eventId = text('EventId');
  const feedbackValue = text('FeedbackValue');
  if (userPoolId !== undefined) fields.userPoolId = userPoolId;
  if (username !== undefined) fields.username = username;
  if (typeof body.MaxResults === 'number') fields.maxResults = body.MaxResults;
  if (nextToken !== undefined) fields.nextToken = nextToken;
  if (eventId !== undefined) fields.eventId = eventId;
  if (feedbackValue !== undefined) fields.feedbackValue = feedbackValue;
  if (body.FeedbackToken !== undefined && body.FeedbackToken !== null) fields.feedbackTokenPresent = true;
  return fields;
}

/**
 * Sends a successful JSON 1.1 response; with `slowBodyMs`, the body is spread over that time.
 * Resolves once the body is sent or the connection closed.
 */
export function sendResult(response: ServerResponse, requestId: string, result: object, slowBodyMs?: number): Promise<void> {
  return send(response, 200, requestId, JSON.stringify(result), {}, slowBodyMs);
}

/**
 * Sends an error the way Cognito does: status, `x-amzn-ErrorType`, and `{__type, message}`;
 * with `slowBodyMs`, the body is spread over that time.
 */
export function sendError(response: ServerResponse, requestId: string, error: EmulatorServiceError, slowBodyMs?: number): Promise<void> {
  const body = JSON.stringify({ __type: error.type, message: error.message });
  return send(response, error.httpStatus, requestId, body, { 'x-amzn-ErrorType': error.type }, slowBodyMs);
}

/** Pieces a slow body is cut into: enough that the socket never looks idle for the whole time. */
const SLOW_BODY_PIECES = 10;

function send(
  response: ServerResponse,
  status: number,
  requestId: string,
  body: string,
  headers: Record<string, string>,
  slowBodyMs: number | undefined,
): Promise<void> {
  if (response.headersSent || response.destroyed) return Promise.resolve();
  response.writeHead(status, {
    'Content-Type': JSON_1_1_CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(body),
    'x-amzn-RequestId': requestId,
    Date: new Date().toUTCString(),
    ...headers,
  });
  if (slowBodyMs === undefined) {
    response.end(body);
    return Promise.resolve();
  }
  return dribble(response, Buffer.from(body, 'utf8'), slowBodyMs);
}

/**
 * Headers now, then the body piece by piece over `durationMs`. Resolves on the response's
 * `close`, which comes after the last piece or when the client goes first (the timer is then
 * cleared, so an abandoned slow body holds nothing).
 */
function dribble(response: ServerResponse, body: Buffer, durationMs: number): Promise<void> {
  response.flushHeaders();
  const pieces = Math.max(1, Math.min(SLOW_BODY_PIECES, body.length));
  const pieceBytes = Math.ceil(body.length / pieces);
  return new Promise((resolve) => {
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const stop = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      resolve();
    };
    response.once('close', stop);
    const next = (): void => {
      const piece = body.subarray(sent * pieceBytes, (sent + 1) * pieceBytes);
      sent += 1;
      if (sent >= pieces) {
        // 'close' follows the end of the response too, and resolves then.
        response.end(piece);
        return;
      }
      response.write(piece);
      timer = setTimeout(next, durationMs / pieces);
    };
    timer = setTimeout(next, durationMs / pieces);
  });
}
