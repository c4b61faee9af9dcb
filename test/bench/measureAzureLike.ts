import { startStorageProxy } from '../support/storageProxy';
import { toRatio } from './toPercentiles';
import { runFloor, runStarts, toRun, type FreshAzurite, type ThroughputRun } from './measureStartThroughput';
import { measureStatusLatency, type StatusLatencyFigures } from './measureStatusLatency';
import { spawnBenchHost } from './zeroWorkJob';

/** The `azureLike` figures: the start and status comparisons with a fixed delay on every storage call. */
export interface AzureLikeFigures {
  /** Added to every storage call, ms (each way of the comparison pays it per call). */
  readonly delayMsPerCall: number;
  readonly concurrency: number;
  /** Starts with the worker disabled, through the delaying proxy. */
  readonly app: ThroughputRun;
  /** Insert + send from the bench process, through the same proxy. */
  readonly floor: ThroughputRun;
  readonly startVsFloor: number;
  readonly status: StatusLatencyFigures;
  readonly statusRatioP50: number;
}

/**
 * Azure Storage answers in milliseconds where Azurite answers in well under one: the same start
 * and status comparisons with every storage call held `delayMs` in the existing storage proxy
 * (test/support/storageProxy.ts), so the app's fixed CPU per request weighs as it would against
 * real latency. The host runs through the proxy; the floor and the raw read go through it too.
 * Each part has a fresh Azurite (`fresh`): the status GET needs a host with its worker, which must
 * not find the start window's jobs queued ahead of its own.
 */
export async function measureAzureLike(
  fresh: FreshAzurite,
  options: { delayMs: number; concurrency: number; loadMs: number; latencyMs: number; warmupMs: number },
): Promise<AzureLikeFigures> {
  const load = { concurrency: options.concurrency, durationMs: options.loadMs, warmupMs: options.warmupMs };
  const app = await throughProxy(fresh, options.delayMs, async (connectionString) => {
    const workerless = await spawnBenchHost(connectionString, { 'AzureWebJobs.jobsWorker.Disabled': 'true' });
    try {
      return toRun(await runStarts(workerless.baseUrl, load));
    } finally {
      await workerless.stop();
    }
  });
  const floor = await throughProxy(fresh, options.delayMs, async (connectionString) => toRun(await runFloor(connectionString, load)));
  // The status GET needs a job that ended: a host with its worker.
  const status = await throughProxy(fresh, options.delayMs, async (connectionString) => {
    const host = await spawnBenchHost(connectionString);
    try {
      return await measureStatusLatency(host.baseUrl, connectionString, { concurrency: 1, durationMs: options.latencyMs, warmupMs: options.warmupMs });
    } finally {
      await host.stop();
    }
  });
  return {
    delayMsPerCall: options.delayMs,
    concurrency: options.concurrency,
    app,
    floor,
    startVsFloor: toRatio(app.perSecond, floor.perSecond),
    status,
    statusRatioP50: status.ratio.p50,
  };
}

/** Runs `use` against a fresh Azurite behind a proxy that holds every call `delayMs`. */
function throughProxy<T>(fresh: FreshAzurite, delayMs: number, use: (connectionString: string) => Promise<T>): Promise<T> {
  return fresh(async (azurite) => {
    const proxy = await startStorageProxy(azurite, () => undefined, undefined, { delayMs });
    try {
      return await use(proxy.connectionString);
    } finally {
      await proxy.stop();
    }
  });
}
