import type { QueueClient } from '@azure/storage-queue';
import { toQueueMessage, withTraceContext } from './queueMessage';

/** NOTE: a queue message can be hidden for at most 7 days (Queue service limit). */
const MAX_VISIBILITY_SECONDS = 7 * 86_400 - 1;

/**
 * A queue of JSON messages in the encoding the Functions host expects (base64), each optionally
 * hidden for a delay: retries are timed by visibility, never by sleeping. Messages never expire.
 */
export class MessageQueue<Message> {
  constructor(protected readonly queue: QueueClient) {}

  /** Sends the message, carrying the active trace context (queueMessage.ts). */
  async enqueue(message: Message, delaySeconds = 0): Promise<void> {
    await this.queue.sendMessage(toQueueMessage(withTraceContext(message as Message & object)), {
      visibilityTimeout: Math.min(Math.max(0, Math.round(delaySeconds)), MAX_VISIBILITY_SECONDS),
      messageTimeToLive: -1,
    });
  }
}
