import pino from 'pino';
import { SharedStateSwitch } from '../../src/shared-state/shared-state-switch';

/** A switch whose probe answers as `redisAnswers` says, and the messages it logged. */
function switchWithProbe(options: { startInRedis?: boolean } = {}) {
  const logged: Array<{ level: number; msg: string }> = [];
  const state = { redisAnswers: false, probes: 0 };
  const sharedState = new SharedStateSwitch({
    probe: async () => {
      state.probes += 1;
      if (!state.redisAnswers) throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
    },
    logger: pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line) as { level: number; msg: string }) }),
    ...options,
  });
  return { sharedState, state, messages: () => logged.map(({ level, msg }) => [level === 40 ? 'warn' : 'info', msg.split(':')[0]]) };
}

/** The default probe interval: the switch asks Redis once a second while it runs on local state. */
const PROBE_INTERVAL_MS = 1000;

describe('SharedStateSwitch', () => {
  // The probe's timer runs on jest's clock, which each test moves itself: no interval is waited for.
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test('falls back on the first failure, logs it once however many follow, probes once a second, and returns at the first probe Redis answers', async () => {
    const { sharedState, state, messages } = switchWithProbe();
    const before = sharedState.status().mode;
    sharedState.failed(new Error('Command timed out'));
    sharedState.failed(new Error('Command timed out'));
    const whileDown = { mode: sharedState.status().mode, usingRedis: sharedState.usingRedis, probeTimers: jest.getTimerCount() };
    await jest.advanceTimersByTimeAsync(PROBE_INTERVAL_MS - 1);
    const probesWithinTheFirstSecond = state.probes;
    await jest.advanceTimersByTimeAsync(1);
    const afterOneFailedProbe = { probes: state.probes, mode: sharedState.status().mode, probeTimers: jest.getTimerCount() };
    state.redisAnswers = true;
    await jest.advanceTimersByTimeAsync(PROBE_INTERVAL_MS);

    expect({
      before,
      whileDown,
      probesWithinTheFirstSecond,
      afterOneFailedProbe,
      after: { probes: state.probes, mode: sharedState.status().mode, usingRedis: sharedState.usingRedis, probeTimers: jest.getTimerCount() },
      messages: messages(),
    }).toEqual({
      before: 'redis',
      whileDown: { mode: 'local-fallback', usingRedis: false, probeTimers: 1 },
      probesWithinTheFirstSecond: 0,
      afterOneFailedProbe: { probes: 1, mode: 'local-fallback', probeTimers: 1 },
      after: { probes: 2, mode: 'redis', usingRedis: true, probeTimers: 0 },
      messages: [
        ['warn', 'Redis failed'],
        ['info', 'Redis answers again'],
      ],
    });
    sharedState.close();
  });

  test('starts on local state when Redis did not answer at start-up, and stops probing once closed', async () => {
    const { sharedState, state, messages } = switchWithProbe({ startInRedis: false });
    const atStart = { mode: sharedState.status().mode, probeTimers: jest.getTimerCount() };
    sharedState.close();
    await jest.advanceTimersByTimeAsync(10 * PROBE_INTERVAL_MS);

    expect({ atStart, afterClose: { probes: state.probes, probeTimers: jest.getTimerCount() }, messages: messages() }).toEqual({
      atStart: { mode: 'local-fallback', probeTimers: 1 },
      afterClose: { probes: 0, probeTimers: 0 },
      messages: [['warn', 'Redis cannot be reached at start-up']],
    });
  });
});
