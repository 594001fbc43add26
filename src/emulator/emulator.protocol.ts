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

/** Sends a successful JSON 1.1 response. */
export function sendResult(response: ServerResponse, requestId: string, result: object): void {
  send(response, 200, requestId, JSON.stringify(result), {});
}

/** Sends an error the way Cognito does: status, `x-amzn-ErrorType`, and `{__type, message}`. */
export function sendError(response: ServerResponse, requestId: string, error: EmulatorServiceError): void {
  send(response, error.httpStatus, requestId, JSON.stringify({ __type: error.type, message: error.message }), {
    'x-amzn-ErrorType': error.type,
  });
}

function send(response: ServerResponse, status: number, requestId: string, body: string, headers: Record<string, string>): void {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(status, {
    'Content-Type': JSON_1_1_CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(body),
    'x-amzn-RequestId': requestId,
    Date: new Date().toUTCString(),
    ...headers,
  });
  response.end(body);
}
