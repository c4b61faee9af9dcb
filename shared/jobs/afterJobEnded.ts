import type { Job } from './Job';

/** What a step may log. */
export interface StepLog {
  info(message: string): void;
  warn(message: string): void;
}

/**
 * What must happen once a job is terminal, in order. A step that throws makes the worker's
 * invocation throw, so the host retries the message; every step is therefore idempotent.
 */
export async function afterJobEnded(job: Job, log: StepLog): Promise<void> {
  // Steps are added here as the event feed (job.completed) and the webhook callbacks land.
  await Promise.resolve(job && log);
}
