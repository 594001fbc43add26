import type { GatewayLogger } from '../logging/logger';

/**
 * Logs each value Cognito sends that the schema does not know yet (a new event type, say) once
 * per process, so operators learn the schema needs a new enum value without a log line per event.
 */
export class UnknownValueReporter {
  private readonly seen = new Set<string>();

  constructor(
    private readonly logger: GatewayLogger,
    // Bounded so an upstream sending endless novel values cannot grow memory without limit.
    private readonly maxDistinct = 1000,
  ) {}

  /** Records that `field` held `value`, logging it the first time. */
  report(field: string, value: string): void {
    const key = `${field}\u0000${value}`;
    if (this.seen.has(key) || this.seen.size >= this.maxDistinct) return;
    this.seen.add(key);
    this.logger.warn({ field, value: value.slice(0, 100) }, 'Cognito sent a value the schema does not know; it resolves to null');
  }
}
