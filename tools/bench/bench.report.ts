import type { BenchCondition } from './bench.conditions';

/** Which server a measurement is of. */
export type BenchServer = 'baseline' | 'gateway';

/** The figures of one server under one condition. */
export interface Figures {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Server CPU time (user + system, all threads) per response, in microseconds. */
  readonly cpuMicrosPerRequest: number;
  /** Server resident memory after the run, in MiB. */
  readonly rssMiB: number;
  /** Cognito API calls the emulator received per response. */
  readonly cognitoCallsPerRequest: number;
}

/** One server measured under one condition. */
export interface Measurement {
  readonly condition: BenchCondition;
  readonly server: BenchServer;
  readonly responses: number;
  readonly seconds: number;
  /** Wrong responses plus requests that got none; any makes the run fail. */
  readonly failures: number;
  readonly figures: Figures;
  /** Each figure divided by the baseline's under the same condition (1 for the baseline itself). */
  readonly ratioToBaseline: Figures;
  /**
   * Share of the load side's core (bench process + emulator) that was busy. Near 100 %, the
   * load side, not the server, may be what limits throughput.
   */
  readonly loadCoreBusy: number;
}

/** Where and how the figures were taken. */
export interface BenchMachine {
  readonly date: string;
  readonly node: string;
  readonly cpuModel: string;
  readonly cores: number;
  readonly pinned: boolean;
  readonly mode: 'full' | 'quick';
  readonly warmupSeconds: number;
  readonly secondsPerRun: number;
  /** The users cold runs ask about in turn: how many, the first and the last. */
  readonly coldUsers: { readonly count: number; readonly first: string; readonly last: string };
  /** The one user hot runs ask about. */
  readonly hotUser: string;
  /** Users of the crowd rows, each with their own token. */
  readonly crowdUsers: number;
  /** Each server's RSS once started and answering (a few requests), before any load, in MiB. */
  readonly rssAtRestMiB: Readonly<Record<string, number>>;
  /** `off`, or what `--tracing` exported. */
  readonly tracing: string;
}

/** Each figure of `figures` over the same figure of `baseline`. */
export function ratiosOf(figures: Figures, baseline: Figures): Figures {
  const over = (key: keyof Figures): number => figures[key] / baseline[key];
  return {
    requestsPerSecond: over('requestsPerSecond'),
    p50Ms: over('p50Ms'),
    p99Ms: over('p99Ms'),
    cpuMicrosPerRequest: over('cpuMicrosPerRequest'),
    rssMiB: over('rssMiB'),
    cognitoCallsPerRequest: over('cognitoCallsPerRequest'),
  };
}

/** The results as a Markdown table, with the machine line above it; the gateway's cells carry their ratio to the baseline. */
export function markdownReport(machine: BenchMachine, measurements: readonly Measurement[]): string {
  const header = [
    'latency', 'conns', 'pages', 'callers', 'server', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', 'RSS MiB', 'Cognito calls/req', 'load core busy',
  ];
  const rows = measurements.map(({ condition, server, figures, ratioToBaseline, loadCoreBusy, failures }) => {
    const cell = (key: keyof Figures, digits: number): string => {
      const value = figures[key].toFixed(digits);
      return server === 'baseline' ? value : `${value} (${ratioToBaseline[key].toFixed(2)}×)`;
    };
    return [
      `${condition.latencyMs} ms`,
      String(condition.connections),
      condition.pages,
      condition.callers,
      failures > 0 ? `${server} (${failures} FAILED)` : server,
      cell('requestsPerSecond', 0),
      cell('p50Ms', 2),
      cell('p99Ms', 2),
      cell('cpuMicrosPerRequest', 0),
      cell('rssMiB', 0),
      cell('cognitoCallsPerRequest', 2),
      `${Math.round(loadCoreBusy * 100)} %`,
    ];
  });
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [
    `${machine.date} · Node.js ${machine.node} · ${machine.cpuModel} · ${machine.cores} cores${machine.pinned ? ', servers pinned to core 0, load and emulator to core 1' : ', not pinned'} · ${machine.mode} run: ${machine.warmupSeconds} s warm-up + ${machine.secondsPerRun} s per row`,
    `tracing: ${machine.tracing}`,
    `RSS at rest (started, a few requests answered): ${Object.entries(machine.rssAtRestMiB).map(([name, mib]) => `${name} ${mib.toFixed(0)} MiB`).join(', ')}`,
    `cold: ${machine.coldUsers.count} users in turn (${machine.coldUsers.first} … ${machine.coldUsers.last}) · hot: ${machine.hotUser} every time · crowd: the first ${machine.crowdUsers} of the cold users, each with their own token`,
    '',
    line(header),
    line(header.map(() => '---')),
    ...rows.map(line),
  ].join('\n');
}
