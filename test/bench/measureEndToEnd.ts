import { runAsyncAction } from '../engine/runAsyncAction';
import { toPercentiles, type Percentiles } from './toPercentiles';
import { ZERO_WORK_BODY } from './zeroWorkJob';

/** End-to-end figures at one engine time scale. */
export interface EndToEndRun {
  readonly workers: number;
  readonly pauseMs: number;
  /** 1 = real Retry-After waits (Logic Apps); below 1, every wait is scaled down. */
  readonly timeScale: number;
  /** From the start request to the 200 of the last poll, as the engine sees it. */
  readonly endToEndMs: Percentiles;
  /** From the job's createdAt to its completedAt: the queue pickup plus the (empty) run. */
  readonly pickupMs: Percentiles;
  /** Status polls per job (the engine's, excluded from storageOpsPerJob). */
  readonly pollsPerJob: number;
}

/**
 * Zero-work jobs run by the engine simulator (POST, then GET the Location after each Retry-After
 * until 200), `workers` actions at a time, `jobsPerWorker` one after another, each after `pauseMs`
 * (a pause longer than maxPollingInterval lets the host's queue polling back off fully: a lone job).
 */
export async function measureEndToEnd(
  baseUrl: string,
  options: { workers: number; jobsPerWorker: number; timeScale: number; pauseMs?: number },
): Promise<EndToEndRun> {
  const total: number[] = [];
  const pickup: number[] = [];
  let polls = 0;
  await Promise.all(Array.from({ length: options.workers }, async () => {
    for (let i = 0; i < options.jobsPerWorker; i++) {
      if (options.pauseMs) await new Promise((r) => setTimeout(r, options.pauseMs));
      const started = Date.now();
      const action = await runAsyncAction(
        { method: 'POST', url: `${baseUrl}/api/jobs/bake`, headers: { 'content-type': 'application/json' }, body: ZERO_WORK_BODY },
        { timeScale: options.timeScale, timeoutMs: 120_000 },
      );
      if (action.code !== 200) throw new Error(`the action ended ${action.status} ${action.code}`);
      total.push(Date.now() - started);
      const body = action.body as { createdAt?: string; completedAt?: string };
      pickup.push(Date.parse(body.completedAt ?? '') - Date.parse(body.createdAt ?? ''));
      polls += action.polls.length;
    }
  }));
  return {
    workers: options.workers,
    pauseMs: options.pauseMs ?? 0,
    timeScale: options.timeScale,
    endToEndMs: toPercentiles(total),
    pickupMs: toPercentiles(pickup),
    pollsPerJob: Math.round((polls / total.length) * 100) / 100,
  };
}
