import { app, type InvocationContext, type Timer } from '@azure/functions';
import { getConfig } from '../shared/config';
import { purgeJobs } from '../shared/jobs/purgeJobs';
import { getJobStores } from '../shared/storage/getStores';

/** Hourly retention: terminal jobs older than LONGRUN_RETENTION_DAYS go, with their blobs. */
export async function purgeJobsTimer(_timer: Timer, context: InvocationContext): Promise<void> {
  const purged = await purgeJobs(await getJobStores(), getConfig().LONGRUN_RETENTION_DAYS);
  context.info(`retention: purged ${purged} job(s)`);
}

app.timer('purgeJobs', { schedule: '0 17 * * * *', handler: purgeJobsTimer });
