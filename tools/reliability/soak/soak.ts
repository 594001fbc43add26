import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { DEMO_POOL_ID, DEMO_SUPPORT_CONSOLE_CLIENT_ID, DEMO_WEB_CLIENT_ID, type EmulatorCall, syntheticUsername } from 'cognito-auth-events-emulator';
import { maxStartsInWindow } from '../../../test/support/call-windows';
import { EmulatorAdmin } from '../../bench/bench.emulator-admin';
import { findFreePort } from '../../../test/support/free-port';
import { benchGatewayEnv } from '../../bench/bench.gateway-env';
import { CAN_PIN, type ProcessGroup, sleep, withServers } from '../../bench/bench.processes';
import { cpuModel } from '../../bench/bench.proc-stats';
import { linearFit } from './soak.fit';
import { sampleGateway, type GatewaySample } from './soak.metrics';
import { parseSoakOptions, type SoakOptions } from './soak.options';
import { memoryPlot, samplesTable, type PlottedFit, type StormSpan } from './soak.report';
import { feedbackKey, isAllowed, KindTally, SoakTraffic, type RequestRecord } from './soak.traffic';

/**
 * `npm run soak [-- --minutes N --rate R --storm|--no-storm --seed S --threshold-mib-per-hour T]`:
 * sustained mixed traffic at a fixed rate against a production-mode gateway and the Cognito
 * emulator, each its own process; the gateway's RSS, heap used, event-loop p99 and open sockets
 * sampled from its `/metrics` every 10 s; the heap's slope per hour after warm-up fitted by least
 * squares; a fault storm in the middle whose rules are checked at scale. Writes
 * tools/reliability/results/soak.{md,svg,json}; exits 1 past the slope threshold or when any rule is broken.
 */

/** The emulator's demo pool, where its seeded and synthetic users live. */
const USER_POOL_ID = DEMO_POOL_ID;
/** Synthetic users read cold: at 40 requests a second a user comes back after minutes, long after the page cache (5 s) forgot them. */
const COLD_USERS = 2000;
/** More synthetic users, read only by the recovery probe, so its reads are never answered from the cache. */
const PROBE_USERS = 400;
const HOT_USERNAME = 'frequent-flyer';
const SELF_USERNAME = 'alice';
/** The user whose events get feedback: 12 events, one update at a time each. */
const FEEDBACK_USERNAME = 'bob';
const SAMPLE_EVERY_MS = 10_000;
/**
 * Reads of /metrics per sample. Heap used rises between collections and drops at each, by tens
 * of MiB under this load; a sample keeps the lowest of its reads (1 s apart).
 */
const READS_PER_SAMPLE = 10;
/**
 * The slope is fitted to each minute's lowest sample: within a minute the old generation is
 * collected at least once under this load, so that floor is close to the live heap, and the
 * line measures growth rather than where in its cycle the collector happened to be.
 */
const FLOOR_WINDOW_SECONDS = 60;
const CALL_LOG_CLEAR_EVERY_MS = 60_000;
const GATEWAY_CORE = 0;
const LOAD_CORE = 1;
/** The gateway's limits in front of Cognito, as production defaults them. */
const LIMITS = { readsPerSecond: 40, writesPerSecond: 20, maxConcurrency: 10, maxQueue: 200, requestTimeoutMs: 5000, deadlineMs: 15_000 };
/** The bound on a request's time: its deadline plus a margin for the answer's own way (and a busy 2-core machine). */
const DEADLINE_MARGIN_MS = 2000;
/** Full service must be back this soon after the storm ends (issue 17). */
const RECOVERY_BOUND_MS = 10_000;
/** The storm: every kind of fault at once, at shares that leave most calls answered. */
const STORM_FAULTS = { throttleRate: 0.08, internalErrorRate: 0.05, resetRate: 0.05, hangRate: 0.02, slowBodyRate: 0.1, slowBodyMs: 3000 };
const RESULTS_DIR = join('tools', 'reliability', 'results');
const MiB = 2 ** 20;

interface StormFigures {
  readonly span: StormSpan;
  readonly emulatorCalls: number;
  readonly emulatorOutcomes: Array<[string, number]>;
  readonly maxReadsPerSecond: number;
  readonly maxWritesPerSecond: number;
  readonly recoveryMs: number;
  readonly heapBeforeMiB: number;
  readonly heapAfterMiB: number;
  readonly socketsBefore: number;
  readonly socketsAfter: number;
}

