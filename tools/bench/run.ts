import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { DEMO_POOL_ID, DEMO_WEB_CLIENT_ID, syntheticUsername } from 'cognito-auth-events-emulator';
import { BENCH_CONDITIONS, type BenchCondition } from './bench.conditions';
import { EmulatorAdmin } from './bench.emulator-admin';
import { findFreePort } from '../../test/support/free-port';
import { runLoad } from './bench.load';
import { parseBenchOptions, type BenchOptions } from './bench.options';
import { benchGatewayEnv } from './bench.gateway-env';
import { CAN_PIN, ProcessGroup, withServers, type BenchProcess } from './bench.processes';
import { clockTicksPerSecond, cpuModel, cpuTicksOf, rssBytesOf } from './bench.proc-stats';
import { formatProfileSummary, summarizeNewestProfile } from './bench.profile';
import { BENCH_PAGE_SIZE, benchRequestBody } from './bench.query';
import { markdownReport, ratiosOf, type BenchMachine, type Figures, type Measurement } from './bench.report';
import { expectedFirstPage, ResponseChecker, type ExpectedPage } from './bench.response-check';
import { startTraceSink, type TraceSink } from './bench.trace-sink';
import { UserRotation } from './bench.user-rotation';

/**
 * `npm run bench [-- --quick] [-- --profile]`: the gateway against a direct-SDK baseline, both in
 * front of the Cognito emulator, under each of {@link BENCH_CONDITIONS}. Prints a Markdown table, writes
 * tools/bench/results/latest.json (quick.json for `--quick`), and exits 1 when any response was wrong or a process failed, never
 * because of a timing.
 */

/** The emulator's demo pool, where its seeded and synthetic users live. */
const USER_POOL_ID = DEMO_POOL_ID;
/**
 * Users the emulator makes up for the cold runs (`EMULATOR_SYNTHETIC_USERS`), asked about in
 * turn. A user comes round again only after 5000 other requests, seconds later, when nothing the
 * gateway keeps with its page cache off (no cache, no call in flight) can answer for them; a
 * quick run's row sends fewer than 5000 requests, so none repeats. More users would cost the
 * emulator memory (about 12 MB per 1000 once read) and the bench time to read their pages.
 */
const SYNTHETIC_USERS = 5000;
/**
 * The crowd's users: each sends requests about themselves with their own access token. 500, as
 * in the outside bench the targets were set with: a user's token comes back every 500 requests,
 * as a signed-in user's does over its hour, so the gateway verifies each token once and then
 * answers from its cache of verified tokens.
 */
const CROWD_USERS = 500;
/** The one user of the hot runs: a seeded user with more than a page of history. */
const HOT_USERNAME = 'almost-full-page';
/** Histories read from the emulator at a time, before any load. */
const HISTORY_READS_IN_FLIGHT = 8;
const SERVER_CORE = 0;
const LOAD_CORE = 1;
/**
 * Where a run writes its figures: a full run's are committed (the table of docs/performance.md comes
 * from them); a quick run's (CI's) go beside them to an ignored file, so a run changes nothing
 * committed unless it is a full one.
 */
const RESULTS_DIR = join('tools', 'bench', 'results');

/** The servers under test; the gateway runs twice, because its page cache is set at start-up. */
interface Servers {
  readonly emulator: BenchProcess;
  readonly baseline: BenchProcess;
  readonly gatewayCold: BenchProcess;
  readonly gatewayHot: BenchProcess;
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  // With --tracing: where the gateways export their spans.
  const traceSink = options.tracing ? await startTraceSink() : undefined;
  try {
    await runBench(options, traceSink);
  } finally {
    await traceSink?.close();
  }
}

