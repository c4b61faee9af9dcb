import type { ResolvedTarget } from '../delivery/runDelivery';
import type { PayloadStore } from '../storage/PayloadStore';
import type { Job } from '../model/Job';
import { toEnvelopeJson } from './toEnvelopeBody';

/**
 * The webhook action's callback for a job: the envelope (a failed job is `status: failed` with
 * `error`: Logic Apps cannot fail the action from the callback), `webhook-id` stable over retries.
 * A job that is gone or was unsubscribed ends the delivery.
 */
export async function toCallbackRequest(job: Job | undefined, payloads: PayloadStore, deliveryId: string): Promise<ResolvedTarget> {
  if (!job?.callback) return { kind: 'end', status: 'gone' };
  if (job.unsubscribed) return { kind: 'end', status: 'cancelled' };
  return {
    kind: 'send',
    request: {
      url: job.callback.url,
      body: await toEnvelopeJson(job, payloads),
      headers: {
        'content-type': 'application/json',
        'webhook-id': deliveryId,
        'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
      },
    },
  };
}
