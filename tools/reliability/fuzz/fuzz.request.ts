/** Who a fuzzed request is sent as. */
export type FuzzCaller =
  /** The support console's client-credentials token: an admin, may read anyone. */
  | 'admin'
  /** alice's own access token: may read alice only. */
  | 'alice'
  /** alice's token, expired a minute ago. */
  | 'expired'
  /** alice's token with its payload edited (another username, an admin scope), signature kept. */
  | 'forged-payload'
  /** alice's token with its signature changed. */
  | 'forged-signature'
  /** An unsigned token (`alg: none`) claiming to be an admin. */
  | 'unsigned'
  /** A token of a pool the gateway does not serve. */
  | 'foreign-pool'
  /** Something that is not a token at all, or another scheme. */
  | 'garbage'
  /** No `Authorization` header. */
  | 'missing';

/** One HTTP request the fuzzer sends, with what made it. */
export interface FuzzRequest {
  /** The mutators applied, in order, e.g. `['delete-token', 'alias-storm']`. */
  readonly mutators: readonly string[];
  /** The corpus entry it started from. */
  readonly corpusEntry: string;
  readonly caller: FuzzCaller;
  readonly method: string;
  /** The query string, `''` or `?query=…`. */
  readonly search: string;
  /** Headers other than `Authorization`, which the engine adds for the caller. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as sent; bytes when it holds invalid UTF-8. */
  readonly body?: string | Uint8Array;
}

/** A request as text, for the failure report (bodies cut to `limit` characters). */
export function describeRequest(request: FuzzRequest, authorization: string | undefined, limit = 4000): string {
  const body =
    request.body === undefined
      ? '(no body)'
      : typeof request.body === 'string'
        ? request.body
        : `(bytes, hex) ${Buffer.from(request.body).toString('hex')}`;
  const shown = body.length > limit ? `${body.slice(0, limit)}… (${body.length} characters in all)` : body;
  return [
    `${request.method} /graphql${request.search.length > limit ? `${request.search.slice(0, limit)}…` : request.search}`,
    `caller: ${request.caller}; corpus entry: ${request.corpusEntry}; mutators: ${request.mutators.join(', ') || '(none)'}`,
    ...Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`),
    ...(authorization === undefined ? [] : [`authorization: ${authorization.slice(0, 40)}…`]),
    '',
    shown,
  ].join('\n');
}
