import { runAsyncAction } from '../engine/runAsyncAction';

/** One job of the `retryAfter` figures. */
export interface RetryAfterRow {
  /** How long the job ran: its completedAt − createdAt, s. */
  readonly jobSeconds: number;
  /** Status polls the engine made (after the start's 202). */
  readonly polls: number;
  /** From the job's completedAt to the engine holding its final answer, ms. */
  readonly detectionLagMs: number;
}

/**
 * Jobs of about 5, 20 and 60 s (bake with one checkpoint, and one progress report, per second) run
 * by the engine simulator at real time (Logic Apps' polling: wait Retry-After, GET the Location),
 * all at once. What the pace-based Retry-After gives: polls per job and how soon the end is seen.
 */
export async function measureRetryAfter(baseUrl: string, seconds: readonly number[] = [5, 20, 60]): Promise<RetryAfterRow[]> {
  return Promise.all(
    seconds.map(async (minutes) => {
      const action = await runAsyncAction(
        { method: 'POST', url: `${baseUrl}/api/jobs/bake`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ flavor: 'lemon', minutes, secondsPerMinute: 1 }) },
        { timeScale: 1, timeoutMs: 600_000 },
      );
      const seenAt = Date.now();
      if (action.code !== 200) throw new Error(`the ${minutes}-s job ended ${action.status} ${action.code}`);
      const body = action.body as { createdAt?: string; completedAt?: string };
      const completedAt = Date.parse(body.completedAt ?? '');
      return {
        jobSeconds: Math.round((completedAt - Date.parse(body.createdAt ?? '')) / 100) / 10,
        polls: action.polls.length,
        detectionLagMs: seenAt - completedAt,
      };
    }),
  );
}
