import type { FuzzCaller, FuzzRequest } from './fuzz.request';

/** An answer as the fuzzer received it. */
export interface FuzzAnswer {
  readonly status: number;
  readonly contentType: string | null;
  readonly poweredBy: string | null;
  /** `Access-Control-Allow-Origin`. */
  readonly allowOrigin: string | null;
  readonly text: string;
}

/** What an answer is checked against besides itself. */
export interface AnswerRules {
  /** The codes of the table in `docs/errors.md`. */
  readonly documentedCodes: ReadonlySet<string>;
  /** Strings no answer may hold: the cursor secret, every token sent and its signature. */
  readonly secrets: readonly string[];
  /** Owner (`pool/username`) of every event id of the emulator's store. */
  readonly eventOwners: ReadonlyMap<string, string>;
  /** The owners each caller may read; `'*'` for anyone. */
  readonly readableOwners: Readonly<Record<FuzzCaller, '*' | ReadonlySet<string>>>;
  /** The `Access-Control-Allow-Origin` the deployment's CORS_ORIGINS gives a request from `origin` (none: null). */
  readonly allowOriginFor: (origin: string | undefined) => string | null;
}

/** An answer's parsed body and what the fuzzer counts of it. */
export interface CheckedAnswer {
  /** Each distinct `extensions.code` of its errors; `(no error)` for an answer without errors. */
  readonly codes: readonly string[];
  /** The body, parsed (undefined for bodiless answers). */
  readonly json: unknown;
}

/** A broken rule: the fuzzer's finding. */
export class FuzzFinding extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FuzzFinding';
  }
}

