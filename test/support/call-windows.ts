import type { EmulatorCall } from 'cognito-auth-events-emulator';

/** Most calls that started within any `windowMs` at the emulator. */
export function maxStartsInWindow(calls: readonly EmulatorCall[], windowMs: number): number {
  const starts = calls.map((call) => call.startedAt).sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; last < starts.length; last += 1) {
    while ((starts[last] as number) - (starts[first] as number) >= windowMs) first += 1;
    most = Math.max(most, last - first + 1);
  }
  return most;
}