async function runBench(options: BenchOptions, traceSink: TraceSink | undefined): Promise<void> {
  await withServers(LOAD_CORE, async (group) => {
    const emulatorPort = await findFreePort();
    const emulator = await group.start({
      name: 'emulator',
      script: 'packages/cognito-emulator/dist/main.js',
      port: emulatorPort,
      env: { EMULATOR_PORT: String(emulatorPort), EMULATOR_SYNTHETIC_USERS: String(SYNTHETIC_USERS), LOG_LEVEL: 'silent' },
      core: LOAD_CORE,
    });
    const admin = new EmulatorAdmin(emulator.origin);
    const authorization = await admin.adminAuthorization(USER_POOL_ID);
    const coldUsernames = Array.from({ length: SYNTHETIC_USERS }, (_, index) => syntheticUsername(index + 1));
    const crowdUsernames = coldUsernames.slice(0, CROWD_USERS);
    const crowdTokens = await crowdTokensOf(admin, crowdUsernames);
    const pages = await expectedPagesOf(admin, [HOT_USERNAME, ...coldUsernames]);
    // Shared by every run of their kind, so each run goes on where the last one stopped.
    const rotations = { cold: new UserRotation(coldUsernames), hot: new UserRotation([HOT_USERNAME]), crowd: new UserRotation(crowdUsernames) };
    const authorizations = {
      admin: () => authorization,
      crowd: (username: string) => crowdTokens.get(username) ?? authorization,
    };
    if (options.profile) {
      // The first condition --only names, else the crowd's uncached row at 0 ms and 10 connections.
      const condition =
        BENCH_CONDITIONS.find((candidate) => options.only !== undefined && matchesOnly(candidate, options.only)) ??
        (BENCH_CONDITIONS.find((candidate) => candidate.callers === 'crowd') as BenchCondition);
      const users = condition.callers === 'crowd' ? rotations.crowd : rotations[condition.pages];
      await profileGateway(group, emulator, condition, { pages, users, authorizationFor: authorizations[condition.callers], options, traceSink });
      return;
    }
    const servers = await startServers(group, emulator, options, traceSink);
    for (const server of [servers.baseline, servers.gatewayCold, servers.gatewayHot]) {
      await smokeTest(server, authorization, pages, [HOT_USERNAME, ...coldUsernames.slice(0, 3)]);
    }
    const rssAtRestMiB = {
      baseline: (rssBytesOf(servers.baseline.pid) ?? Number.NaN) / 2 ** 20,
      'gateway (cold)': (rssBytesOf(servers.gatewayCold.pid) ?? Number.NaN) / 2 ** 20,
      'gateway (hot)': (rssBytesOf(servers.gatewayHot.pid) ?? Number.NaN) / 2 ** 20,
    };

    const measurements: Measurement[] = [];
    let latencyMs: number | undefined;
    const conditions = options.only === undefined ? BENCH_CONDITIONS : BENCH_CONDITIONS.filter((condition) => matchesOnly(condition, options.only as string));
    if (conditions.length === 0) throw new RangeError(`--only ${options.only}: no condition matches; they read like "${describe(BENCH_CONDITIONS[0] as BenchCondition)}"`);
    for (const condition of conditions) {
      if (condition.latencyMs !== latencyMs) {
        latencyMs = condition.latencyMs;
        await admin.setLatency(latencyMs);
      }
      const gateway = condition.pages === 'cold' ? servers.gatewayCold : servers.gatewayHot;
      const users = condition.callers === 'crowd' ? rotations.crowd : rotations[condition.pages];
      const run = { admin, authorizationFor: authorizations[condition.callers], pages, users, options, emulator };
      const baseline = await measure({ ...run, server: servers.baseline, condition });
      const measured = await measure({ ...run, server: gateway, condition });
      measurements.push(
        { ...baseline, server: 'baseline', ratioToBaseline: ratiosOf(baseline.figures, baseline.figures) },
        { ...measured, server: 'gateway', ratioToBaseline: ratiosOf(measured.figures, baseline.figures) },
      );
      group.assertRunning(Object.values(servers));
      process.stderr.write(`measured ${describe(condition)}\n`);
    }
    await admin.setLatency(0);

    const machine: BenchMachine = {
      date: new Date().toISOString(),
      node: process.version,
      cpuModel: cpuModel(),
      // cpus(), not availableParallelism(): the latter counts only the cores this process is pinned to.
      cores: cpus().length,
      pinned: CAN_PIN,
      mode: options.quick ? 'quick' : 'full',
      warmupSeconds: options.warmupSeconds,
      secondsPerRun: options.seconds,
      coldUsers: { count: coldUsernames.length, first: coldUsernames[0] ?? '', last: coldUsernames[coldUsernames.length - 1] ?? '' },
      crowdUsers: crowdUsernames.length,
      rssAtRestMiB,
      hotUser: HOT_USERNAME,
      tracing: traceSink === undefined ? 'off' : `on (sampler ${tracingSamplerOf(process.env).OTEL_TRACES_SAMPLER} ${process.env.OTEL_TRACES_SAMPLER_ARG ?? ''}; ${traceSink.received.exports} OTLP exports, ${(traceSink.received.bytes / 2 ** 20).toFixed(1)} MiB)`,
    };
    const failures = measurements.reduce((sum, measurement) => sum + measurement.failures, 0);
    mkdirSync(RESULTS_DIR, { recursive: true });
    // Only a full run of every condition becomes the committed figures.
    const resultsFile = join(RESULTS_DIR, options.quick || options.only !== undefined ? 'quick.json' : 'latest.json');
    writeFileSync(resultsFile, `${JSON.stringify({ machine, failures, measurements }, null, 2)}\n`);
    process.stdout.write(`${markdownReport(machine, measurements)}\n\nWrote ${resultsFile}\n`);
    if (failures > 0) {
      process.stderr.write(`${failures} requests failed or were answered wrongly (see the rows marked FAILED)\n`);
      process.exitCode = 1;
    }
  });
}

