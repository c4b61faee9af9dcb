import { z } from 'zod';
import { MessageQueue } from './MessageQueue';
import { toQueueMessage, traceContextShape } from './queueMessage';
import type { JobSnapshot } from './JobStore';

/**
 * What the `jobs` queue carries: the id, and for a new job the row as inserted (JobSnapshot) when
 * it fits, so the first run needs no read.
 */
export const jobMessageSchema = z.object({
  jobId: z.string().regex(/^[0-9a-f]{32}$/),
  snapshot: z.object({ etag: z.string(), entity: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])) }).optional(),
  ...traceContextShape,
});
export type JobMessage = z.infer<typeof jobMessageSchema>;

/** How long a message's snapshot is trusted after the message was inserted. */
const SNAPSHOT_FRESH_MS = 5000;

/**
 * True when a message was inserted (the host's `insertionTime`, a Date or an ISO string) less than
 * 5 s ago: its job's snapshot is still current (a cancel meanwhile is unlikely, and caught by the ETag).
 */
export function isSnapshotFresh(insertionTime: unknown, now = Date.now()): boolean {
  const at = insertionTime instanceof Date ? insertionTime.getTime() : typeof insertionTime === 'string' ? Date.parse(insertionTime) : NaN;
  return Number.isFinite(at) && now - at < SNAPSHOT_FRESH_MS;
}

/** NOTE: a queue message holds at most 64 KiB; a snapshot that would not fit is left out (the margin covers the trace context). */
const MAX_MESSAGE_CHARS = 60_000;

const BACKLOG_CACHE_MS = 5000;

/** The `jobs` queue: enqueue a job to run (now or later) and read the backlog for backpressure. */
export class JobQueue extends MessageQueue<JobMessage> {
  private backlogCache: { value: number; at: number } | undefined;

  /** Enqueues a new job with its snapshot when the message fits, else with its id alone. */
  async enqueueNew(jobId: string, snapshot: JobSnapshot): Promise<void> {
    const withSnapshot: JobMessage = { jobId, snapshot: { etag: snapshot.etag, entity: { ...snapshot.entity } } };
    await this.enqueue(toQueueMessage(withSnapshot).length <= MAX_MESSAGE_CHARS ? withSnapshot : { jobId });
  }

  /** When the oldest visible message was inserted, or undefined when none waits (one peek). */
  async oldestWaitingSince(): Promise<Date | undefined> {
    const peeked = await this.queue.peekMessages({ numberOfMessages: 1 });
    return peeked.peekedMessageItems[0]?.insertedOn;
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
