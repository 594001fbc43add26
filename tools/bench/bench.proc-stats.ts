import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** What Linux's /proc tells about a process and the machine; each reader returns undefined where /proc is absent. */

/** CPU time (user + system, all threads) a process has used, in clock ticks. */
export function cpuTicksOf(pid: number): number | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  // The command name (field 2) is in parentheses and may hold spaces, so count fields after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line, so 12 and 13 after the name.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) ? utime + stime : undefined;
}

/** Resident set size of a process, in bytes (VmRSS). */
export function rssBytesOf(pid: number): number | undefined {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readProc(`/proc/${pid}/status`) ?? '');
  return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
}

/** Clock ticks per second that /proc/<pid>/stat counts in (`getconf CLK_TCK`, nearly always 100). */
export function clockTicksPerSecond(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    if (Number.isInteger(ticks) && ticks > 0) return ticks;
  } catch {
    // No getconf: Linux has used 100 on every mainstream architecture for decades.
  }
  return 100;
}

/** The CPU's model name from /proc/cpuinfo. */
export function cpuModel(): string {
  const match = /^model name\s*:\s*(.+)$/m.exec(readProc('/proc/cpuinfo') ?? '');
  return match?.[1]?.trim() ?? 'unknown';
}

function readProc(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
