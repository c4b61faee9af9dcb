import { isTerminal, type Job } from '../../model/Job';
import type { RunStop } from './JobStop';

/**
 * A run's decision after one of its writes lost a race, seeing the fresh row: someone ended the
 * job -> ended; another invocation advanced it -> superseded; a cancel was requested and the write
 * yields to it -> cancelled; anything else (a replay's token, say) -> undefined: apply again on top.
 */
export function decideAfterConflict(stale: Job, fresh: Job, runnerId: string, yieldsToCancel: boolean): RunStop | undefined {
  if (isTerminal(fresh.status)) return { reason: 'ended', job: fresh };
  if (fresh.runnerId !== runnerId && fresh.step > stale.step) return { reason: 'superseded' };
  if (yieldsToCancel && fresh.cancelRequested) return { reason: 'cancelled' };
  return undefined;
}