/**
 * The first page of each user's history as the emulator holds it, read before any load. Reading
 * them all up front also has the emulator generate every synthetic history now: it does so on a
 * user's first access, which would otherwise land in measured runs, on the load side's core.
 *
 * @throws Error when a user does not exist or has no more than a page: every answer must have
 * the full BENCH_PAGE_SIZE edges and hasNextPage true, so all requests cost the same.
 */
async function expectedPagesOf(admin: EmulatorAdmin, usernames: readonly string[]): Promise<ExpectedPage[]> {
  const pages: ExpectedPage[] = [];
  const queue = [...usernames];
  const readNext = async (): Promise<void> => {
    for (let username = queue.shift(); username !== undefined; username = queue.shift()) {
      const history = await admin.eventsOf(USER_POOL_ID, username);
      if (history.length <= BENCH_PAGE_SIZE) {
        throw new Error(`${username} of ${USER_POOL_ID} has ${history.length} events; the bench needs more than ${BENCH_PAGE_SIZE}`);
      }
      pages.push(expectedFirstPage(username, history));
    }
  };
  await Promise.all(Array.from({ length: HISTORY_READS_IN_FLIGHT }, readNext));
  return pages;
}

/** Where `--profile` writes its `.cpuprofile` files (ignored by git, as every file of results/ but latest.json). */
const PROFILES_DIR = join(RESULTS_DIR, 'profiles');

/**
 * `--profile`: the gateway alone, under `node --cpu-prof`, loaded as `condition` (without its
 * upstream latency), then stopped (the profile is written as it exits) and summarized.
 */