/** A stack frame (`at fn (file.js:1:2)`), a source path, or a stack member in the body. */
const STACK_OR_PATH = /\bat [^"\\]*?\.(?:js|ts|mjs|cjs):\d+:\d+|\\n\s+at |node_modules|file:\/\/|\/work\/|\/home\/|dist\/src|"stacktrace"/;

/**
 * Checks one answer against the fuzzer's rules: JSON in the GraphQL shape (a HEAD answer has no
 * body; an OPTIONS is 204 without one; a GET asking for HTML gets Apollo's landing page), a
 * status below 500, no `X-Powered-By`, the CORS header the deployment's CORS_ORIGINS gives the
 * request's Origin, only documented error codes and never
 * `INTERNAL_SERVER_ERROR`, no stack trace, file path, token or secret, and no event of a user
 * the caller may not read.
 *
 * @throws FuzzFinding naming the first rule broken.
 */
export function checkAnswer(answer: FuzzAnswer, request: FuzzRequest, rules: AnswerRules): CheckedAnswer {
  if (answer.status >= 500) throw new FuzzFinding(`status ${answer.status}, a server error`);
  if (answer.poweredBy !== null) throw new FuzzFinding(`X-Powered-By: ${answer.poweredBy}`);
  const allowOrigin = rules.allowOriginFor(request.headers.origin);
  if (answer.allowOrigin !== allowOrigin) {
    throw new FuzzFinding(`Access-Control-Allow-Origin ${JSON.stringify(answer.allowOrigin)} for Origin ${JSON.stringify(request.headers.origin)}; CORS_ORIGINS gives ${JSON.stringify(allowOrigin)}`);
  }
  if (request.method === 'OPTIONS') {
    // A preflight, or a plain OPTIONS: 204 and nothing else, whatever the origin.
    if (answer.status !== 204 || answer.text.length > 0) throw new FuzzFinding(`OPTIONS answered ${answer.status} with ${answer.text.length} bytes, not 204 without a body`);
    return { codes: ['(OPTIONS: no body)'], json: undefined };
  }
  if (request.method === 'HEAD') {
    if (answer.text.length > 0) throw new FuzzFinding('a HEAD answer with a body');
    return { codes: ['(HEAD: no body)'], json: undefined };
  }
  const mediaType = (answer.contentType ?? '').split(';', 1)[0]?.trim();
  // Apollo's landing page, for a browser opening the endpoint: the one answer that is not JSON.
  if (request.method === 'GET' && request.headers.accept?.includes('text/html') && answer.status === 200 && mediaType === 'text/html') {
    return { codes: ['(landing page)'], json: undefined };
  }
  if (mediaType !== 'application/json' && mediaType !== 'application/graphql-response+json') {
    throw new FuzzFinding(`content-type ${JSON.stringify(answer.contentType)}, not JSON`);
  }
  let json: unknown;
  try {
    json = JSON.parse(answer.text);
  } catch {
    throw new FuzzFinding('a body that is not JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json) || !('data' in json || 'errors' in json)) {
    throw new FuzzFinding('a body that is not a GraphQL response (no data, no errors)');
  }
  const codes = new Set<string>();
  const errors = (json as { errors?: unknown }).errors;
  if (errors !== undefined) {
    if (!Array.isArray(errors) || errors.length === 0) throw new FuzzFinding('errors that are not a non-empty list');
    for (const error of errors as Array<{ extensions?: { code?: unknown } }>) {
      const code = error?.extensions?.code;
      if (typeof code !== 'string') throw new FuzzFinding('an error without extensions.code');
      if (code === 'INTERNAL_SERVER_ERROR') throw new FuzzFinding('INTERNAL_SERVER_ERROR, with no fault injected');
      if (!rules.documentedCodes.has(code)) throw new FuzzFinding(`error code ${code}, which the table of docs/errors.md does not list`);
      codes.add(code);
    }
  }
  const leak = STACK_OR_PATH.exec(answer.text);
  if (leak !== null) throw new FuzzFinding(`a stack trace or file path in the body: ${JSON.stringify(leak[0])}`);
  for (const secret of rules.secrets) {
    if (answer.text.includes(secret)) throw new FuzzFinding(`a secret or a token sent in the body: ${secret.slice(0, 12)}…`);
  }
  checkEventOwners(json, request.caller, rules);
  return { codes: codes.size === 0 ? ['(no error)'] : [...codes], json };
}

/** Every `eventId`, and every `id` that is an AuthEvent id, must be of a user the caller may read. */
function checkEventOwners(json: unknown, caller: FuzzCaller, rules: AnswerRules): void {
  const readable = rules.readableOwners[caller];
  if (readable === '*') return;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    for (const [key, member] of Object.entries(value)) {
      if (typeof member === 'string' && (key === 'eventId' || key === 'id')) {
        const owner = key === 'eventId' ? rules.eventOwners.get(member) : ownerOfAuthEventId(member);
        if (owner !== undefined && !readable.has(owner)) {
          throw new FuzzFinding(`an event of ${owner} answered to the ${caller} caller`);
        }
        if (key === 'eventId' && owner === undefined) throw new FuzzFinding(`an eventId the emulator does not hold: ${member}`);
      } else {
        visit(member);
      }
    }
  };
  visit((json as { data?: unknown }).data);
}

/** `pool/username` of an `AuthEvent.id`, or undefined when the string is not one. */
function ownerOfAuthEventId(id: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(id)) return undefined;
  const text = Buffer.from(id, 'base64url').toString('utf8');
  if (!text.startsWith('AuthEvent:')) return undefined;
  const [pool = '', , ...username] = text.slice('AuthEvent:'.length).split(':');
  return `${pool}/${username.join(':')}`;
}

/** Cursors an answer holds (`cursor`, `endCursor`, `startCursor`), for later requests to reuse. */
export function cursorsOf(json: unknown): string[] {
  const found: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) visit(item);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, member] of Object.entries(value)) {
        if ((key === 'cursor' || key === 'endCursor' || key === 'startCursor') && typeof member === 'string') found.push(member);
        else visit(member);
      }
    }
  };
  visit(json);
  return found;
}
