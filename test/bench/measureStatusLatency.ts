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
 * Latency of the status GET against a raw point read of the same row, in the same run, one
 * request at a time per worker (a light load, so the figures are latency, not queueing). Each
 * loop warms up the same (`warmupMs`) before its window.
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
  try {
    const statusGet = toPercentiles((await runClosedLoop(get, { ...options, warmupPerWorker: 20 })).latenciesMs);
    const pointRead = toPercentiles((await runClosedLoop(read, { ...options, warmupPerWorker: 20 })).latenciesMs);
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
