import { createHash } from 'node:crypto';
import type { JobKind } from './defineJob';
import { REPLAY_KIND, type ReplayInput } from './kinds/replayDeliveries';
import { startJob, type StartedJob } from './startJob';
import type { JobStores } from '../storage/JobStores';

/**
 * Starts the replay of every dead delivery of a range as a job of its own. The job's id is derived
 * from the request's canonical form (instants normalised, keys in one order), so sending the same
 * range again answers the same job and replays nothing twice.
 */
export async function startReplayJob(
  stores: JobStores,
  kinds: readonly JobKind[],
  input: ReplayInput,
  maxBacklog: number,
): Promise<{ readonly kind: JobKind; readonly started: StartedJob }> {
  const kind = kinds.find((k) => k.name === REPLAY_KIND);
  if (!kind) throw new Error('the replay job kind is not wired');
  const canonical = JSON.stringify({
    from: new Date(input.from).toISOString(),
    to: new Date(input.to).toISOString(),
    topic: input.topic,
    hookId: input.hookId,
    jobId: input.jobId,
  });
  const jobId = createHash('sha256').update(`replay\n${canonical}`).digest('hex').slice(0, 32);
  return { kind, started: await startJob(stores, { kind, inputJson: canonical, jobId, maxBacklog }) };
}
