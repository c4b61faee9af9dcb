import { toEnvelope, type Job } from '../model/Job';
import type { Event } from '../model/Event';
import { publishEvent, type PublishDeps } from '../events/publishEvent';
import { jobFailed } from '../events/topics/jobFailed';

/**
 * Publishes the built-in `job.failed` event for a job that ended failed (its envelope without the
 * result), once per job: a retried worker message finds the first event. Undefined for a job that
 * did not fail. Only failures pay this write; a job that succeeds costs nothing more.
 */
export async function publishJobFailed(deps: PublishDeps, job: Job): Promise<Event | undefined> {
  if (job.status !== 'failed') return undefined;
  const data = jobFailed.schema.parse(toEnvelope(job));
  return (await publishEvent(deps, jobFailed, data, { idempotencyKey: `job.failed:${job.id}`, firstStands: true })).event;
}