async function main(): Promise<void> {
  const options = parseSoakOptions(process.argv.slice(2));
  process.exitCode = (await withServers(LOAD_CORE, (group) => soak(options, group))) ? 0 : 1;
}

/** Runs the soak; true when every rule held. */
async function soak(options: SoakOptions, group: ProcessGroup): Promise<boolean> {
  const totalMs = options.minutes * 60_000;
  // Long enough for the page cache to fill: every cold and filtered user has been read once
  // after about 2.5 minutes at 40 requests/s, and the cache holds its share of them from then
  // on; a fit starting earlier measures that filling (about 250 MiB/hour over minutes 1 to 4).
  const warmupMs = Math.max(180_000, totalMs * 0.15);
  const stormMs = Math.max(60_000, totalMs / 6);
  const storm: StormSpan | undefined = options.storm
    ? { fromSeconds: (totalMs / 2 - stormMs / 2) / 1000, toSeconds: (totalMs / 2 + stormMs / 2) / 1000 }
    : undefined;

  const emulatorPort = await findFreePort();
  const emulator = await group.start({
    name: 'emulator',
    script: 'packages/cognito-emulator/dist/main.js',
    port: emulatorPort,
    env: { EMULATOR_PORT: String(emulatorPort), EMULATOR_SYNTHETIC_USERS: String(COLD_USERS + PROBE_USERS), LOG_LEVEL: 'silent' },
    core: LOAD_CORE,
  });
  const gatewayPort = await findFreePort();
  const gateway = await group.start({
    name: 'gateway',
    script: 'dist/src/index.js',
    port: gatewayPort,
    env: benchGatewayEnv(gatewayPort, emulator.origin, USER_POOL_ID, {
      COGNITO_READ_RPS: String(LIMITS.readsPerSecond),
      COGNITO_WRITE_RPS: String(LIMITS.writesPerSecond),
      COGNITO_MAX_CONCURRENCY: String(LIMITS.maxConcurrency),
      COGNITO_MAX_QUEUE: String(LIMITS.maxQueue),
      COGNITO_REQUEST_TIMEOUT_MS: String(LIMITS.requestTimeoutMs),
      REQUEST_DEADLINE_MS: String(LIMITS.deadlineMs),
      // One admin token sends most requests; per-caller fair use is not what the soak measures.
      CALLER_READS_PER_SECOND: '100000',
      CALLER_READ_BURST: '100000',
    }),
    core: GATEWAY_CORE,
  });

  const admin = new EmulatorAdmin(emulator.origin);
  const lifetime = String(Math.ceil(totalMs / 1000) + 3600);
  const now = Math.floor(Date.now() / 1000);
  const adminAuthorization = await admin.authorizationFor({ userPoolId: USER_POOL_ID, clientId: DEMO_SUPPORT_CONSOLE_CLIENT_ID, expiresInSeconds: lifetime });
  const selfAuthorization = await admin.authorizationFor({ userPoolId: USER_POOL_ID, clientId: DEMO_WEB_CLIENT_ID, username: SELF_USERNAME, expiresInSeconds: lifetime });
  const expiredAuthorization = await admin.authorizationFor({
    userPoolId: USER_POOL_ID,
    clientId: DEMO_WEB_CLIENT_ID,
    username: SELF_USERNAME,
    issuedAt: String(now - 7200),
    expiresInSeconds: '60',
  });
  // The same claims with another signature: its last characters changed.
  const tail = adminAuthorization.slice(-6);
  const forgedAuthorization = `${adminAuthorization.slice(0, -6)}${tail === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA'}`;
  const feedbackEvents = (await admin.eventsOf(USER_POOL_ID, FEEDBACK_USERNAME)).map((event) => ({
    username: FEEDBACK_USERNAME,
    eventId: event.EventId,
    initial: event.EventFeedback?.FeedbackValue,
  }));
  const coldUsernames = Array.from({ length: COLD_USERS }, (_, index) => syntheticUsername(index + 1));
  const probeUsernames = Array.from({ length: PROBE_USERS }, (_, index) => syntheticUsername(COLD_USERS + index + 1));

  const startedAt = Date.now();
  const secondsSinceStart = (at: number): number => (at - startedAt) / 1000;
  const inStormWindow = (at: number): boolean =>
    storm !== undefined && secondsSinceStart(at) >= storm.fromSeconds && secondsSinceStart(at) <= storm.toSeconds + RECOVERY_BOUND_MS / 1000;
  const tally = new KindTally();
  const stormTally = new KindTally();
  const violations: string[] = [];
  let overDeadline = 0;
  const onRecord = (record: RequestRecord): void => {
    const during = inStormWindow(record.sentAt);
    (during ? stormTally : tally).add(record.kind, record.outcome.label);
    if (!isAllowed(record.kind, record.outcome.label, during)) {
      violations.push(`${record.kind} at ${secondsSinceStart(record.sentAt).toFixed(1)} s: ${record.outcome.status} ${record.outcome.label}`);
    }
    if (record.elapsedMs > LIMITS.deadlineMs + DEADLINE_MARGIN_MS) overDeadline += 1;
  };
  const traffic = new SoakTraffic(
    {
      graphqlUrl: `${gateway.origin}/graphql`,
      adminAuthorization,
      selfAuthorization,
      selfUsername: SELF_USERNAME,
      expiredAuthorization,
      forgedAuthorization,
      coldUsernames,
      hotUsername: HOT_USERNAME,
      feedbackEvents,
      clientTimeoutMs: LIMITS.deadlineMs + DEADLINE_MARGIN_MS + 3000,
    },
    onRecord,
  );

  const samples: GatewaySample[] = [await sampleGateway(gateway.origin, 0)];
  process.stderr.write(`soak: ${options.minutes} min at ${options.requestsPerSecond} requests/s${storm ? `, storm ${storm.fromSeconds}–${storm.toSeconds} s` : ''}\n`);
  traffic.start(options.requestsPerSecond);
  let stormFigures: StormFigures | undefined;
  let stormState: 'before' | 'running' | 'done' = storm === undefined ? 'done' : 'before';
  let nextSampleAt = startedAt + SAMPLE_EVERY_MS;
  let nextReadAt = startedAt + SAMPLE_EVERY_MS / READS_PER_SAMPLE;
  let reads: GatewaySample[] = [];
  let nextClearAt = startedAt + CALL_LOG_CLEAR_EVERY_MS;
  let stormCallsFrom = 0;
  while (Date.now() < startedAt + totalMs) {
    const now = Date.now();
    if (storm !== undefined && stormState === 'before' && secondsSinceStart(now) >= storm.fromSeconds) {
      await admin.clearCalls();
      stormCallsFrom = Date.now();
      await admin.setFaults({ ...STORM_FAULTS, seed: options.seed });
      stormState = 'running';
      process.stderr.write(`soak: storm started at ${secondsSinceStart(Date.now()).toFixed(0)} s\n`);
    }
    if (storm !== undefined && stormState === 'running' && secondsSinceStart(now) >= storm.toSeconds) {
      await admin.resetFaults();
      const endedAt = Date.now();
      const recoveryMs = await timeToFullService(traffic, probeUsernames, endedAt);
      // Calls until the recovery ended count too: retries and calls in flight reach Cognito after the storm.
      const calls = await admin.calls();
      await admin.clearCalls();
      stormFigures = stormFiguresOf(storm, calls, recoveryMs, stormCallsFrom);
      stormState = 'done';
      process.stderr.write(`soak: storm ended; full service back after ${recoveryMs} ms\n`);
    }
    if (now >= nextReadAt) {
      reads.push(await sampleGateway(gateway.origin, secondsSinceStart(Date.now())));
      nextReadAt += SAMPLE_EVERY_MS / READS_PER_SAMPLE;
    }
    if (now >= nextSampleAt && reads.length > 0) {
      samples.push(combineReads(reads));
      reads = [];
      group.assertRunning([emulator, gateway]);
      nextSampleAt += SAMPLE_EVERY_MS;
      const last = samples[samples.length - 1] as GatewaySample;
      process.stderr.write(
        `soak: ${(last.atSeconds / 60).toFixed(1)} min, ${tally.total + stormTally.total} requests, heap ${(last.heapUsedBytes / MiB).toFixed(1)} MiB, RSS ${(last.rssBytes / MiB).toFixed(1)} MiB, sockets ${last.openSockets}\n`,
      );
    }
    if (stormState !== 'running' && now >= nextClearAt) {
      // The log keeps every call; cleared outside the storm so the emulator's memory stays flat.
      await admin.clearCalls();
      nextClearAt += CALL_LOG_CLEAR_EVERY_MS;
    }
    await sleep(200);
  }
  await traffic.stop();

  // Feedback: every event holds the last value reported applied, or a later one that may have been.
  const stored = new Map((await admin.eventsOf(USER_POOL_ID, FEEDBACK_USERNAME)).map((event) => [feedbackKey(FEEDBACK_USERNAME, event.EventId), event.EventFeedback?.FeedbackValue]));
  const feedbackMismatches = traffic.feedbackLedger.mismatches((key) => stored.get(key));

  if (stormFigures !== undefined) {
    const { span } = stormFigures;
    const before = samples.filter((sample) => sample.atSeconds >= span.fromSeconds - 120 && sample.atSeconds < span.fromSeconds);
    const after = samples.filter((sample) => sample.atSeconds >= span.toSeconds + 30 && sample.atSeconds <= span.toSeconds + 150);
    stormFigures = {
      ...stormFigures,
      heapBeforeMiB: Math.max(...before.map((sample) => sample.heapUsedBytes)) / MiB,
      heapAfterMiB: Math.min(...after.map((sample) => sample.heapUsedBytes)) / MiB,
      socketsBefore: Math.max(...before.map((sample) => sample.openSockets)),
      socketsAfter: median(after.map((sample) => sample.openSockets)),
    };
  }

  // The storm and the minute after it are left out: the storm's memory has a rule of its own
  // (back to its level), and its peak would tilt the line by where in the run it fell.
  const fitted = samples.filter(
    (sample) => sample.atSeconds * 1000 >= warmupMs && (storm === undefined || sample.atSeconds < storm.fromSeconds || sample.atSeconds > storm.toSeconds + 60),
  );
  const floors = floorsOf(fitted);
  const fit = linearFit(floors.map((sample) => ({ x: sample.atSeconds, y: sample.heapUsedBytes / MiB })));
  const slopeMiBPerHour = fit.slope * 3600;
  const everySampleSlope = linearFit(fitted.map((sample) => ({ x: sample.atSeconds, y: sample.heapUsedBytes / MiB }))).slope * 3600;
  const rssFit = linearFit(fitted.map((sample) => ({ x: sample.atSeconds, y: sample.rssBytes / MiB })));

  const checks: Array<[string, boolean, string]> = [
    [`heap slope after warm-up <= ${options.thresholdMiBPerHour} MiB/hour`, slopeMiBPerHour <= options.thresholdMiBPerHour, `${slopeMiBPerHour.toFixed(2)} MiB/hour`],
    ['every answer as expected for its kind (typed RATE_LIMITED / UPSTREAM_UNAVAILABLE only during the storm)', violations.length === 0, `${violations.length} unexpected`],
    [`every request ended within its deadline (${LIMITS.deadlineMs} ms + ${DEADLINE_MARGIN_MS} ms)`, overDeadline === 0, `${overDeadline} over`],
    ['every feedback event holds the last value reported applied (or a later one that may have been)', feedbackMismatches.length === 0, `${feedbackMismatches.length} events differ`],
  ];
  if (stormFigures !== undefined) {
    checks.push(
      [`reads at Cognito <= ${LIMITS.readsPerSecond} in any 1 s during the storm`, stormFigures.maxReadsPerSecond <= LIMITS.readsPerSecond, `max ${stormFigures.maxReadsPerSecond}`],
      [`feedback updates at Cognito <= ${LIMITS.writesPerSecond} in any 1 s during the storm`, stormFigures.maxWritesPerSecond <= LIMITS.writesPerSecond, `max ${stormFigures.maxWritesPerSecond}`],
      [`full service back within ${RECOVERY_BOUND_MS / 1000} s of the storm's end`, stormFigures.recoveryMs < RECOVERY_BOUND_MS, `${stormFigures.recoveryMs} ms`],
      [
        `heap back to its level before the storm (lowest after <= highest before + ${options.thresholdMiBPerHour} MiB)`,
        stormFigures.heapAfterMiB <= stormFigures.heapBeforeMiB + options.thresholdMiBPerHour,
        `${stormFigures.heapAfterMiB.toFixed(1)} vs ${stormFigures.heapBeforeMiB.toFixed(1)} MiB`,
      ],
      ['open sockets back to their level before the storm (median after <= highest before + 2)', stormFigures.socketsAfter <= stormFigures.socketsBefore + 2, `${stormFigures.socketsAfter} vs ${stormFigures.socketsBefore}`],
    );
  }
  const passed = checks.every(([, ok]) => ok);

  const machine = { date: new Date(startedAt).toISOString(), node: process.version, cpuModel: cpuModel(), cores: cpus().length, pinned: CAN_PIN };
  const plottedFit: PlottedFit = { fromSeconds: warmupMs / 1000, toSeconds: fitted[fitted.length - 1]?.atSeconds ?? 0, slope: fit.slope, intercept: fit.intercept };
  const report = [
    `## Soak, ${options.minutes} min at ${options.requestsPerSecond} requests/s (${machine.date})`,
    '',
    `Machine: ${machine.cpuModel}, ${machine.cores} cores${machine.pinned ? ' (gateway on core 0; emulator and load on core 1)' : ''}, Node.js ${machine.node}. Seed ${options.seed}.`,
    '',
    `Heap used after the ${(warmupMs / 60_000).toFixed(1)}-min warm-up: slope **${slopeMiBPerHour.toFixed(2)} MiB/hour** (least squares over the lowest sample of each of ${fit.points} minutes${storm === undefined ? '' : ', the storm and the minute after it left out'}; threshold ${options.thresholdMiBPerHour} MiB/hour). Over every sample instead: ${everySampleSlope.toFixed(2)} MiB/hour. RSS: ${(rssFit.slope * 3600).toFixed(2)} MiB/hour.`,
    '',
    '| check | result | figure |',
    '|---|---|---|',
    ...checks.map(([name, ok, figure]) => `| ${name} | ${ok ? 'pass' : '**FAIL**'} | ${figure} |`),
    '',
    `Requests outside the storm: ${tally.total}.`,
    '',
    '| kind | outcomes |',
    '|---|---|',
    ...tally.entries().map(([kind, labels]) => `| ${kind} | ${labels.map(([label, count]) => `${label} ${count}`).join(', ')} |`),
    '',
    ...(stormFigures === undefined ? [] : stormSection(stormFigures, stormTally)),
    `Feedback updates: ${Object.entries(traffic.feedbackLedger.counts()).map(([verdict, count]) => `${verdict} ${count}`).join(', ')}; ${traffic.skippedFeedback} skipped (the event's previous update still in flight); events checked ${traffic.feedbackLedger.eventKeys().length}, differing ${feedbackMismatches.length}.`,
    '',
    `Samples (one a minute shown; one every 10 s taken, each the lowest heap used of ${READS_PER_SAMPLE} reads of /metrics 1 s apart, the last RSS and sockets, the highest event-loop p99):`,
    '',
    samplesTable(samples, storm),
    '',
    ...(violations.length > 0 ? ['Unexpected answers (first 20):', '', ...violations.slice(0, 20).map((line) => `- ${line}`), ''] : []),
    ...(feedbackMismatches.length > 0 ? ['Feedback mismatches:', '', ...feedbackMismatches.map((m) => `- ${m.event}: found ${m.found}, allowed ${m.allowed.join(' or ')}`), ''] : []),
  ].join('\n');
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, 'soak.md'), `${report}\n`);
  writeFileSync(
    join(RESULTS_DIR, 'soak.svg'),
    memoryPlot(samples, storm, plottedFit, `Gateway memory, ${options.minutes}-min soak at ${options.requestsPerSecond} req/s (${machine.date.slice(0, 10)})`),
  );
  writeFileSync(join(RESULTS_DIR, 'soak.json'), `${JSON.stringify({ machine, options, slopeMiBPerHour, checks, storm: stormFigures, samples }, null, 2)}\n`);
  process.stdout.write(`${report}\nWrote ${RESULTS_DIR}/soak.md, soak.svg, soak.json\n`);
  return passed;
}

