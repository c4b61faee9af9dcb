import { toErrorMessage } from '../shared/model/errors';
import { app, type InvocationContext, type Timer } from '@azure/functions';
import { getLongrun, getLongrunConfig } from '../shared/app/getLongrun';
import { topics } from '../shared/events/catalog';
import { purgeEvents } from '../shared/events/purgeEvents';
import { requeueOverdueDeliveries } from '../shared/delivery/requeueOverdueDeliveries';
import { purgeJobs } from '../shared/jobs/purgeJobs';
import { requeueStrandedJobs } from '../shared/jobs/requeueStrandedJobs';
import { logEvent } from '../shared/telemetry/logEvent';

/**
 * Hourly: retention (terminal jobs with their blobs, events, ended deliveries older than
 * LONGRUN_RETENTION_DAYS) and repair (jobs queued for an hour and deliveries overdue for an hour
 * are queued again). Each step runs even when another fails; the invocation then fails, visibly.
 */
export async function retentionTimer(_timer: Timer, context: InvocationContext): Promise<void> {
  const days = getLongrunConfig().LONGRUN_RETENTION_DAYS;
  const cutoff = new Date(Date.now() - days * 86_400_000).toISOString();
  const longrun = await getLongrun();
  const steps: [string, () => Promise<number>][] = [
    ['purgedJobs', () => purgeJobs(longrun.jobStores, days)],
    ['purgedEvents', () => purgeEvents(longrun.events, topics, days)],
    ['purgedDeliveries', () => longrun.deliveries.store.purgeEndedBefore(cutoff)],
    ['purgedDeliveryLog', () => longrun.deliveryLog.purgeBefore(Date.parse(cutoff))],
    ['requeuedJobs', () => requeueStrandedJobs(longrun.jobStores)],
    ['requeuedDeliveries', () => requeueOverdueDeliveries(longrun.deliveries)],
  ];
  const failures: unknown[] = [];
  const counts: Record<string, number> = {};
  for (const [what, step] of steps) {
    try {
      counts[what] = await step();
    } catch (error) {
      failures.push(error);
      logEvent('error', 'retention.failed', { step: what, error: toErrorMessage(error) }, context);
    }
  }
  logEvent('info', 'retention.ran', counts, context);
  if (failures.length > 0) throw failures[0];
}

app.timer('retention', { schedule: '0 17 * * * *', handler: retentionTimer });
