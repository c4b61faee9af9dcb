import { randomBytes, createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { Pool } from 'undici';
import { TableClient, type TableEntity } from '@azure/data-tables';
import { QueueClient } from '@azure/storage-queue';
import type { Azurite } from '../support/azurite';
import { spawnHost } from '../support/spawnHost';
import { runClosedLoop, type ClosedLoopOptions, type ClosedLoopResult } from './runClosedLoop';
import { toPercentiles, toRatio, type Percentiles } from './toPercentiles';
import { spawnBenchHost, ZERO_WORK_BODY } from './zeroWorkJob';
import { measureCpuPer } from './readCpuMs';

/** One side of the comparison. */
export interface ThroughputRun {
  readonly perSecond: number;
  readonly ok: number;
  readonly failed: number;
  readonly latencyMs: Percentiles;
  readonly firstError?: string;
}

/** CPU time per accepted start, ms, of each process involved (null: /proc not readable). */
export interface CpuPerStart {
  readonly host: number | null;
  readonly azurite: number | null;
}

/** Runs a measure on an Azurite of its own, stopped afterwards (the bench's `withAzurite`). */
export type FreshAzurite = <T>(use: (azurite: Azurite) => Promise<T>) => Promise<T>;

/** The `startThroughput` figures. */
export interface StartThroughputFigures {
  readonly concurrency: number;
  readonly seconds: number;
  /** Seconds of the same load before each window, not counted. */
  readonly warmupSeconds: number;
  /** POST /api/jobs/bake answered 202, the host's worker running the accepted jobs meanwhile, on the same cores. */
  readonly app: ThroughputRun;
  /** The same with the worker disabled (AzureWebJobs.jobsWorker.Disabled=true): the start path alone. */
  readonly workerOff: ThroughputRun;
  /** A plain node:http server making the same two storage calls with the same SDKs (minimalStartServer.ts). */
  readonly minimal: ThroughputRun;
  /** The smallest Functions app making the same calls, on the same stand-in host (fixtures/minimalFunctionApp). */
  readonly functionApp: ThroughputRun;
  /** The storage floor: one table insert of a job-sized row plus one queue send, from the bench process. */
  readonly floor: ThroughputRun;
  readonly startVsFloor: number;
  readonly workerOffVsFloor: number;
  /** workerOff / minimal: what the host, @azure/functions and the app cost against a bare server. */
  readonly startVsMinimal: number;
  /** functionApp / minimal: what the stand-in host and @azure/functions alone cost against a bare server. */
  readonly functionAppVsMinimal: number;
  /** workerOff / functionApp: what Longrun's own code costs on the same stack. */
  readonly startVsFunctionApp: number;
  /** CPU ms per start during each window: the serving process and Azurite. */
  readonly cpuMsPerStart: { readonly workerOff: CpuPerStart; readonly minimal: CpuPerStart; readonly functionApp: CpuPerStart };
}

export function toRun(result: ClosedLoopResult): ThroughputRun {
  return {
    perSecond: result.perSecond,
    ok: result.ok,
    failed: result.failed,
    latencyMs: toPercentiles(result.latenciesMs),
    ...(result.firstError !== undefined ? { firstError: result.firstError } : {}),
  };
}

/** A row the size and shape of a queued zero-work job's (same columns, same value lengths). */
function toFloorEntity(): TableEntity<Record<string, string | number | boolean>> {
  const id = randomBytes(16).toString('hex');
  const now = new Date().toISOString();
  return {
    partitionKey: id,
    rowKey: 'job',
    kind: 'bake',
    status: 'queued',
    tokenHashes: createHash('sha256').update(id).digest('base64url'),
    createdAt: now,
    updatedAt: now,
    inputInline: JSON.stringify({ flavor: 'vanilla', minutes: 0, secondsPerMinute: 60 }),
    step: 0,
    cancelRequested: false,
    requestHash: createHash('sha256').update(now).digest('hex'),
  };
}

/** POST /api/jobs/bake (zero work) from `concurrency` workers; 202 is success. */
export async function runStarts(baseUrl: string, options: ClosedLoopOptions): Promise<ClosedLoopResult> {
  const pool = new Pool(baseUrl, { connections: options.concurrency });
  try {
    return await runClosedLoop(async () => {
      const response = await pool.request({ method: 'POST', path: '/api/jobs/bake', headers: { 'content-type': 'application/json' }, body: ZERO_WORK_BODY });
      await response.body.arrayBuffer();
      return response.statusCode === 202;
    }, options);
  } finally {
    await pool.close();
  }
}

/** The floor: insert + send from this process, into a table and queue of its own (no worker consumes them). */
export async function runFloor(connectionString: string, options: ClosedLoopOptions): Promise<ClosedLoopResult> {
  const table = TableClient.fromConnectionString(connectionString, 'benchfloor', { allowInsecureConnection: true });
  const queue = new QueueClient(connectionString, 'benchfloor');
  await table.createTable();
  await queue.createIfNotExists();
  return runClosedLoop(async () => {
    const entity = toFloorEntity();
    await table.createEntity(entity);
    await queue.sendMessage(Buffer.from(JSON.stringify({ jobId: entity.partitionKey })).toString('base64'), { messageTimeToLive: -1 });
    return true;
  }, options);
}

/** Spawns the minimal server (minimalStartServer.js) against `connectionString`. */
async function spawnMinimalServer(connectionString: string): Promise<{ baseUrl: string; pid: number | undefined; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [join(__dirname, 'minimalStartServer.js')], { env: { ...process.env, AzureWebJobsStorage: connectionString }, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const port = await new Promise<number>((ready, failed) => {
    const timer = setTimeout(() => failed(new Error('the minimal server did not start within 20 s')), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /listening on (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        ready(Number(match[1]));
      }
    });
    child.once('exit', (code) => failed(new Error(`the minimal server exited (${code})`)));
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A process serving starts: its URL, its pid for /proc, and how to stop it. */
interface StartServer {
  readonly baseUrl: string;
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

/** Starts per second against `server` (spawned on `azurite`), with the CPU per start of it and of Azurite. */
async function measureServer(azurite: Azurite, server: StartServer, options: ClosedLoopOptions): Promise<{ run: ThroughputRun; cpu: CpuPerStart }> {
  try {
    const measured = await measureCpuPer({ host: server.pid, azurite: azurite.pid }, (onWindow) => runStarts(server.baseUrl, { ...options, onWindow }), (r) => r.ok);
    return { run: toRun(measured.result), cpu: { host: measured.cpuMsPer.host ?? null, azurite: measured.cpuMsPer.azurite ?? null } };
  } finally {
    await server.stop();
  }
}

const hostServer = async (spawned: Promise<{ baseUrl: string; process: { pid?: number | undefined }; stop(): Promise<void> }>): Promise<StartServer> => {
  const host = await spawned;
  return { baseUrl: host.baseUrl, pid: host.process.pid, stop: () => host.stop() };
};

/**
 * Accepted starts per second at a fixed concurrency, five ways, each on a fresh Azurite of its own
 * (`fresh`): a table that earlier ways filled must not slow a later one. The app as deployed (its
 * worker running the jobs it accepts), the app with its worker disabled through the real setting,
 * a minimal node:http server making the same storage calls, the smallest Functions app making
 * them on the same stand-in host, and the storage floor from the bench process. CPU time per start
 * (from /proc) of the serving process and of Azurite during the worker-off, minimal and
 * function-app windows. Every way warms up the same (`warmupMs`) before its window.
 */
export async function measureStartThroughput(fresh: FreshAzurite, options: ClosedLoopOptions): Promise<StartThroughputFigures> {
  const app = await fresh(async (azurite) => {
    const withWorker = await spawnBenchHost(azurite.connectionString);
    try {
      return toRun(await runStarts(withWorker.baseUrl, options));
    } finally {
      await withWorker.stop();
    }
  });
  // NOTE: "How to disable functions in Azure Functions": AzureWebJobs.<name>.Disabled=true makes the
  // host ignore that function's trigger; the stand-in host honours it (test/host/isFunctionDisabled).
  const workerOff = await fresh(async (azurite) => measureServer(azurite, await hostServer(spawnBenchHost(azurite.connectionString, { 'AzureWebJobs.jobsWorker.Disabled': 'true' })), options));
  const minimal = await fresh(async (azurite) => measureServer(azurite, await spawnMinimalServer(azurite.connectionString), options));
  const functionApp = await fresh(async (azurite) =>
    measureServer(azurite, await hostServer(spawnHost({ appRoot: join(__dirname, '..', '..', '..', 'test', 'bench', 'fixtures', 'minimalFunctionApp'), env: { AzureWebJobsStorage: azurite.connectionString } })), options),
  );
  const floor = await fresh(async (azurite) => toRun(await runFloor(azurite.connectionString, options)));
  return {
    concurrency: options.concurrency,
    seconds: options.durationMs / 1000,
    warmupSeconds: (options.warmupMs ?? 0) / 1000,
    app,
    workerOff: workerOff.run,
    minimal: minimal.run,
    functionApp: functionApp.run,
    floor,
    startVsFloor: toRatio(app.perSecond, floor.perSecond),
    workerOffVsFloor: toRatio(workerOff.run.perSecond, floor.perSecond),
    startVsMinimal: toRatio(workerOff.run.perSecond, minimal.run.perSecond),
    functionAppVsMinimal: toRatio(functionApp.run.perSecond, minimal.run.perSecond),
    startVsFunctionApp: toRatio(workerOff.run.perSecond, functionApp.run.perSecond),
    cpuMsPerStart: { workerOff: workerOff.cpu, minimal: minimal.cpu, functionApp: functionApp.cpu },
  };
}
