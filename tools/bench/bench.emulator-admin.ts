import type { EmulatorCall } from 'cognito-auth-events-emulator';

/** The fields of a stored auth event the bench query reads, as the emulator stores them. */
export interface EmulatorEvent {
  readonly EventId: string;
  readonly EventType: string;
  /** Epoch seconds with millisecond fractions, as Cognito sends it. */
  readonly CreationDate: number;
  readonly EventRisk?: { readonly RiskLevel?: string };
  /** Feedback given on the event, if any: `Valid` or `Invalid`. */
  readonly EventFeedback?: { readonly FeedbackValue: string };
}

/**
 * The bench's side of the emulator's `/_emulator/` routes (packages/cognito-emulator/src/emulator.admin.ts):
 * injected latency, an admin token, users' events, the call log.
 * Every call throws, naming the route and the answer, unless the emulator answers 2xx.
 */
export class EmulatorAdmin {
  constructor(private readonly origin: string) {}

  /** Adds `latencyMs` before every Cognito API answer (not before these admin routes). */
  async setLatency(latencyMs: number): Promise<void> {
    await this.call('POST', '/_emulator/faults/reset');
    if (latencyMs > 0) await this.call('POST', '/_emulator/faults', { latencyMs });
  }

  /** `Bearer …` of a client-credentials token of the pool's support console client, an admin. */
  async adminAuthorization(userPoolId: string): Promise<string> {
    const answer = await this.call('GET', `/_emulator/token?userPoolId=${encodeURIComponent(userPoolId)}`);
    const authorization = (answer as { authorization?: unknown }).authorization;
    if (typeof authorization !== 'string') throw new Error(`/_emulator/token gave no authorization: ${JSON.stringify(answer)}`);
    return authorization;
  }

  /**
   * `Bearer …` of a token minted as `/_emulator/token` takes it (userPoolId, username, clientId,
   * expiresInSeconds, issuedAt, …; see packages/cognito-emulator/src/emulator.admin.ts).
   */
  async authorizationFor(query: Readonly<Record<string, string>>): Promise<string> {
    const answer = await this.call('GET', `/_emulator/token?${new URLSearchParams(query).toString()}`);
    const authorization = (answer as { authorization?: unknown }).authorization;
    if (typeof authorization !== 'string') throw new Error(`/_emulator/token gave no authorization: ${JSON.stringify(answer)}`);
    return authorization;
  }

  /** Sets fault settings (see `EmulatorFaults`), keeping the others. */
  async setFaults(faults: Readonly<Record<string, number | readonly string[]>>): Promise<void> {
    await this.call('POST', '/_emulator/faults', faults);
  }

  /** No faults. */
  async resetFaults(): Promise<void> {
    await this.call('POST', '/_emulator/faults/reset');
  }

  /** Every Cognito API call since the last {@link clearCalls}, as the emulator logged it. */
  async calls(): Promise<EmulatorCall[]> {
    return ((await this.call('GET', '/_emulator/calls')) as { calls: EmulatorCall[] }).calls;
  }

  /** A user's whole history, newest first: what AdminListUserAuthEvents pages through. */
  async eventsOf(userPoolId: string, username: string): Promise<EmulatorEvent[]> {
    const query = `userPoolId=${encodeURIComponent(userPoolId)}&username=${encodeURIComponent(username)}`;
    return ((await this.call('GET', `/_emulator/events?${query}`)) as { events: EmulatorEvent[] }).events;
  }

  /**
   * Empties the call log. Done before every measured run: the log keeps every call, and the
   * emulator's cost per call grows with its length.
   */
  async clearCalls(): Promise<void> {
    await this.call('POST', '/_emulator/calls/clear');
  }

  /** Cognito API calls since the last {@link clearCalls}. */
  async callCount(): Promise<number> {
    return ((await this.call('GET', '/_emulator/calls')) as { count: number }).count;
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.origin}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`emulator ${method} ${path} answered ${response.status}: ${text}`);
    return text === '' ? undefined : JSON.parse(text);
  }
}
