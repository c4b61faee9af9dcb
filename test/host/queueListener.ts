import type { DequeuedMessageItem, QueueClient } from '@azure/storage-queue';
import type { FunctionRegistration } from './functionsCore';
import type { QueueSettings } from './hostSettings';
import { toErrorMessage, writeLogLine } from './hostLog';
import type { InFlightWork } from './inFlightWork';
import { invokeFunction } from './invokeFunction';
import { MIN_POLL_DELAY_MS, nextPollDelay } from './pollBackoff';
import { toQueueInvocationInput } from './queueMessage';

/** What one queue-triggered function needs to be driven from its queue. */
export interface QueueListenerOptions {
  readonly registration: FunctionRegistration;
  readonly triggerName: string;
  readonly queue: QueueClient;
  /** `<queue>-poison`, created on first use. */
  readonly poisonQueue: QueueClient;
  readonly settings: QueueSettings;
  /** In-flight visibility of a received message, renewed at half-life while its handler runs. */
  readonly leaseSeconds: number;
  readonly inFlight: InFlightWork;
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'statusCode' in error && error.statusCode === 404;
}

/** Polls one queue and invokes its function per message, the way the host's queue listener does. */
export class QueueListener {
  readonly #options: QueueListenerOptions;
  #active = 0;
  #stopped = false;
  #wake: (() => void) | undefined;
  #loop: Promise<void> | undefined;
  #poisonReady: Promise<unknown> | undefined;

  constructor(options: QueueListenerOptions) {
    this.#options = options;
  }

  get #name(): string {
    return this.#options.registration.metadata.name;
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  /** Stops polling; handlers already running finish on their own (see InFlightWork). */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    await this.#loop;
  }

  async #run(): Promise<void> {
    const { batchSize, newBatchThreshold, maxPollingIntervalMs } = this.#options.settings;
    let delay = MIN_POLL_DELAY_MS;
    while (!this.#stopped) {
      if (this.#active <= newBatchThreshold && this.#active < batchSize) {
        const messages = await this.#receive(Math.min(batchSize - this.#active, 32));
        for (const message of messages) {
          this.#active += 1;
          void this.#options.inFlight.run(() => this.#process(message)).finally(() => {
            this.#active -= 1;
          });
        }
        delay = nextPollDelay(delay, messages.length > 0, maxPollingIntervalMs);
      } else {
        delay = MIN_POLL_DELAY_MS;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  async #receive(count: number): Promise<DequeuedMessageItem[]> {
    try {
      const response = await this.#options.queue.receiveMessages({ numberOfMessages: count, visibilityTimeout: this.#options.leaseSeconds });
      return response.receivedMessageItems;
    } catch (error) {
      // NOTE: the host treats a queue that does not exist (yet) as empty.
      if (!isNotFound(error)) writeLogLine(this.#name, 'error', `Polling queue "${this.#options.queue.name}" failed: ${toErrorMessage(error)}`);
      return [];
    }
  }

  /** Never rejects: a failure to settle a message is logged, and the message reappears later. */
  async #process(message: DequeuedMessageItem): Promise<void> {
    try {
      await this.#handle(message);
    } catch (error) {
      writeLogLine(this.#name, 'error', `Settling message ${message.messageId} failed: ${toErrorMessage(error)}`);
    }
  }

  async #handle(message: DequeuedMessageItem): Promise<void> {
    const { queue, settings, leaseSeconds } = this.#options;
    let popReceipt = message.popReceipt;
    // NOTE: the host checks before invoking too: a message already past maxDequeueCount goes straight to poison.
    if (message.dequeueCount > settings.maxDequeueCount) return this.#poison(message, popReceipt);

    let renewal: Promise<void> = Promise.resolve();
    const renewTimer = setInterval(() => {
      renewal = renewal
        .then(async () => {
          popReceipt = (await queue.updateMessage(message.messageId, popReceipt, undefined, leaseSeconds)).popReceipt ?? popReceipt;
        })
        .catch((error: unknown) => writeLogLine(this.#name, 'warning', `Renewing message ${message.messageId} failed: ${toErrorMessage(error)}`));
    }, (leaseSeconds * 1000) / 2);

    let succeeded = false;
    try {
      const input = toQueueInvocationInput(this.#options.triggerName, message, popReceipt, settings.messageEncoding);
      await invokeFunction(this.#options.registration, input);
      succeeded = true;
    } catch (error) {
      writeLogLine(this.#name, 'error', `Executed with an error (message ${message.messageId}, dequeueCount ${message.dequeueCount}): ${toErrorMessage(error)}`);
    } finally {
      clearInterval(renewTimer);
      await renewal;
    }
    if (succeeded) await queue.deleteMessage(message.messageId, popReceipt);
    else if (message.dequeueCount >= settings.maxDequeueCount) await this.#poison(message, popReceipt);
    else await queue.updateMessage(message.messageId, popReceipt, undefined, Math.round(settings.visibilityTimeoutMs / 1000));
  }

  async #poison(message: DequeuedMessageItem, popReceipt: string): Promise<void> {
    const { queue, poisonQueue, settings } = this.#options;
    writeLogLine(this.#name, 'warning', `Message ${message.messageId} has reached MaxDequeueCount of ${settings.maxDequeueCount}. Moving message to queue '${poisonQueue.name}'.`);
    this.#poisonReady ??= poisonQueue.createIfNotExists().catch((error: unknown) => {
      this.#poisonReady = undefined;
      throw error;
    });
    await this.#poisonReady;
    await poisonQueue.sendMessage(message.messageText);
    await queue.deleteMessage(message.messageId, popReceipt);
  }
}
