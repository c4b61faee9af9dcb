import type { QueueClient } from '@azure/storage-queue';
import { z } from 'zod';
import { toQueueMessage } from './queueMessage';

/** What the `jobs` queue carries: only the id; the row holds everything else. */
export const jobMessageSchema = z.object({ jobId: z.string().regex(/^[0-9a-f]{32}$/) });
export type JobMessage = z.infer<typeof jobMessageSchema>;

const BACKLOG_CACHE_MS = 5000;

/** The `jobs` queue: enqueue a job to run (now or later) and read the backlog for backpressure. */
export class JobQueue {
  private backlogCache: { value: number; at: number } | undefined;

  constructor(private readonly queue: QueueClient) {}

  async enqueue(jobId: string, delaySeconds = 0): Promise<void> {
    const message: JobMessage = { jobId };
    await this.queue.sendMessage(toQueueMessage(message), {
      visibilityTimeout: Math.max(0, Math.round(delaySeconds)),
      messageTimeToLive: -1,
    });
  }

  /**
   * The approximate number of messages waiting. Cached for a few seconds per instance, so that
   * backpressure costs no storage call on most starts.
   */
  async backlog(now = Date.now()): Promise<number> {
    if (this.backlogCache && now - this.backlogCache.at < BACKLOG_CACHE_MS) return this.backlogCache.value;
    const properties = await this.queue.getProperties();
    this.backlogCache = { value: properties.approximateMessagesCount ?? 0, at: now };
    return this.backlogCache.value;
  }
}
