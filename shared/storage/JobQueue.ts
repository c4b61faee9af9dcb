import { z } from 'zod';
import { MessageQueue } from './MessageQueue';

/** What the `jobs` queue carries: only the id; the row holds everything else. */
export const jobMessageSchema = z.object({ jobId: z.string().regex(/^[0-9a-f]{32}$/) });
export type JobMessage = z.infer<typeof jobMessageSchema>;

const BACKLOG_CACHE_MS = 5000;

/** The `jobs` queue: enqueue a job to run (now or later) and read the backlog for backpressure. */
export class JobQueue extends MessageQueue<JobMessage> {
  private backlogCache: { value: number; at: number } | undefined;

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
