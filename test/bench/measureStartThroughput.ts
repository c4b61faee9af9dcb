import { randomBytes, createHash } from 'node:crypto';
import { Pool } from 'undici';
import { TableClient, type TableEntity } from '@azure/data-tables';
import { QueueClient } from '@azure/storage-queue';
import { runClosedLoop, type ClosedLoopResult } from './runClosedLoop';
import { toPercentiles, toRatio, type Percentiles } from './toPercentiles';
import { ZERO_WORK_BODY } from './zeroWorkJob';
import { QUEUES } from '../../shared/storage/names';

/** Resolves once a queue reports no message (or after 2 minutes: the floor then runs alongside). */
async function untilDrained(queue: QueueClient): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && ((await queue.getProperties()).approximateMessagesCount ?? 0) > 0) {
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** One side of the comparison. */
export interface ThroughputRun {
  readonly perSecond: number;
  readonly ok: number;
  readonly failed: number;
  readonly latencyMs: Percentiles;
  readonly firstError?: string;
}

/** The `startThroughput` figures. */
export interface StartThroughputFigures {
  readonly concurrency: number;
  readonly seconds: number;
  /** POST /api/jobs/bake answered 202 (the host's worker runs the jobs meanwhile, on the same cores). */
  readonly app: ThroughputRun;
  /** The storage floor: one table insert of a job-sized row plus one queue send, from this process. */
  readonly floor: ThroughputRun;
  readonly startVsFloor: number;
}

function toRun(result: ClosedLoopResult): ThroughputRun {
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

/**
 * Accepted starts per second at a fixed concurrency, against the storage floor measured in the
 * same run: the floor writes to its own table and queue, so the app's worker never consumes them.
 */
export async function measureStartThroughput(
  baseUrl: string,
  connectionString: string,
  options: { concurrency: number; durationMs: number },
): Promise<StartThroughputFigures> {
  const pool = new Pool(baseUrl, { connections: options.concurrency });
  const start = async (): Promise<boolean> => {
    const response = await pool.request({ method: 'POST', path: '/api/jobs/bake', headers: { 'content-type': 'application/json' }, body: ZERO_WORK_BODY });
    await response.body.arrayBuffer();
    return response.statusCode === 202;
  };
  const table = TableClient.fromConnectionString(connectionString, 'benchfloor', { allowInsecureConnection: true });
  const queue = new QueueClient(connectionString, 'benchfloor');
  await table.createTable();
  await queue.createIfNotExists();
  const floorStart = async (): Promise<boolean> => {
    const entity = toFloorEntity();
    await table.createEntity(entity);
    await queue.sendMessage(Buffer.from(JSON.stringify({ jobId: entity.partitionKey })).toString('base64'), { messageTimeToLive: -1 });
    return true;
  };
  try {
    const app = toRun(await runClosedLoop(start, options));
    // The host's worker is still running the accepted jobs: let it finish so it does not slow the floor.
    await untilDrained(new QueueClient(connectionString, QUEUES.jobs));
    const floor = toRun(await runClosedLoop(floorStart, options));
    return { concurrency: options.concurrency, seconds: options.durationMs / 1000, app, floor, startVsFloor: toRatio(app.perSecond, floor.perSecond) };
  } finally {
    await pool.close();
    await queue.delete();
    await table.deleteTable();
  }
}
