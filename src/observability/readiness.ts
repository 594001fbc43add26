/** One thing readiness depends on: `undefined` when fine, else why not, in a few words. */
export type ReadinessCheck = () => Promise<string | undefined>;

/** Whether the gateway should receive traffic, and why not. */
export interface ReadinessState {
  readonly ready: boolean;
  readonly reasons: readonly string[];
}

/**
 * Readiness for `/readyz`: not draining, and every registered check passing. Checks are cheap
 * (they read state the gateway keeps, or retry a failed load at most every few seconds); none
 * calls Cognito.
 */
export class Readiness {
  private draining = false;
  private readonly checks: ReadinessCheck[] = [];

  /** From now on, not ready: the process is shutting down. */
  beginDraining(): void {
    this.draining = true;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /** Adds a check. */
  add(check: ReadinessCheck): void {
    this.checks.push(check);
  }

  async state(): Promise<ReadinessState> {
    const reasons = (await Promise.all(this.checks.map((check) => check().catch(() => 'a readiness check failed')))).filter(
      (reason): reason is string => reason !== undefined,
    );
    if (this.draining) reasons.unshift('draining: the process is shutting down');
    return { ready: reasons.length === 0, reasons };
  }
}
