import { GatewayError } from '../../src/errors/gateway-errors';
import { LocalRateSlots } from '../../src/shared-state/local-rate-slots';
import { UpstreamGuard } from '../../src/cognito/upstream-guard';

/** A task that runs until released, recording when it started. */
function gate() {
  let release: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (release = resolve));
  return { task: () => done, release };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

/**
 * The guard's clock and its wake-up timers on jest's clock, which the test moves itself; the
 * immediates `settle` waits for stay real.
 */
function useTestClock(): () => number {
  jest.useFakeTimers({ now: 0, doNotFake: ['setImmediate', 'clearImmediate', 'nextTick', 'queueMicrotask'] });
  return () => jest.now();
}

describe('UpstreamGuard', () => {
  afterEach(() => jest.useRealTimers());

  test('runs at most maxConcurrency tasks at once and starts waiters in order as slots free up', async () => {
    const guard = new UpstreamGuard({ maxConcurrency: 2, maxQueue: 10, rateSlots: new LocalRateSlots({ ratePerSecond: { read: 100, write: 100 } }) });
    const started: number[] = [];
    const gates = [gate(), gate(), gate(), gate()];
    const runs = gates.map((g, index) => guard.run('read', undefined, () => (started.push(index), g.task())));
    await settle();
    const first = { started: [...started], active: guard.active, waiting: guard.waiting };

    gates[0]?.release();
    await settle();
    const second = { started: [...started], active: guard.active, waiting: guard.waiting };
    gates.forEach((g) => g.release());
    await Promise.all(runs);

    expect({ first, second, after: { active: guard.active, waiting: guard.waiting } }).toEqual({
      first: { started: [0, 1], active: 2, waiting: 2 },
      second: { started: [0, 1, 2], active: 2, waiting: 1 },
      after: { active: 0, waiting: 0 },
    });
  });

  test('fails fast with RATE_LIMITED once the queue is full', async () => {
    const guard = new UpstreamGuard({ maxConcurrency: 1, maxQueue: 1, rateSlots: new LocalRateSlots({ ratePerSecond: { read: 100, write: 100 } }) });
    const running = gate();
    const first = guard.run('read', undefined, running.task);
    const queued = guard.run('read', undefined, async () => 'queued');
    const refused = guard.run('read', undefined, async () => 'refused');

    await expect(refused).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(refused).rejects.toBeInstanceOf(GatewayError);
    running.release();
    await expect(Promise.all([first, queued])).resolves.toEqual([undefined, 'queued']);
  });

  test('drops a waiter whose signal aborts, with the abort reason, and never runs its task', async () => {
    const guard = new UpstreamGuard({ maxConcurrency: 1, maxQueue: 5, rateSlots: new LocalRateSlots({ ratePerSecond: { read: 100, write: 100 } }) });
    const running = gate();
    const first = guard.run('read', undefined, running.task);
    const controller = new AbortController();
    let ran = false;
    const abandoned = guard.run('read', controller.signal, async () => {
      ran = true;
    });
    controller.abort(new Error('deadline passed'));

    await expect(abandoned).rejects.toThrow('deadline passed');
    expect({ waiting: guard.waiting, ran }).toEqual({ waiting: 0, ran: false });
    running.release();
    await first;
  });

  test('holds back a category over its rate while the other category proceeds', async () => {
    const guard = new UpstreamGuard({
      maxConcurrency: 10,
      maxQueue: 10,
      rateSlots: new LocalRateSlots({ ratePerSecond: { read: 2, write: 1 }, now: useTestClock() }),
    });
    const started: string[] = [];
    const run = (category: 'read' | 'write', name: string) => guard.run(category, undefined, async () => void started.push(name));
    await Promise.all([run('read', 'r1'), run('read', 'r2')]);
    const third = run('read', 'r3');
    const write = run('write', 'w1');
    await write;
    const whileReadsWait = [...started];

    await jest.advanceTimersByTimeAsync(1100); // past the window: the guard's wake-up timer lets the read start
    await third;

    expect({ whileReadsWait, after: started }).toEqual({
      whileReadsWait: ['r1', 'r2', 'w1'],
      after: ['r1', 'r2', 'w1', 'r3'],
    });
  });

  test('counts a call against the rate from admission until a window after it completes', async () => {
    const guard = new UpstreamGuard({
      maxConcurrency: 10,
      maxQueue: 10,
      rateSlots: new LocalRateSlots({ ratePerSecond: { read: 1, write: 1 }, now: useTestClock() }),
    });
    const slow = gate();
    const started: string[] = [];
    const first = guard.run('read', undefined, () => (started.push('first'), slow.task()));
    const second = guard.run('read', undefined, async () => void started.push('second'));
    await jest.advanceTimersByTimeAsync(5000); // long after admission: the first call may only now be reaching Cognito
    const whileFirstRuns = [...started];
    slow.release();
    await first;
    await jest.advanceTimersByTimeAsync(500); // completed half a window ago: still too close
    const justAfter = [...started];
    await jest.advanceTimersByTimeAsync(511); // a window (1010 ms) after completion
    await second;

    expect({ whileFirstRuns, justAfter, finally: started }).toEqual({
      whileFirstRuns: ['first'],
      justAfter: ['first'],
      finally: ['first', 'second'],
    });
  });

  test('refuses limits below one, stating the rule and the value', () => {
    expect(() => new UpstreamGuard({ maxConcurrency: 0, maxQueue: 1, rateSlots: new LocalRateSlots({ ratePerSecond: { read: 1, write: 1 } }) })).toThrow(
      'UpstreamGuard maxConcurrency must be a whole number of at least 1; received 0',
    );
  });
});