async function profileGateway(
  group: ProcessGroup,
  emulator: BenchProcess,
  condition: BenchCondition,
  load: { pages: readonly ExpectedPage[]; users: UserRotation; authorizationFor: (username: string) => string; options: BenchOptions; traceSink: TraceSink | undefined },
): Promise<void> {
  rmSync(PROFILES_DIR, { recursive: true, force: true });
  mkdirSync(PROFILES_DIR, { recursive: true });
  const port = await findFreePort();
  const gateway = await group.start({
    name: `gateway (${describe(condition)}, profiled)`,
    script: load.options.gatewayScript,
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${PROFILES_DIR}`],
    port,
    env: { ...gatewayEnvOf(port, emulator, load.options, load.traceSink), ...(condition.pages === 'cold' ? { PAGE_CACHE_TTL_MS: '0' } : {}) },
    core: SERVER_CORE,
  });
  const checker = new ResponseChecker(load.pages);
  for (const seconds of [load.options.warmupSeconds, load.options.seconds]) {
    await runLoad({ origin: gateway.origin, authorizationFor: load.authorizationFor, users: load.users, connections: condition.connections, seconds, checker });
  }
  await group.stopAll();
  process.stdout.write(`${formatProfileSummary(summarizeNewestProfile(PROFILES_DIR))}\n`);
  if (checker.failed > 0) {
    process.stderr.write(`${checker.failed} answers were wrong:\n${checker.samples.join('\n')}\n`);
    process.exitCode = 1;
  }
}

/** The environment of a bench gateway on `port` in front of `emulator`, with the quota guards opened wide. */
function gatewayEnvOf(port: number, emulator: BenchProcess, options: BenchOptions, traceSink: TraceSink | undefined): Record<string, string> {
  const nodeOptions = options.gatewayNodeOptions;
  return benchGatewayEnv(port, emulator.origin, USER_POOL_ID, {
    ...(nodeOptions === undefined ? {} : { NODE_OPTIONS: nodeOptions }),
    ...(traceSink === undefined
      ? {}
      : {
          OTEL_TRACES_EXPORTER: 'otlp',
          OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
          OTEL_EXPORTER_OTLP_ENDPOINT: traceSink.endpoint,
          ...tracingSamplerOf(process.env),
        }),
    // The quota guards opened wide: the bench measures the gateway's own cost, not its brakes.
    // 10000 is the most the gateway's configuration accepts for the Cognito rates.
    COGNITO_READ_RPS: '10000',
    COGNITO_WRITE_RPS: '10000',
    COGNITO_MAX_CONCURRENCY: '1000',
    COGNITO_MAX_QUEUE: '100000',
    CALLER_READS_PER_SECOND: '100000',
    CALLER_READ_BURST: '100000',
  });
}

/** Starts the baseline and both gateways on the servers' core, in front of `emulator`. */
async function startServers(group: ProcessGroup, emulator: BenchProcess, options: BenchOptions, traceSink: TraceSink | undefined): Promise<Servers> {
  const { gatewayScript } = options;
  const baselinePort = await findFreePort();
  const baseline = await group.start({
    name: 'baseline',
    script: 'dist/tools/bench/baseline.server.js',
    port: baselinePort,
    env: { PORT: String(baselinePort), EMULATOR_ENDPOINT: emulator.origin, USER_POOL_ID },
    core: SERVER_CORE,
  });
  const gatewayEnv = (port: number): Record<string, string> => gatewayEnvOf(port, emulator, options, traceSink);
  const coldPort = await findFreePort();
  const gatewayCold = await group.start({
    name: 'gateway (cold: page cache off)',
    script: gatewayScript,
    port: coldPort,
    env: { ...gatewayEnv(coldPort), PAGE_CACHE_TTL_MS: '0' },
    core: SERVER_CORE,
  });
  const hotPort = await findFreePort();
  const gatewayHot = await group.start({
    name: 'gateway (hot: page cache at its default)',
    script: gatewayScript,
    port: hotPort,
    env: gatewayEnv(hotPort),
    core: SERVER_CORE,
  });
  return { emulator, baseline, gatewayCold, gatewayHot };
}

/** One request for each of a few users before any load, so a misconfigured server fails with its answer rather than a count. */
async function smokeTest(server: BenchProcess, authorization: string, pages: readonly ExpectedPage[], usernames: readonly string[]): Promise<void> {
  const checker = new ResponseChecker(pages);
  for (const username of usernames) {
    const response = await fetch(`${server.origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: benchRequestBody(username),
    });
    checker.check(username, response.status, await response.text());
  }
  if (checker.failed > 0) throw new Error(`${server.name} answers the bench query wrongly: ${checker.samples.join('\n')}`);
}

interface MeasureRequest {
  readonly admin: EmulatorAdmin;
  readonly authorizationFor: (username: string) => string;
  readonly pages: readonly ExpectedPage[];
  readonly users: UserRotation;
  readonly options: BenchOptions;
  readonly emulator: BenchProcess;
  readonly server: BenchProcess;
  readonly condition: BenchCondition;
}

