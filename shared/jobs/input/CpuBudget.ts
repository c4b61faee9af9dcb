const micros = (usage: NodeJS.CpuUsage): number => usage.user + usage.system;

/**
 * CPU time one piece of work may take, counted only while it runs (between start() and stop()),
 * from the process's CPU clock: time the machine gives other processes does not count, so a
 * loaded machine does not refuse what an idle one accepts.
 */
export class CpuBudget {
  private spentMicros = 0;
  private since: NodeJS.CpuUsage | undefined;

  constructor(readonly limitMs: number) {}

  start(): void {
    this.since = process.cpuUsage();
  }

  stop(): void {
    if (this.since) this.spentMicros += micros(process.cpuUsage(this.since));
    this.since = undefined;
  }

  /** True once the work has used more than the limit. */
  get exceeded(): boolean {
    const running = this.since ? micros(process.cpuUsage(this.since)) : 0;
    return (this.spentMicros + running) / 1000 > this.limitMs;
  }
}
