/** How one GraphQL request over HTTP ended, as the soak and the storm test count it. */
export interface RequestOutcome {
  /** HTTP status; 0 when no answer came (connection failed, or the client's own time limit). */
  readonly status: number;
  /** `data` when there is no error; else the errors' distinct `extensions.code`s, sorted, joined by `+`. */
  readonly label: string;
  /** The `data` member, when the answer was JSON with one. */
  readonly data: Record<string, unknown> | null | undefined;
  /** The errors' `extensions`, in order. */
  readonly errorExtensions: ReadonlyArray<Record<string, unknown>>;
}

/** Reads an answer's body into an outcome; a body that is not a GraphQL JSON response is labelled `not-json`. */
export function outcomeOf(status: number, body: string): RequestOutcome {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { status, label: 'not-json', data: undefined, errorExtensions: [] };
  }
  if (typeof parsed !== 'object' || parsed === null) return { status, label: 'not-json', data: undefined, errorExtensions: [] };
  const { data, errors } = parsed as { data?: Record<string, unknown> | null; errors?: unknown };
  const errorExtensions = Array.isArray(errors)
    ? errors.map((error: unknown) => ((error as { extensions?: Record<string, unknown> } | null)?.extensions ?? {}))
    : [];
  const codes = [...new Set(errorExtensions.map((extensions) => String(extensions.code ?? 'NO_CODE')))].sort();
  return { status, label: codes.length === 0 ? 'data' : codes.join('+'), data, errorExtensions };
}

/** The outcome of a request that got no answer: `label` names why (`no-answer`, `client-timeout`). */
function noAnswer(label: 'no-answer' | 'client-timeout'): RequestOutcome {
  return { status: 0, label, data: undefined, errorExtensions: [] };
}

/**
 * POSTs a GraphQL body (JSON text) with `authorization`, giving up after `timeoutMs`; resolves
 * with its outcome (`client-timeout` past the limit, `no-answer` when the connection failed)
 * and how long it took.
 */
export async function postGraphQL(url: string, authorization: string, body: string, timeoutMs: number): Promise<{ outcome: RequestOutcome; elapsedMs: number }> {
  const started = performance.now();
  let outcome: RequestOutcome;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    outcome = outcomeOf(response.status, await response.text());
  } catch (error) {
    outcome = noAnswer(error instanceof Error && error.name === 'TimeoutError' ? 'client-timeout' : 'no-answer');
  }
  return { outcome, elapsedMs: performance.now() - started };
}

/** Counts of outcome labels, e.g. `{ data: 1200, RATE_LIMITED: 3 }`. */
export class OutcomeTally {
  private readonly counts = new Map<string, number>();

  add(label: string): void {
    this.counts.set(label, (this.counts.get(label) ?? 0) + 1);
  }

  /** Total of every label. */
  get total(): number {
    let sum = 0;
    for (const count of this.counts.values()) sum += count;
    return sum;
  }

  /** Labels and counts, most frequent first. */
  entries(): Array<[string, number]> {
    return [...this.counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  }
}