/** The lowest-heap sample of each {@link FLOOR_WINDOW_SECONDS} window (counted from the soak's start) that has samples. */
function floorsOf(samples: readonly GatewaySample[]): GatewaySample[] {
  const byWindow = new Map<number, GatewaySample>();
  for (const sample of samples) {
    const window = Math.floor(sample.atSeconds / FLOOR_WINDOW_SECONDS);
    const lowest = byWindow.get(window);
    if (lowest === undefined || sample.heapUsedBytes < lowest.heapUsedBytes) byWindow.set(window, sample);
  }
  return [...byWindow.values()].sort((a, b) => a.atSeconds - b.atSeconds);
}

/** One sample of several reads: the last read's RSS and sockets, the lowest heap used, the highest event-loop p99. */
function combineReads(reads: readonly GatewaySample[]): GatewaySample {
  const last = reads[reads.length - 1] as GatewaySample;
  return {
    ...last,
    heapUsedBytes: Math.min(...reads.map((read) => read.heapUsedBytes)),
    eventLoopP99Ms: Math.max(...reads.map((read) => read.eventLoopP99Ms)),
  };
}

/**
 * Milliseconds from the storm's end until a cold read (a user nobody has read, so no cache
 * answers it) gets data; one read every 100 ms.
 */
async function timeToFullService(traffic: SoakTraffic, probeUsernames: readonly string[], endedAt: number): Promise<number> {
  for (let index = 0; ; index += 1) {
    const record = await traffic.sendOne('cold', probeUsernames[index % probeUsernames.length]);
    if (record?.outcome.label === 'data') return Date.now() - endedAt;
    if (Date.now() - endedAt > 60_000) return Date.now() - endedAt;
    await sleep(100);
  }
}

