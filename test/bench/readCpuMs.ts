import { readFileSync } from 'node:fs';

/**
 * NOTE: /proc/<pid>/stat fields 14 and 15 (utime, stime) count clock ticks of USER_HZ, which is 100
 * on Linux (proc(5): "measured in clock ticks (divide by sysconf(_SC_CLK_TCK))"; x86-64 and arm64
 * kernels fix it at 100). The time a process has spent on a CPU, user plus system, in ms.
 */
const TICK_MS = 10;

/** CPU time (user + system) a Linux process has used so far, ms; undefined when it cannot be read. */
export function readCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its end.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return Number.isFinite(utime) && Number.isFinite(stime) ? (utime + stime) * TICK_MS : undefined;
  } catch {
    return undefined;
  }
}

/**
 * CPU ms each process used over a window, divided by what was done in it, to 0.01 ms: `window`
 * marks its edges (runClosedLoop's onWindow, so the warm-up is left out); `per` counts the work.
 */
export async function measureCpuPer<T>(
  pids: Record<string, number | undefined>,
  run: (window: (edge: 'open' | 'close') => void) => Promise<T>,
  per: (result: T) => number,
): Promise<{ result: T; cpuMsPer: Record<string, number | null> }> {
  const at: Record<'open' | 'close', Record<string, number | undefined>> = { open: {}, close: {} };
  const result = await run((edge) => {
    at[edge] = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, readCpuMs(pid)]));
  });
  const count = per(result);
  const cpuMsPer = Object.fromEntries(
    Object.keys(pids).map((name) => {
      const start = at.open[name];
      const end = at.close[name];
      return [name, start === undefined || end === undefined || count === 0 ? null : Math.round(((end - start) / count) * 100) / 100];
    }),
  );
  return { result, cpuMsPer };
}
