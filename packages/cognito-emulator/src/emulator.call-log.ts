/** The request members the call log keeps (the feedback token's value is never kept). */
export interface EmulatorCallRequest {
  /** `UserPoolId`, when sent as a string. */
  readonly userPoolId?: string;
  /** `Username`, when sent as a string. */
  readonly username?: string;
  /** `MaxResults`, when sent as a number. */
  readonly maxResults?: number;
  /** `NextToken`, when sent as a string. */
  readonly nextToken?: string;
  /** `EventId`, when sent as a string. */
  readonly eventId?: string;
  /** `FeedbackValue`, when sent as a string. */
  readonly feedbackValue?: string;
  /** Present (`true`) only when the request carried a `FeedbackToken`; its value is not logged. */
  readonly feedbackTokenPresent?: true;
}

/** One Cognito API call the emulator received. */
export interface EmulatorCall extends EmulatorCallRequest {
  /** 1 for the first call after start or `clear()`, then 2, 3, … in arrival order. */
  readonly sequence: number;
  /** The `x-amzn-RequestId` the response carried. */
  readonly requestId: string;
  /** The operation named by `X-Amz-Target` (without the service prefix), or `''` when absent. */
  readonly operation: string;
  /** Whether an `Authorization: AWS4-HMAC-SHA256 …` header was present (the signature is not checked). */
  readonly signed: boolean;
  /** Arrival time, epoch milliseconds. */
  readonly startedAt: number;
  /** Response time, epoch milliseconds; absent while the call is in flight. */
  readonly endedAt?: number;
  /**
   * `'pending'` while in flight, then `'ok'` or the error's `__type`; for connection faults,
   * `'ConnectionReset'` (reset after the operation ran) or `'NoAnswer'` (hung until the client left).
   */
  readonly outcome: string;
  /** Whether the error was injected by fault injection rather than caused by the request. */
  readonly injected: boolean;
  /** HTTP status of the response; absent while in flight, 0 when no answer was sent (reset, hang). */
  readonly httpStatus?: number;
}

/** How a call ended. */
export interface EmulatorCallEnd {
  /** `'ok'` or the error's `__type`. */
  readonly outcome: string;
  /** Whether the error was injected. */
  readonly injected: boolean;
  /** HTTP status sent. */
  readonly httpStatus: number;
}

/** Read access to the call log, for tests counting upstream calls. */
export interface EmulatorCallLog {
  /** Every call since start or the last `clear()`, in arrival order (in-flight calls included). */
  list(): readonly EmulatorCall[];
  /** Number of calls since the last clear, optionally only those to `operation`. */
  count(operation?: string): number;
  /** Forgets the calls and restarts the concurrency high-water mark from the calls now in flight. */
  clear(): void;
  /**
   * Resolves with the first call, already logged or still to come, for which `predicate` holds,
   * checked again whenever a call arrives or ends: what a test waits on instead of a sleep.
   */
  waitFor(predicate: (call: EmulatorCall) => boolean): Promise<EmulatorCall>;
  /** Most calls in flight at once since the last clear. */
  readonly maxConcurrency: number;
  /** Calls in flight right now. */
  readonly inFlight: number;
}

/** Records calls as they arrive and complete. */
export class CallRecorder implements EmulatorCallLog {
  private calls: EmulatorCall[] = [];
  private nextSequence = 1;
  private active = 0;
  private highWater = 0;
  private readonly waiters = new Set<() => void>();

  /** Records an arriving call and returns a function that records its end. */
  begin(call: Omit<EmulatorCall, 'sequence' | 'outcome' | 'injected' | 'endedAt' | 'httpStatus'>): (end: EmulatorCallEnd) => void {
    const sequence = this.nextSequence;
    this.nextSequence += 1;
    const entry: EmulatorCall = { ...call, sequence, outcome: 'pending', injected: false };
    this.calls.push(entry);
    this.active += 1;
    this.highWater = Math.max(this.highWater, this.active);
    this.notify();
    let ended = false;
    return (end) => {
      if (ended) return;
      ended = true;
      this.active -= 1;
      const index = this.calls.indexOf(entry);
      // A clear() while the call was in flight dropped the entry; the count of active calls still drops.
      if (index !== -1) this.calls[index] = { ...entry, ...end, endedAt: Date.now() };
      this.notify();
    };
  }

  waitFor(predicate: (call: EmulatorCall) => boolean): Promise<EmulatorCall> {
    return new Promise((resolve) => {
      const check = () => {
        const found = this.calls.find(predicate);
        if (found === undefined) return;
        this.waiters.delete(check);
        resolve({ ...found });
      };
      this.waiters.add(check);
      check();
    });
  }

  private notify(): void {
    for (const check of [...this.waiters]) check();
  }

  list(): readonly EmulatorCall[] {
    return this.calls.map((call) => ({ ...call }));
  }

  count(operation?: string): number {
    return operation === undefined ? this.calls.length : this.calls.filter((call) => call.operation === operation).length;
  }

  clear(): void {
    this.calls = [];
    this.nextSequence = 1;
    this.highWater = this.active;
  }

  get maxConcurrency(): number {
    return this.highWater;
  }

  get inFlight(): number {
    return this.active;
  }
}
