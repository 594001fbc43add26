import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One node of a V8 CPU profile (`node --cpu-prof`): a function, as called from its parent. */
interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly hitCount?: number;
}

/** A `.cpuprofile` file. */
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Self time of one group or function, as a share of the profile's busy time. */
export interface ProfileShare {
  readonly name: string;
  readonly share: number;
}

/** Where a profiled process spent its busy time: by package, and its busiest functions. */
export interface ProfileSummary {
  readonly file: string;
  /** Sampled time not idle, in seconds. */
  readonly busySeconds: number;
  readonly byPackage: readonly ProfileShare[];
  readonly topFunctions: readonly ProfileShare[];
}

/**
 * The package a frame belongs to: the npm package its file is in, `gateway` for the gateway's
 * own `dist/src/`, `node` for Node's internals, and V8's own entries (`(garbage collector)`,
 * `(program)`) as themselves.
 */
function packageOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules !== -1) {
    const [scope = '', name = ''] = url.slice(modules + '/node_modules/'.length).split('/');
    return scope.startsWith('@') ? `${scope}/${name}` : scope;
  }
  if (url.includes('/dist/src/')) return 'gateway';
  return url;
}

/**
 * Reads the newest `.cpuprofile` in `directory` and sums each node's self time (samples landing
 * in it), by package and by function, leaving `(idle)` out of the shares.
 */
export function summarizeNewestProfile(directory: string): ProfileSummary {
  const newest = readdirSync(directory)
    .filter((name) => name.endsWith('.cpuprofile'))
    .sort()
    .at(-1);
  if (newest === undefined) throw new Error(`no .cpuprofile in ${directory}`);
  const file = join(directory, newest);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map<number, number>();
  profile.samples.forEach((id, index) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const packages = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  for (const [id, micros] of selfMicros) {
    const node = byId.get(id);
    if (node === undefined || node.callFrame.functionName === '(idle)') continue;
    busy += micros;
    const pkg = packageOf(node.callFrame);
    packages.set(pkg, (packages.get(pkg) ?? 0) + micros);
    const where = node.callFrame.url === '' ? '' : ` ${node.callFrame.url.replace(/^.*\/(node_modules|dist)\//, '')}:${node.callFrame.lineNumber + 1}`;
    const fn = `${node.callFrame.functionName || '(anonymous)'}${where}`;
    functions.set(fn, (functions.get(fn) ?? 0) + micros);
  }
  const shares = (totals: Map<string, number>, count: number): ProfileShare[] =>
    [...totals.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, micros]) => ({ name, share: micros / busy }));
  return { file, busySeconds: busy / 1e6, byPackage: shares(packages, 20), topFunctions: shares(functions, 30) };
}

/** The summary as text: two lists of shares. */
export function formatProfileSummary(summary: ProfileSummary): string {
  const list = (shares: readonly ProfileShare[]) => shares.map(({ name, share }) => `  ${(share * 100).toFixed(1).padStart(5)} %  ${name}`);
  return [
    `profile ${summary.file}: ${summary.busySeconds.toFixed(1)} s busy`,
    'self time by package:',
    ...list(summary.byPackage),
    'busiest functions (self time):',
    ...list(summary.topFunctions),
  ].join('\n');
}
