// The benchmarks (`npm run bench -- [--quick] [--json]`): the real app on the stand-in host over an
// in-memory Azurite. Progress goes to stderr; stdout gets a summary, or with --json one JSON object
// on its last line. Figures are printed, never judged: the exit code is non-zero only on a real error.
import { cpus } from 'node:os';
import { startAzurite } from '../support/azurite';
import { measureStorageOps } from './measureStorageOps';
import { measureStartThroughput } from './measureStartThroughput';
import { measureStatusLatency } from './measureStatusLatency';
import { measureCallbackLatency } from './measureCallbackLatency';
import { measureEndToEnd } from './measureEndToEnd';
import { measureReconcile1M } from './measureReconcile1M';
import { spawnBenchHost } from './zeroWorkJob';
import { toTargets } from './toTargets';
import { toSummary } from './toSummary';

const MAX_BODY_BYTES = 104_857_600; // LONGRUN_MAX_BODY_BYTES' default; the host runs with it

/** How big each measure is: --quick fits in under 2 minutes on 2 cores. */
const SIZES = {
  quick: { opsJobs: 10, loadMs: 5_000, latencyMs: 3_000, callbacks: 20, e2ePerWorker: 2, e2eScaledPerWorker: 4, e2eIdle: 2 },
  full: { opsJobs: 40, loadMs: 20_000, latencyMs: 10_000, callbacks: 100, e2ePerWorker: 8, e2eScaledPerWorker: 15, e2eIdle: 10 },
};

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

  const azurite = await startAzurite();
  try {
    await measure('storageOpsPerJob', () => measureStorageOps(azurite, size.opsJobs));
    const host = await spawnBenchHost(azurite.connectionString);
    try {
      const cs = azurite.connectionString;
      await measure('startThroughput', () => measureStartThroughput(host.baseUrl, cs, { concurrency: 16, durationMs: size.loadMs }));
      await measure('statusLatency', () => measureStatusLatency(host.baseUrl, cs, { concurrency: 1, durationMs: size.latencyMs }));
      await measure('callbackLatencyMs', () => measureCallbackLatency(host.baseUrl, cs, { jobs: size.callbacks, concurrency: 4 }));
      await measure('endToEndMs', async () => ({
        engine: await measureEndToEnd(host.baseUrl, { workers: 4, jobsPerWorker: size.e2ePerWorker, timeScale: 1 }),
        scaled: await measureEndToEnd(host.baseUrl, { workers: 4, jobsPerWorker: size.e2eScaledPerWorker, timeScale: 0.05 }),
        idle: await measureEndToEnd(host.baseUrl, { workers: 1, jobsPerWorker: size.e2eIdle, timeScale: 0.05, pauseMs: 3000 }),
      }));
    } finally {
      await host.stop();
    }
    // A host of its own, so its peak RSS is the reconcile's.
    const reconcileHost = await spawnBenchHost(azurite.connectionString);
    try {
      await measure('reconcile1M', () => measureReconcile1M(reconcileHost, azurite.connectionString, 1_000_000, MAX_BODY_BYTES));
    } finally {
      await reconcileHost.stop();
    }
  } finally {
    await azurite.stop();
  }

  const report = {
    date: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    machine: { cpus: cpus().length, node: process.version, storage: 'Azurite 3.35.0, in memory', host: 'stand-in host (test/host)' },
    seconds: Math.round((Date.now() - began) / 100) / 10,
    ...figures,
    targets: toTargets(figures),
    ...(Object.keys(errors).length > 0 ? { errors } : {}),
  };
  process.stdout.write(json ? `${JSON.stringify(report)}\n` : `${toSummary(report)}\n`);
  return Object.keys(errors).length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
