import { z } from 'zod';
import { MessageQueue } from './MessageQueue';
import { toQueueMessage, traceContextShape } from './queueMessage';
import type { JobSnapshot } from './JobStore';
import { BacklogGauge, type Admission } from './BacklogGauge';

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

/** The `jobs` queue: enqueue a job to run (now or later) and admit starts under the backlog limit. */
export class JobQueue extends MessageQueue<JobMessage> {
  readonly #gauge = new BacklogGauge(async () => (await this.queue.getProperties()).approximateMessagesCount ?? 0);

  /**
   * Enqueues a new job with its snapshot when the message fits, else with its id alone; `admission`
   * (the start's, from admit) counts the message in the backlog once it is sent.
   */
  async enqueueNew(jobId: string, snapshot: JobSnapshot, admission?: Admission): Promise<void> {
    const withSnapshot: JobMessage = { jobId, snapshot: { etag: snapshot.etag, entity: { ...snapshot.entity } } };
    await this.enqueue(toQueueMessage(withSnapshot).length <= MAX_MESSAGE_CHARS ? withSnapshot : { jobId });
    admission?.sent();
  }

  /**
   * Admits a new start while the backlog (the messages waiting or running) is at most `limit`,
   * counting it until it settles; undefined when over (BacklogGauge: a storage call every 5 s far
   * from the limit, one per start near it).
   */
  admit(limit: number): Promise<Admission | undefined> {
    return this.#gauge.admit(limit);
  }

  /** When the oldest visible message was inserted, or undefined when none waits (one peek). */
  async oldestWaitingSince(): Promise<Date | undefined> {
    const peeked = await this.queue.peekMessages({ numberOfMessages: 1 });
    return peeked.peekedMessageItems[0]?.insertedOn;
  }

  /** The backlog as this instance estimates it (the last count, plus its starts since). */
  backlog(): number {
    return this.#gauge.estimate();
  }
}
