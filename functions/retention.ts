import { app, type InvocationContext, type Timer } from '@azure/functions';
import { getConfig } from '../shared/config';
import { topics } from '../shared/events/catalog';
import { getEventStore } from '../shared/events/getEventStore';
import { purgeEvents } from '../shared/events/purgeEvents';
import { getDeliveryDeps } from '../shared/delivery/getDeliveryDeps';
import { purgeJobs } from '../shared/jobs/purgeJobs';
import { requeueStrandedJobs } from '../shared/jobs/requeueStrandedJobs';
import { getJobStores } from '../shared/storage/getStores';

/**
 * Hourly: retention (terminal jobs with their blobs, events, ended deliveries older than
 * LONGRUN_RETENTION_DAYS) and repair (jobs queued for an hour are enqueued again).
 */
export async function retentionTimer(_timer: Timer, context: InvocationContext): Promise<void> {
  const days = getConfig().LONGRUN_RETENTION_DAYS;
  const stores = await getJobStores();
  const cutoff = new Date(Date.now() - days * 86_400_000).toISOString();
  const jobs = await purgeJobs(stores, days);
  const events = await purgeEvents(await getEventStore(), topics, days);
  const deliveries = await (await getDeliveryDeps()).store.purgeEndedBefore(cutoff);
  const requeued = await requeueStrandedJobs(stores);
  context.info(`retention: purged ${jobs} job(s), ${events} event(s), ${deliveries} deliveries; requeued ${requeued} stranded job(s)`);
}

app.timer('retention', { schedule: '0 17 * * * *', handler: retentionTimer });