/** Warms `server` up, then loads it and reads its costs; every response of both is checked. */
async function measure(request: MeasureRequest): Promise<Omit<Measurement, 'server' | 'ratioToBaseline'>> {
  const { admin, server, condition, options } = request;
  const load = (seconds: number, checker: ResponseChecker) =>
    runLoad({ origin: server.origin, authorizationFor: request.authorizationFor, users: request.users, connections: condition.connections, seconds, checker });
  const warmChecker = new ResponseChecker(request.pages);
  const warm = await load(options.warmupSeconds, warmChecker);
  await admin.clearCalls();

  const checker = new ResponseChecker(request.pages);
  const ticks = (): { server: number; loadSide: number } => ({
    server: requiredTicks(server),
    loadSide: requiredTicks(request.emulator) + (cpuTicksOf(process.pid) ?? 0),
  });
  const before = ticks();
  const result = await load(options.seconds, checker);
  const after = ticks();
  const calls = await admin.callCount();
  const rss = rssBytesOf(server.pid) ?? Number.NaN;

  const failures = warmChecker.failed + warm.transportErrors + checker.failed + result.transportErrors;
  for (const sample of [...warmChecker.samples, ...checker.samples]) process.stderr.write(`${server.name}, ${describe(condition)}: ${sample}\n`);
  if (warm.transportErrors + result.transportErrors > 0) {
    process.stderr.write(`${server.name}, ${describe(condition)}: ${warm.transportErrors + result.transportErrors} requests got no response\n`);
  }
  const perSecond = clockTicksPerSecond();
  const figures: Figures = {
    requestsPerSecond: result.requestsPerSecond,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    cpuMicrosPerRequest: (((after.server - before.server) / perSecond) * 1e6) / result.responses,
    rssMiB: rss / 2 ** 20,
    cognitoCallsPerRequest: calls / result.responses,
  };
  return {
    condition,
    responses: result.responses,
    seconds: result.seconds,
    failures,
    figures,
    loadCoreBusy: (after.loadSide - before.loadSide) / perSecond / result.seconds,
  };
}

function requiredTicks(server: BenchProcess): number {
  const ticks = cpuTicksOf(server.pid);
  if (ticks === undefined) throw new Error(`cannot read /proc/${server.pid}/stat of ${server.name}`);
  return ticks;
}

/** `--tracing`'s sampler: the bench's own `OTEL_TRACES_SAMPLER` (and `_ARG`) when set, else every request. */
function tracingSamplerOf(env: NodeJS.ProcessEnv): Record<string, string> {
  const sampler = env.OTEL_TRACES_SAMPLER ?? 'always_on';
  return env.OTEL_TRACES_SAMPLER_ARG === undefined ? { OTEL_TRACES_SAMPLER: sampler } : { OTEL_TRACES_SAMPLER: sampler, OTEL_TRACES_SAMPLER_ARG: env.OTEL_TRACES_SAMPLER_ARG };
}

/** Whether `--only TEXT` names `condition`: its description contains TEXT, or starts with it when TEXT starts with `^`. */
function matchesOnly(condition: BenchCondition, text: string): boolean {
  return text.startsWith('^') ? describe(condition).startsWith(text.slice(1)) : describe(condition).includes(text);
}

function describe(condition: BenchCondition): string {
  return `${condition.latencyMs} ms upstream, ${condition.connections} connections, ${condition.pages} pages, ${condition.callers}`;
}

/** Each crowd user's own access token (the demo pool's web app), valid for the whole run. */
async function crowdTokensOf(admin: EmulatorAdmin, usernames: readonly string[]): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  for (const username of usernames) {
    tokens.set(username, await admin.authorizationFor({ userPoolId: USER_POOL_ID, username, clientId: DEMO_WEB_CLIENT_ID, expiresInSeconds: '7200' }));
  }
  return tokens;
}

main().catch((error: unknown) => {
  process.stderr.write(`The bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
