import type { BenchFigures, TargetStanding } from './toTargets';
import type { EndToEndRun } from './measureEndToEnd';
import type { Percentiles } from './toPercentiles';

/** A run's report as the runner prints it. */
export interface BenchReport extends BenchFigures {
  readonly date: string;
  readonly mode: string;
  readonly seconds: number;
  readonly endToEndMs?: { readonly engine: EndToEndRun; readonly scaled: EndToEndRun; readonly idle: EndToEndRun };
  readonly targets: Record<string, TargetStanding>;
  readonly errors?: Record<string, string>;
}

const spread = (p: Percentiles | undefined): string => (p ? `p50 ${p.p50} / p99 ${p.p99} (n=${p.n})` : 'n/a');

/** The report as a few readable lines (what `npm run bench` prints without --json). */
export function toSummary(report: BenchReport): string {
  const ops = report.storageOpsPerJob;
  const start = report.startThroughput;
  const status = report.statusLatency;
  const e2e = report.endToEndMs;
  const rec = report.reconcile1M;
  const lines = [
    `Longrun bench (${report.mode}, ${report.date}, ${report.seconds} s)`,
    ops && `storage calls per zero-work job: polling ${ops.polling.perJob} (one at a time ${ops.pollingAlone.perJob}), webhook ${ops.webhook.perJob} (+${ops.webhookUnsubscribe.perJob} unsubscribe), status poll ${ops.statusPoll.perJob}`,
    ops && `  polling breakdown: ${JSON.stringify(ops.polling.byOperation)}`,
    start && `starts/s at ${start.concurrency} concurrent: app ${start.app.perSecond}, floor ${start.floor.perSecond}, ratio ${start.startVsFloor}`,
    status && `status GET ms ${spread(status.statusGet)}; point read ms ${spread(status.pointRead)}; ratio p50 ${status.ratio.p50}, p99 ${status.ratio.p99}`,
    report.callbackLatencyMs && `callback after completion ms ${spread(report.callbackLatencyMs)}`,
    e2e && `end to end ms (engine, real Retry-After) ${spread(e2e.engine.endToEndMs)}; pickup ms ${spread(e2e.engine.pickupMs)}`,
    e2e && `end to end ms (engine, waits x${e2e.scaled.timeScale}) ${spread(e2e.scaled.endToEndMs)}; pickup ms ${spread(e2e.scaled.pickupMs)}`,
    e2e && `end to end ms (one lone job after 3 s idle, waits x${e2e.idle.timeScale}) ${spread(e2e.idle.endToEndMs)}; pickup ms ${spread(e2e.idle.pickupMs)}`,
    rec && `reconcile ${rec.recordsPerSide} a side (${rec.requestBytes} bytes): ${rec.totalSeconds} s, host peak RSS ${rec.peakRssMb} MB`,
    'targets:',
    ...Object.entries(report.targets).map(([name, t]) => `  ${name} ${t.target}: ${t.value ?? 'not measured'}${t.met === undefined ? '' : t.met ? ' (met)' : ' (not met)'}`),
    ...Object.entries(report.errors ?? {}).map(([name, message]) => `ERROR in ${name}: ${message}`),
  ];
  return lines.filter((line): line is string => typeof line === 'string').join('\n');
}
