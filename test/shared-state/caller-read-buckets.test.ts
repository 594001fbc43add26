import { InMemoryCallerReadBuckets } from '../../src/shared-state/local-caller-read-buckets';

describe('in-memory caller read buckets', () => {
  function bucketsAt(clock: { now: number }) {
    return new InMemoryCallerReadBuckets({ ratePerSecond: 2, burst: 4, maxCallers: 2, now: () => clock.now });
  }

  test('grant a new caller a full burst, then refuse until the rate has refilled enough', async () => {
    const clock = { now: 0 };
    const buckets = bucketsAt(clock);

    const decisions = [await buckets.take('a', 3), await buckets.take('a', 2)];
    clock.now = 500;
    decisions.push(await buckets.take('a', 2));
    clock.now = 1000;
    decisions.push(await buckets.take('a', 2));

    expect(decisions).toEqual([
      { granted: true },
      { granted: false, retryAfterSeconds: 1 },
      { granted: true },
      { granted: false, retryAfterSeconds: 1 },
    ]);
  });

  test('keep callers apart', async () => {
    const buckets = bucketsAt({ now: 0 });

    expect([await buckets.take('a', 4), await buckets.take('b', 4), await buckets.take('a', 1)]).toEqual([
      { granted: true },
      { granted: true },
      { granted: false, retryAfterSeconds: 1 },
    ]);
  });

  test('never hold more than the burst, however long a caller was away', async () => {
    const clock = { now: 0 };
    const buckets = bucketsAt(clock);
    await buckets.take('a', 4);
    clock.now = 3_600_000;

    expect([await buckets.take('a', 4), await buckets.take('a', 1)]).toEqual([{ granted: true }, { granted: false, retryAfterSeconds: 1 }]);
  });

  test('tell an operation larger than the bucket when the bucket will be full', async () => {
    const buckets = bucketsAt({ now: 0 });
    await buckets.take('a', 4);

    expect(await buckets.take('a', 10)).toEqual({ granted: false, retryAfterSeconds: 2 });
  });
});
