import pino from 'pino';
import { SharedStateSwitch } from '../../src/shared-state/shared-state-switch';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

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
    probeIntervalMs: 10,
    ...options,
  });
  return { sharedState, state, messages: () => logged.map(({ level, msg }) => [level === 40 ? 'warn' : 'info', msg.split(':')[0]]) };
}

describe('SharedStateSwitch', () => {
  test('falls back on the first failure, logs it once however many follow, and returns at the first probe Redis answers', async () => {
    const { sharedState, state, messages } = switchWithProbe();
    const before = sharedState.status().mode;
    sharedState.failed(new Error('Command timed out'));
    sharedState.failed(new Error('Command timed out'));
    await sleep(50);
    const whileDown = { mode: sharedState.status().mode, usingRedis: sharedState.usingRedis, probed: state.probes > 1 };
    state.redisAnswers = true;
    await sleep(50);

    expect({ before, whileDown, after: sharedState.status().mode, messages: messages() }).toEqual({
      before: 'redis',
      whileDown: { mode: 'local-fallback', usingRedis: false, probed: true },
      after: 'redis',
      messages: [
        ['warn', 'Redis failed'],
        ['info', 'Redis answers again'],
      ],
    });
    sharedState.close();
  });

  test('starts on local state when Redis did not answer at start-up, and stops probing once closed', async () => {
    const { sharedState, state, messages } = switchWithProbe({ startInRedis: false });
    const atStart = sharedState.status().mode;
    sharedState.close();
    const probes = state.probes;
    await sleep(50);

    expect({ atStart, probesAfterClose: state.probes - probes, messages: messages() }).toEqual({
      atStart: 'local-fallback',
      probesAfterClose: 0,
      messages: [['warn', 'Redis cannot be reached at start-up']],
    });
  });
});
