/** Every API jest's fake timers can replace, except `Date`. */
const ALL_BUT_DATE = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
] as const;

/**
 * Sets the wall clock (`Date`) to `epochMs`, from where it runs on at the real pace, and leaves
 * timers, microtasks and I/O real: for code that judges time by `Date.now()` and cannot be handed
 * a clock (a library's, such as aws-jwt-verify's expiry check), so that a test sets the time
 * instead of waiting for it. Undo it with `jest.useRealTimers()`, in an `afterEach`.
 */
export function setWallClock(epochMs: number): void {
  jest.useFakeTimers({ now: epochMs, advanceTimers: true, doNotFake: [...ALL_BUT_DATE] });
}
