import type { Job } from './Job';

/** Something that must happen once a job is terminal (an event, a callback). */
export type JobEndedStep = (job: Job, log: { info(message: string): void }) => Promise<void>;

const steps: JobEndedStep[] = [];

/** Registers a step that runs after every job ends (the event feed and callbacks plug in here). */
export function onJobEnded(step: JobEndedStep): void {
  steps.push(step);
}

/**
 * Runs every registered step for a job that just ended. A step that throws makes the worker's
 * invocation throw, so the host retries the message; steps must therefore be idempotent.
 */
export async function afterJobEnded(job: Job, log: { info(message: string): void }): Promise<void> {
  for (const step of steps) await step(job, log);
}
