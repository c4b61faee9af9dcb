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
    ops && `storage calls per zero-work job: polling ${ops.polling.perJob} (one at a time ${ops.pollingAlone.perJob}), webhook ${ops.webhook.perJob} (+${ops.webhookUnsubscribe.perJob} unsubscribe), status poll ${ops.statusPoll.perJob}, a job list page of ${ops.jobListPage.items} ${ops.jobListPage.perJob}`,
    ops && `  polling breakdown: ${JSON.stringify(ops.polling.byOperation)}`,
    start && `starts/s at ${start.concurrency} concurrent: app ${start.app.perSecond}, worker off ${start.workerOff.perSecond}, minimal server ${start.minimal.perSecond}, minimal function app ${start.functionApp.perSecond}, floor ${start.floor.perSecond}; app/floor ${start.startVsFloor}, worker off/minimal ${start.startVsMinimal}, function app/minimal ${start.functionAppVsMinimal}, worker off/function app ${start.startVsFunctionApp}`,
    start && `  CPU ms per start: host ${start.cpuMsPerStart.workerOff.host}, Azurite ${start.cpuMsPerStart.workerOff.azurite}; minimal server ${start.cpuMsPerStart.minimal.host}, Azurite ${start.cpuMsPerStart.minimal.azurite}`,
    report.azureLike && `Azure-like (+${report.azureLike.delayMsPerCall} ms a storage call): starts/s ${report.azureLike.app.perSecond} vs floor ${report.azureLike.floor.perSecond} (${report.azureLike.startVsFloor}); status ratio p50 ${report.azureLike.statusRatioP50}`,
    status && `status GET ms ${spread(status.statusGet)}; point read ms ${spread(status.pointRead)}; ratio p50 ${status.ratio.p50}, p99 ${status.ratio.p99}`,
    report.callbackLatencyMs && `callback after completion ms ${spread(report.callbackLatencyMs)}`,
    e2e && `end to end ms (engine, real Retry-After) ${spread(e2e.engine.endToEndMs)}; pickup ms ${spread(e2e.engine.pickupMs)}`,
    e2e && `end to end ms (engine, waits x${e2e.scaled.timeScale}) ${spread(e2e.scaled.endToEndMs)}; pickup ms ${spread(e2e.scaled.pickupMs)}`,
    e2e && `end to end ms (one lone job after 3 s idle, waits x${e2e.idle.timeScale}) ${spread(e2e.idle.endToEndMs)}; pickup ms ${spread(e2e.idle.pickupMs)}`,
    rec && `reconcile ${rec.recordsPerSide} a side (${rec.requestBytes} bytes): ${rec.totalSeconds} s, host peak RSS ${rec.peakRssMb} MB`,
    report.reconcileScaling && `reconcile scaling: ${report.reconcileScaling.map((r) => `${r.recordsPerSide}/side ${r.peakRssMb} MB ${r.seconds} s`).join('; ')}`,
    report.retryAfter && `Retry-After from pace: ${report.retryAfter.map((r) => `${r.jobSeconds} s job: ${r.polls} polls, seen ${r.detectionLagMs} ms after its end`).join('; ')}`,
    report.partitions && `feed partitions: busiest takes ${report.partitions.busiestShare} of ${report.partitions.events} job.completed events over ${report.partitions.shards} shards`,
    'targets:',
    ...Object.entries(report.targets).map(([name, t]) => `  ${name} ${t.target}: ${t.value ?? 'not measured'}${t.met === undefined ? '' : t.met ? ' (met)' : ' (not met)'}`),
    ...Object.entries(report.errors ?? {}).map(([name, message]) => `ERROR in ${name}: ${message}`),
  ];
  return lines.filter((line): line is string => typeof line === 'string').join('\n');
}
