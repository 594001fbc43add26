import type { QuotaCategory, RateSlotDecision, RateSlots } from '../../src/cognito/rate-slots';
import { UpstreamGuard } from '../../src/cognito/upstream-guard';

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Rate slots in a "shared store" that answers only when the test says so. */
class ScriptedRateSlots implements RateSlots {
  readonly asked: QuotaCategory[] = [];
  readonly released: number[] = [];
  private readonly pending: Array<(decision: RateSlotDecision) => void> = [];
  private leases = 0;

  tryTake(category: QuotaCategory): Promise<RateSlotDecision> {
    this.asked.push(category);
    return new Promise((resolve) => this.pending.push(resolve));
  }

  get unanswered(): number {
    return this.pending.length;
  }

  grant(): void {
    this.leases += 1;
    const lease = this.leases;
    this.pending.shift()?.({ granted: true, lease: { release: () => void this.released.push(lease) } });
  }

  refuse(retryInMs: number): void {
    this.pending.shift()?.({ granted: false, retryInMs });
  }
}

describe('UpstreamGuard over rate slots in a shared store', () => {
  afterEach(() => jest.useRealTimers());

  test('asks for one queued call of a category at a time, starting them in order, within the concurrency cap', async () => {
    const slots = new ScriptedRateSlots();
    const guard = new UpstreamGuard({ maxConcurrency: 2, maxQueue: 10, rateSlots: slots });
    const started: string[] = [];
    const run = (name: string) => guard.run('read', undefined, async () => void started.push(name));
    const first = run('first'); // nobody waits: asked at once
    await settle();
    const queued = [run('second'), run('third'), run('fourth')];
    await settle();
    const askedBeforeAnswers = slots.asked.length;
    slots.grant(); // first
    await first;
    await settle();
    slots.grant(); // second
    await settle();
    slots.grant(); // third
    await settle();
    slots.grant(); // fourth
    await Promise.all(queued);

    expect({ askedBeforeAnswers, started, released: slots.released, after: { active: guard.active, waiting: guard.waiting } }).toEqual({
      // the first call, then only the head of the queue
      askedBeforeAnswers: 2,
      started: ['first', 'second', 'third', 'fourth'],
      released: [1, 2, 3, 4],
      after: { active: 0, waiting: 0 },
    });
  });

  test('asks again after the time the store gave when it refused, not before', async () => {
    // The guard's wake-up timer on jest's clock, moved by the test; the immediates `settle` waits for stay real.
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'clearImmediate', 'nextTick', 'queueMicrotask'] });
    const slots = new ScriptedRateSlots();
    const guard = new UpstreamGuard({ maxConcurrency: 2, maxQueue: 10, rateSlots: slots });
    const run = guard.run('read', undefined, async () => 'ran');
    await settle();
    slots.refuse(40);
    await settle();
    const askedRightAfter = slots.asked.length;
    await jest.advanceTimersByTimeAsync(39);
    const askedJustBefore = slots.asked.length;
    await jest.advanceTimersByTimeAsync(21);
    const askedLater = slots.asked.length;
    slots.grant();

    expect({ askedRightAfter, askedJustBefore, askedLater, result: await run }).toEqual({
      askedRightAfter: 1,
      askedJustBefore: 1,
      askedLater: 2,
      result: 'ran',
    });
  });

  test('gives back a slot granted after its call’s deadline passed, and never runs the call', async () => {
    const slots = new ScriptedRateSlots();
    const guard = new UpstreamGuard({ maxConcurrency: 1, maxQueue: 10, rateSlots: slots });
    const controller = new AbortController();
    let ran = false;
    const abandoned = guard.run('read', controller.signal, async () => {
      ran = true;
    });
    await settle();
    controller.abort(new Error('deadline passed'));
    slots.grant();

    await expect(abandoned).rejects.toThrow('deadline passed');
    expect({ ran, released: slots.released, active: guard.active, unanswered: slots.unanswered }).toEqual({
      ran: false,
      released: [1],
      active: 0,
      unanswered: 0,
    });
  });
});
