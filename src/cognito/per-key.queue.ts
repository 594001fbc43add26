import { GatewayError, GatewayErrorCode } from '../errors/gateway-errors';

/**
 * Runs tasks one at a time per key, in arrival order. A task waiting its turn leaves the line
 * when its signal aborts, with a `GatewayError` that says it was never sent.
 */
export class PerKeyQueue {
  /** Per key, the promise the next task waits for; deleted when the last task of a key ends. */
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, signal: AbortSignal | undefined, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key);
    let done!: () => void;
    const mine = new Promise<void>((resolve) => (done = resolve));
    // The next task waits for this one and, through it, for every earlier one.
    const tail = previous === undefined ? mine : previous.then(() => mine);
    this.tails.set(key, tail);
    try {
      if (previous !== undefined) await waitOrAbort(previous, signal);
      return await task();
    } finally {
      done();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}

/** Resolves with `turn`, or rejects once `signal` aborts first; removes its listener either way. */
function waitOrAbort(turn: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return turn;
  const notSent = (): GatewayError =>
    new GatewayError(
      'An earlier update of the same event did not finish in time; this one was not sent. Try again shortly.',
      { code: GatewayErrorCode.UPSTREAM_UNAVAILABLE, retryable: true, mayHaveApplied: false },
    );
  if (signal.aborted) return Promise.reject(notSent());
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(notSent());
    signal.addEventListener('abort', onAbort, { once: true });
    void turn.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}
