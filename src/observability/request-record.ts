import { createHash } from 'node:crypto';

/** Each caller's log hash, kept as long as the caller object is. */
const CALLER_HASHES = new WeakMap<object, string>();

/**
 * What one HTTP request did, filled in as it goes (the HTTP layer, Apollo's pipeline, the
 * loaders) and read once at its end for the request log line and the metrics. It holds only
 * what may be logged: names and codes, counts, and a hash of the caller, never a username,
 * token, cursor or event data.
 */
export class RequestRecord {
  readonly startedAt = performance.now();
  /** The GraphQL operation's name, once known. */
  operationName: string | undefined;
  /** The operation's type (`query`, `mutation`), once known. */
  operationType: string | undefined;
  /** The `extensions.code` of every error of the answer. */
  readonly errorCodes = new Set<string>();
  /** Whether the answer carried data (a partial answer has data and errors). */
  hasData = false;
  /**
   * HTTP attempts made to Cognito for this request, retries included (a read it shared with
   * another request, or answered from the page cache, counts nothing here).
   */
  cognitoCalls = 0;
  /** Whether the client went away before its answer was sent (its upstream work was cancelled). */
  aborted = false;
  /** A short hash of the caller's identity; never the identity itself. */
  callerHash: string | undefined;

  /** Counts one HTTP attempt made to Cognito for this request. */
  countCognitoCall(): void {
    this.cognitoCalls += 1;
  }

  /**
   * Remembers who called, as a hash: enough to follow one caller through the logs, not to name
   * them. Hashed once per caller object (the authenticator hands back the same one for a token
   * it has verified), not once per request.
   */
  identifyCaller(caller: { readonly id: string }): void {
    let hash = CALLER_HASHES.get(caller);
    if (hash === undefined) {
      hash = createHash('sha256').update(caller.id).digest('base64url').slice(0, 12);
      CALLER_HASHES.set(caller, hash);
    }
    this.callerHash = hash;
  }

  /** Milliseconds since the request arrived. */
  elapsedMs(): number {
    return performance.now() - this.startedAt;
  }
}
