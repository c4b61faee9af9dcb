import { randomBytes } from 'node:crypto';
import { odata } from '@azure/data-tables';
import type { Azurite } from '../support/azurite';
import { useAppEnv } from '../support/appEnv';
import { getLongrun } from '../../shared/app/getLongrun';
import { publishJobCompleted } from '../../shared/jobs/publishJobCompleted';
import { jobCompleted } from '../../shared/events/topics/jobCompleted';
import { FEED_SHARDS, toFeedPartitions } from '../../shared/storage/feedShards';
import { TABLES } from '../../shared/storage/names';
import type { Job } from '../../shared/model/Job';

/** The `partitions` figures. */
export interface PartitionFigures {
  readonly events: number;
  readonly shards: number;
  /** Entities written (events and their idempotency markers) per partition of the topic, busiest first. */
  readonly entitiesByPartition: Record<string, number>;
  /** The busiest partition's share of them; the ideal is 1 / shards. */
  readonly busiestShare: number;
  readonly seconds: number;
}

function endedJob(): Job {
  const now = new Date().toISOString();
  return { id: randomBytes(16).toString('hex'), kind: 'bake', status: 'succeeded', tokenHashes: ['h'], createdAt: now, updatedAt: now, completedAt: now, progress: 100, input: { inline: '{}' }, step: 1, cancelRequested: false };
}

/**
 * A burst of `events` job.completed events, published by the app's own code (as the worker does,
 * with its per-job Idempotency-Key) from `concurrency` publishers at once, then the topic's
 * partitions counted from the table itself: the share of the feed's writes the busiest one took.
 */
export async function measurePartitions(azurite: Azurite, options: { events: number; concurrency: number }): Promise<PartitionFigures> {
  useAppEnv({ AzureWebJobsStorage: azurite.connectionString, LONGRUN_PUBLIC_BASE_URL: undefined });
  try {
    const longrun = await getLongrun();
    const started = Date.now();
    let next = 0;
    await Promise.all(Array.from({ length: options.concurrency }, async () => {
      while (next < options.events) {
        next++;
        await publishJobCompleted(longrun, endedJob());
      }
    }));
    const seconds = (Date.now() - started) / 1000;
    const table = longrun.storage.table(TABLES.events);
    const counts: Record<string, number> = {};
    for (const partition of toFeedPartitions(jobCompleted.name)) {
      counts[partition] = 0;
      for await (const _ of table.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${partition}`, select: ['RowKey'] } })) counts[partition]++;
    }
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const sorted = Object.fromEntries(Object.entries(counts).sort(([, a], [, b]) => b - a));
    return {
      events: options.events,
      shards: FEED_SHARDS,
      entitiesByPartition: sorted,
      busiestShare: total === 0 ? 0 : Math.round((Math.max(...Object.values(counts)) / total) * 1000) / 1000,
      seconds: Math.round(seconds * 10) / 10,
    };
  } finally {
    useAppEnv({ AzureWebJobsStorage: undefined });
  }
}
