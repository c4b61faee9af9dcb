// The benchmarks (`npm run bench -- [--quick] [--json]`): the real app on the stand-in host over an
// in-memory Azurite. Progress goes to stderr; stdout gets a summary, or with --json one JSON object
// on its last line. Figures are printed, never judged: the exit code is non-zero only on a real error.
import { cpus } from 'node:os';
import { startAzurite, type Azurite } from '../support/azurite';
import { measureStorageOps } from './measureStorageOps';
import { measureStartThroughput } from './measureStartThroughput';
import { measureStatusLatency } from './measureStatusLatency';
import { measureCallbackLatency } from './measureCallbackLatency';
import { measureEndToEnd } from './measureEndToEnd';
import { measureReconcile1M, type Reconcile1MFigures } from './measureReconcile1M';
import { measureAzureLike } from './measureAzureLike';
import { measureRetryAfter } from './measureRetryAfter';
import { measurePartitions } from './measurePartitions';
import { spawnBenchHost } from './zeroWorkJob';
import { toTargets, type BenchFigures } from './toTargets';
import { toSummary } from './toSummary';

const MAX_BODY_BYTES = 104_857_600; // LONGRUN_MAX_BODY_BYTES' default; the host runs with it

/** How big each measure is: --quick fits in about 5 minutes on 2 cores. */
const SIZES = {
  quick: { opsJobs: 10, loadMs: 5_000, warmupMs: 5_000, latencyMs: 3_000, callbacks: 20, e2ePerWorker: 2, e2eScaledPerWorker: 4, e2eIdle: 2, partitionEvents: 2_000 },
  full: { opsJobs: 40, loadMs: 20_000, warmupMs: 15_000, latencyMs: 10_000, callbacks: 100, e2ePerWorker: 8, e2eScaledPerWorker: 15, e2eIdle: 10, partitionEvents: 10_000 },
};

/** Records per side of the reconcile scaling runs (1M is reconcile1M). */
const RECONCILE_SIZES = [250_000, 500_000, 1_000_000];

/**
 * NOTE: Azurite's queue cleanup runs every 60 s and, in memory, rebuilds its LokiJS indices on every
 * removal (0.5 s for 1,000 deleted messages, 8.1 s for 3,000; docs/PERFORMANCE.md): a measure
 * sharing a long-lived Azurite could stall inside its window. Each measure gets a fresh Azurite.
 */
async function withAzurite<T>(run: (azurite: Azurite) => Promise<T>): Promise<T> {
  const azurite = await startAzurite();
  try {
    return await run(azurite);
  } finally {
    await azurite.stop();
  }
}

async function main(): Promise<number> {
  const quick = process.argv.includes('--quick');
  const json = process.argv.includes('--json');
  const size = quick ? SIZES.quick : SIZES.full;
  const figures: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  const began = Date.now();
  const measure = async (name: string, run: () => Promise<unknown>): Promise<void> => {
    process.stderr.write(`bench: ${name}...\n`);
    const t0 = Date.now();
    try {
      figures[name] = await run();
    } catch (error) {
      errors[name] = error instanceof Error ? error.message : String(error);
    }
    process.stderr.write(`bench: ${name} ${errors[name] ? `FAILED: ${errors[name]}` : 'done'} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
  };
  /** A measure on a fresh Azurite with a host of its own. */
  const onHost = <T>(run: (baseUrl: string, cs: string) => Promise<T>) => () =>
    withAzurite(async (azurite) => {
      const host = await spawnBenchHost(azurite.connectionString);
      try {
        return await run(host.baseUrl, azurite.connectionString);
      } finally {
        await host.stop();
      }
    });

  await measure('storageOpsPerJob', () => withAzurite((azurite) => measureStorageOps(azurite, size.opsJobs)));
  await measure('startThroughput', () => measureStartThroughput(withAzurite, { concurrency: 16, durationMs: size.loadMs, warmupMs: size.warmupMs }));
  await measure('azureLike', () => measureAzureLike(withAzurite, { delayMs: 5, concurrency: 16, loadMs: size.loadMs, latencyMs: size.latencyMs, warmupMs: size.warmupMs }));
  await measure('statusLatency', onHost((baseUrl, cs) => measureStatusLatency(baseUrl, cs, { concurrency: 1, durationMs: size.latencyMs, warmupMs: size.warmupMs })));
  await measure('callbackLatencyMs', onHost((baseUrl, cs) => measureCallbackLatency(baseUrl, cs, { jobs: size.callbacks, concurrency: 4 })));
  await measure('endToEndMs', onHost(async (baseUrl) => ({
    engine: await measureEndToEnd(baseUrl, { workers: 4, jobsPerWorker: size.e2ePerWorker, timeScale: 1 }),
    scaled: await measureEndToEnd(baseUrl, { workers: 4, jobsPerWorker: size.e2eScaledPerWorker, timeScale: 0.05 }),
    idle: await measureEndToEnd(baseUrl, { workers: 1, jobsPerWorker: size.e2eIdle, timeScale: 0.05, pauseMs: 3000 }),
  })));
  await measure('retryAfter', onHost((baseUrl) => measureRetryAfter(baseUrl)));
  await measure('partitions', () => withAzurite((azurite) => measurePartitions(azurite, { events: size.partitionEvents, concurrency: 32 })));
  await measure('reconcileScaling', async () => {
    const rows: Reconcile1MFigures[] = [];
    for (const perSide of RECONCILE_SIZES) {
      // A host of its own (its peak RSS is this reconcile's) on an Azurite of its own.
      rows.push(await withAzurite((azurite) => withHostOf(azurite.connectionString, perSide)));
    }
    figures.reconcile1M = rows.find((r) => r.recordsPerSide === 1_000_000);
    return rows.map((r) => ({ recordsPerSide: r.recordsPerSide, peakRssMb: r.peakRssMb, seconds: r.totalSeconds }));
  });

  const report = {
    date: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    machine: { cpus: cpus().length, node: process.version, storage: 'Azurite 3.35.0, in memory, a fresh one per measure', host: 'stand-in host (test/host)' },
    seconds: Math.round((Date.now() - began) / 100) / 10,
    ...figures,
    ...toHeadlines(figures),
    targets: toTargets(figures),
    ...(Object.keys(errors).length > 0 ? { errors } : {}),
  };
  process.stdout.write(json ? `${JSON.stringify(report)}\n` : `${toSummary(report)}\n`);
  return Object.keys(errors).length > 0 ? 1 : 0;
}

/** The reconcile of `perSide` records a side on a fresh host of its own against `cs`. */
async function withHostOf(cs: string, perSide: number): Promise<Reconcile1MFigures> {
  const host = await spawnBenchHost(cs);
  try {
    return await measureReconcile1M(host, cs, perSide, MAX_BODY_BYTES);
  } finally {
    await host.stop();
  }
}

/** The figures the issue names at the top level of the report. */
function toHeadlines(figures: BenchFigures): Record<string, number | null> {
  const start = figures.startThroughput;
  return {
    startVsMinimal: start?.startVsMinimal ?? null,
    functionAppVsMinimal: start?.functionAppVsMinimal ?? null,
    startVsFunctionApp: start?.startVsFunctionApp ?? null,
    hostCpuMsPerStart: start?.cpuMsPerStart.workerOff.host ?? null,
    azuriteCpuMsPerStart: start?.cpuMsPerStart.workerOff.azurite ?? null,
  };
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
