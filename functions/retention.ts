import { toErrorMessage } from '../shared/model/errors';
import { app, type InvocationContext, type Timer } from '@azure/functions';
import { getLongrun, getLongrunConfig } from '../shared/app/getLongrun';
import { topics } from '../shared/events/catalog';
import { purgeEvents } from '../shared/events/purgeEvents';
import { requeueOverdueDeliveries } from '../shared/delivery/requeueOverdueDeliveries';
import { purgeJobs } from '../shared/jobs/purgeJobs';
import { requeueStrandedJobs } from '../shared/jobs/requeueStrandedJobs';

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
    ['purged job(s)', () => purgeJobs(longrun.jobStores, days)],
    ['purged event(s)', () => purgeEvents(longrun.events, topics, days)],
    ['purged deliveries', () => longrun.deliveries.store.purgeEndedBefore(cutoff)],
    ['purged delivery log rows', () => longrun.deliveryLog.purgeBefore(Date.parse(cutoff))],
    ['requeued stranded job(s)', () => requeueStrandedJobs(longrun.jobStores)],
    ['requeued overdue deliveries', () => requeueOverdueDeliveries(longrun.deliveries)],
  ];
  const failures: unknown[] = [];
  const done: string[] = [];
  for (const [what, step] of steps) {
    try {
      done.push(`${await step()} ${what}`);
    } catch (error) {
      failures.push(error);
      context.error(`retention: "${what}" failed: ${toErrorMessage(error)}`);
    }
  }
  context.info(`retention: ${done.join(', ')}`);
  if (failures.length > 0) throw failures[0];
}

app.timer('retention', { schedule: '0 17 * * * *', handler: retentionTimer });
