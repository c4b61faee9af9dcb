import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { TableClient } from '@azure/data-tables';
import { TABLES } from '../../shared/storage/names';
import { runClosedLoop } from './runClosedLoop';
import { toPercentiles, toRatio, type Percentiles } from './toPercentiles';
import { startZeroWorkJob, waitForTerminal } from './zeroWorkJob';
import { JobTable } from '../support/JobTable';

/** The `statusLatency` figures. */
export interface StatusLatencyFigures {
  readonly concurrency: number;
  /** GET on the status URL of a succeeded zero-work job (200 + envelope). */
  readonly statusGet: Percentiles;
  /** The same row read straight from storage (one point read). */
  readonly pointRead: Percentiles;
  /** statusGet / pointRead, at p50 and at p99. */
  readonly ratio: { readonly p50: number; readonly p99: number };
}

/**
 * Latency of the status GET against a raw point read of the same row, one request at a time per
 * worker (a light load, so the figures are latency, not queueing). The two are paired: each step
 * makes one of each, in turns first, so a change of the machine's pace during the window weighs
 * on both alike (measured one window after the other, the ratio moved with whichever window the
 * machine slowed in). The window lasts `durationMs` per kind, after the warm-up (`warmupMs`).
 */
export async function measureStatusLatency(
  baseUrl: string,
  connectionString: string,
  options: { concurrency: number; durationMs: number; warmupMs?: number },
): Promise<StatusLatencyFigures> {
  const job = await startZeroWorkJob(baseUrl);
  await waitForTerminal(new JobTable(connectionString), [job.id]);
  const url = new URL(job.statusUrl);
  const pool = new Pool(url.origin, { connections: options.concurrency });
  const table = TableClient.fromConnectionString(connectionString, TABLES.jobs, { allowInsecureConnection: true });
  const get = async (): Promise<boolean> => {
    const response = await pool.request({ method: 'GET', path: `${url.pathname}${url.search}` });
    await response.body.arrayBuffer();
    return response.statusCode === 200;
  };
  const read = async (): Promise<boolean> => {
    const row = await table.getEntity(job.id, 'job');
    return row.partitionKey === job.id;
  };
  const gets: number[] = [];
  const reads: number[] = [];
  let inWindow = false;
  const timed = async (operation: () => Promise<boolean>, into: number[]): Promise<boolean> => {
    const t0 = performance.now();
    const ok = await operation();
    if (ok && inWindow) into.push(performance.now() - t0);
    return ok;
  };
  let step = 0;
  const pair = async (): Promise<boolean> => {
    const getFirst = step++ % 2 === 0;
    const first = getFirst ? await timed(get, gets) : await timed(read, reads);
    const second = getFirst ? await timed(read, reads) : await timed(get, gets);
    return first && second;
  };
  try {
    await runClosedLoop(pair, {
      ...options,
      durationMs: options.durationMs * 2,
      warmupPerWorker: 20,
      onWindow: (edge) => {
        inWindow = edge === 'open';
      },
    });
    const statusGet = toPercentiles(gets);
    const pointRead = toPercentiles(reads);
    return {
      concurrency: options.concurrency,
      statusGet,
      pointRead,
      ratio: { p50: toRatio(statusGet.p50, pointRead.p50), p99: toRatio(statusGet.p99, pointRead.p99) },
    };
  } finally {
    await pool.close();
  }
}
