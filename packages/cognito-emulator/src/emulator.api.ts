import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { CallRecorder, EmulatorCallEnd } from './emulator.call-log';
import { EmulatorServiceError } from './emulator.errors';
import type { FaultDecision, FaultInjector } from './emulator.faults';
import { isOperationName, OPERATIONS } from './emulator.operations';
import type { EmulatorRuntimeOptions } from './emulator.options';
import { callLogFields, isSigned, operationFromTarget, parseRequestBody, readBody, sendError, sendResult } from './emulator.protocol';
import type { EmulatorStore } from './emulator.store';

/** The logging the emulator needs; a pino logger fits. */
export type EmulatorLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

/** What answering a Cognito API call needs. */
export interface ApiDependencies {
  /** The data the operations read and change. */
  readonly store: EmulatorStore;
  /** Where the call is recorded. */
  readonly calls: CallRecorder;
  /** Decides injected latency and errors. */
  readonly faults: FaultInjector;
  /** Options in force when the call arrived. */
  readonly options: EmulatorRuntimeOptions;
  /** Gets a debug line per call and unexpected failures; undefined = silent. */
  readonly logger: EmulatorLogger | undefined;
  /** Whether the server is shutting down (answers then end their connection). */
  isClosing(): boolean;
  /**
   * Responses held open by a hang or slow-body fault, so that `close()` can cut them: a hung
   * call would otherwise keep the server from closing. Each leaves the set when its connection closes.
   */
  readonly faulted: Set<ServerResponse>;
}

/**
 * Answers one Cognito API call (`POST /`): logs it, applies injected faults, runs the operation,
 * and answers in JSON 1.1 (or, by a connection fault, resets, never answers, or answers
 * slowly). Checks run in the order AWS's front end runs them: the operation name, then
 * injected faults (throttling happens before the body is looked at), then the body, then the
 * operation's own checks.
 */
export async function handleApiRequest(request: IncomingMessage, response: ServerResponse, deps: ApiDependencies): Promise<void> {
  const requestId = randomUUID();
  const startedAt = Date.now();
  if (request.method !== 'POST' || (request.url ?? '/').split('?')[0] !== '/') {
    request.resume();
    response.writeHead(404, { 'Content-Type': 'application/json', 'x-amzn-RequestId': requestId });
    response.end(JSON.stringify({ message: 'Not Found' }));
    return;
  }
  const operation = operationFromTarget(request.headers['x-amz-target']);
  const signed = isSigned(request);
  const body = await readBody(request)
    .then(parseRequestBody)
    .catch((error: unknown) => asServiceError(error));
  const parsed = body instanceof EmulatorServiceError ? undefined : body;
  const endCall = deps.calls.begin({ requestId, operation, signed, startedAt, ...callLogFields(parsed) });

  let outcome: { result: object } | { failure: EmulatorServiceError };
  let decision: FaultDecision = { latencyMs: 0 };
  try {
    decision = isOperationName(operation)
      ? deps.faults.decide(operation, typeof parsed?.Username === 'string' ? parsed.Username : undefined)
      : { latencyMs: deps.faults.current().latencyMs };
    if (decision.latencyMs > 0) await sleep(decision.latencyMs);
    if (!isOperationName(operation)) {
      throw new EmulatorServiceError('UnknownOperationException', operation === '' ? 'Missing X-Amz-Target header' : `Unknown operation ${operation}`);
    }
    if (decision.transport?.kind === 'hang') {
      hang(response, deps.faulted, endCall);
      return;
    }
    if (decision.error) throw decision.error;
    if (body instanceof EmulatorServiceError) throw body;
    outcome = { result: OPERATIONS[operation].run(body, { store: deps.store, options: deps.options, signed, now: Date.now }) };
  } catch (error) {
    if (!(error instanceof EmulatorServiceError)) {
      deps.logger?.error({ err: error, requestId, operation }, 'cognito emulator operation failed unexpectedly');
    }
    outcome = { failure: asServiceError(error) };
  }

  if (decision.transport?.kind === 'reset') {
    // The operation has run: the answer, not the work, is what a reset loses.
    request.socket.resetAndDestroy();
    endCall({ outcome: 'ConnectionReset', injected: true, httpStatus: 0 });
    deps.logger?.debug({ requestId, operation, outcome: 'ConnectionReset', ms: Date.now() - startedAt }, 'cognito emulator call');
    return;
  }
  if (deps.isClosing()) response.shouldKeepAlive = false;
  const slowBodyMs = decision.transport?.kind === 'slowBody' ? decision.transport.durationMs : undefined;
  if (slowBodyMs !== undefined) {
    deps.faulted.add(response);
    response.once('close', () => deps.faulted.delete(response));
  }
  const sent = 'failure' in outcome ? sendError(response, requestId, outcome.failure, slowBodyMs) : sendResult(response, requestId, outcome.result, slowBodyMs);
  await sent;
  const failure = 'failure' in outcome ? outcome.failure : undefined;
  endCall({ outcome: failure?.type ?? 'ok', injected: failure?.injected ?? false, httpStatus: failure?.httpStatus ?? 200 });
  deps.logger?.debug({ requestId, operation, outcome: failure?.type ?? 'ok', ms: Date.now() - startedAt }, 'cognito emulator call');
}

/**
 * Leaves a call unanswered: nothing is sent and no timer is set, so the only things held are
 * the socket and this response, until the client closes the connection (or `close()` cuts it).
 */
function hang(response: ServerResponse, faulted: Set<ServerResponse>, endCall: (end: EmulatorCallEnd) => void): void {
  faulted.add(response);
  response.once('close', () => {
    faulted.delete(response);
    endCall({ outcome: 'NoAnswer', injected: true, httpStatus: 0 });
  });
}

/** Anything unexpected becomes Cognito's generic server fault; details go to the log only. */
function asServiceError(error: unknown): EmulatorServiceError {
  return error instanceof EmulatorServiceError ? error : new EmulatorServiceError('InternalErrorException', 'Internal server error');
}