function stormFiguresOf(
  span: StormSpan,
  calls: readonly EmulatorCall[],
  recoveryMs: number,
  from: number,
): StormFigures {
  const reads = calls.filter((call) => call.operation === 'AdminListUserAuthEvents' && call.startedAt >= from);
  const writes = calls.filter((call) => call.operation !== 'AdminListUserAuthEvents' && call.startedAt >= from);
  const outcomes = new Map<string, number>();
  for (const call of calls) outcomes.set(call.outcome, (outcomes.get(call.outcome) ?? 0) + 1);
  return {
    span,
    emulatorCalls: calls.length,
    emulatorOutcomes: [...outcomes.entries()].sort((a, b) => b[1] - a[1]),
    maxReadsPerSecond: maxStartsInWindow(reads, 1000),
    maxWritesPerSecond: maxStartsInWindow(writes, 1000),
    recoveryMs,
    heapBeforeMiB: Number.NaN,
    heapAfterMiB: Number.NaN,
    socketsBefore: Number.NaN,
    socketsAfter: Number.NaN,
  };
}

function stormSection(figures: StormFigures, stormTally: KindTally): string[] {
  const minutes = (figures.span.toSeconds - figures.span.fromSeconds) / 60;
  return [
    `Storm: ${minutes.toFixed(1)} min from ${(figures.span.fromSeconds / 60).toFixed(1)} min, faults ${JSON.stringify(STORM_FAULTS)}. Requests sent during it and the ${RECOVERY_BOUND_MS / 1000} s after: ${stormTally.total}.`,
    '',
    '| kind | outcomes during the storm |',
    '|---|---|',
    ...stormTally.entries().map(([kind, labels]) => `| ${kind} | ${labels.map(([label, count]) => `${label} ${count}`).join(', ')} |`),
    '',
    `Cognito calls at the emulator during the storm: ${figures.emulatorCalls} (${figures.emulatorOutcomes.map(([outcome, count]) => `${outcome} ${count}`).join(', ')}); most in any 1 s: ${figures.maxReadsPerSecond} reads (limit ${LIMITS.readsPerSecond}), ${figures.maxWritesPerSecond} feedback updates (limit ${LIMITS.writesPerSecond}). Full service back ${figures.recoveryMs} ms after the storm's end. Heap: highest ${figures.heapBeforeMiB.toFixed(1)} MiB in the 2 min before, lowest ${figures.heapAfterMiB.toFixed(1)} MiB in the 2 min from 30 s after. Open sockets: ${figures.socketsBefore} before, ${figures.socketsAfter} after (median).`,
    '',
  ];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

main().catch((error: unknown) => {
  process.stderr.write(`The soak failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 1;
});
