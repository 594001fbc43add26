import type { RequestOutcome } from './soak.outcome';

/** What a feedback mutation's answer says about whether the update was applied. */
export type FeedbackVerdict = 'applied' | 'may-have-applied' | 'not-applied';

/**
 * Whether the gateway reported the update applied (a non-null `updateAuthEventFeedback`, even
 * beside an error of its read-back), failed saying it may have been applied
 * (`extensions.mayHaveApplied` true, or no answer at all), or failed before anything changed.
 */
export function feedbackVerdictOf(outcome: RequestOutcome): FeedbackVerdict {
  const payload = outcome.data?.updateAuthEventFeedback;
  if (payload !== null && payload !== undefined) return 'applied';
  if (outcome.status === 0) return 'may-have-applied';
  return outcome.errorExtensions.some((extensions) => extensions.mayHaveApplied !== false) ? 'may-have-applied' : 'not-applied';
}

interface Sent {
  readonly value: string;
  verdict: FeedbackVerdict | undefined;
}

/**
 * The feedback updates sent per event, in the order they were sent, and what each answer said.
 * From it follows which values an event may hold at the end: the last one reported applied, or
 * any later one that may have been applied. A stale value (an earlier update applied after a
 * later one) is none of these.
 */
export class FeedbackLedger {
  private readonly events = new Map<string, { readonly initial: string | undefined; readonly sent: Sent[] }>();

  /**
   * Records an update as sent; call in the order the updates reach the gateway. `initial` is
   * the event's value before the first update (undefined: no feedback yet). Returns the
   * function that records the answer.
   */
  send(event: string, value: string, initial: string | undefined): (verdict: FeedbackVerdict) => void {
    let entry = this.events.get(event);
    if (entry === undefined) {
      entry = { initial, sent: [] };
      this.events.set(event, entry);
    }
    const sent: Sent = { value, verdict: undefined };
    entry.sent.push(sent);
    return (verdict) => {
      sent.verdict = verdict;
    };
  }

  /** The events updated, as given to {@link send}. */
  eventKeys(): string[] {
    return [...this.events.keys()];
  }

  /** Updates per verdict over every event; `unanswered` counts those still without one. */
  counts(): Record<FeedbackVerdict | 'unanswered', number> {
    const counts = { applied: 0, 'may-have-applied': 0, 'not-applied': 0, unanswered: 0 };
    for (const { sent } of this.events.values()) for (const { verdict } of sent) counts[verdict ?? 'unanswered'] += 1;
    return counts;
  }

  /**
   * The values `event` may hold now: the last value reported applied (or the initial value, if
   * none was), plus every value sent after it whose update may have been applied (an update
   * still unanswered counts as may-have-applied).
   */
  allowedFinalValues(event: string): Array<string | undefined> {
    const entry = this.events.get(event);
    if (entry === undefined) return [];
    let allowed: Array<string | undefined> = [entry.initial];
    for (const { value, verdict } of entry.sent) {
      if (verdict === 'applied') allowed = [value];
      else if (verdict !== 'not-applied' && !allowed.includes(value)) allowed.push(value);
    }
    return allowed;
  }

  /** Events whose value (by `valueOf`) is not among {@link allowedFinalValues}, with what was found and allowed. */
  mismatches(valueOf: (event: string) => string | undefined): Array<{ event: string; found: string | undefined; allowed: Array<string | undefined> }> {
    const found: Array<{ event: string; found: string | undefined; allowed: Array<string | undefined> }> = [];
    for (const event of this.events.keys()) {
      const allowed = this.allowedFinalValues(event);
      const value = valueOf(event);
      if (!allowed.includes(value)) found.push({ event, found: value, allowed });
    }
    return found;
  }
}
