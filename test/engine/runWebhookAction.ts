import { randomBytes } from 'node:crypto';
import type { CallbackReceiver, ReceivedCall } from './CallbackReceiver';
import { sendWithRetries, type EngineOptions } from './sendWithRetries';

/** The HTTP Webhook action's definition, as a workflow would hold it. */
export interface WebhookAction {
  readonly subscribeUrl: string;
  readonly unsubscribeUrl: string;
  readonly input: unknown;
  /** Where the engine's callback arrives (a receiver playing listCallbackUrl()). */
  readonly receiver: CallbackReceiver;
  /** Put the callback URL in the unsubscribe body (older examples) or rely on headers (current docs). */
  readonly unsubscribeWith: 'body' | 'headers';
  readonly timeoutMs?: number;
}

export interface WebhookActionResult {
  readonly subscribeStatus: number;
  readonly callback?: ReceivedCall;
  readonly unsubscribeStatus: number;
  readonly callbackUrl: string;
}

/**
 * What Logic Apps does for an HTTP Webhook action: subscribe with `@{listCallbackUrl()}` and the
 * workflow headers, wait for the callback, then unsubscribe (it does so after success too).
 * `cancelAfterMs` plays a run cancelled while waiting: unsubscribe is sent then, not after a callback.
 */
export async function runWebhookAction(action: WebhookAction, options: EngineOptions & { cancelAfterMs?: number } = {}): Promise<WebhookActionResult> {
  const callbackUrl = action.receiver.newCallbackUrl();
  const headers = {
    'content-type': 'application/json',
    'x-ms-workflow-run-id': `0858${randomBytes(10).toString('hex')}`,
    'x-ms-workflow-operation-name': 'Wait_for_the_job',
    'x-ms-client-tracking-id': `0858${randomBytes(10).toString('hex')}`,
  };
  const subscribe = await sendWithRetries(
    { method: 'POST', url: action.subscribeUrl, headers, body: JSON.stringify({ callbackUrl, input: action.input }) },
    options,
  );
  await subscribe.arrayBuffer();
  let callback: ReceivedCall | undefined;
  if (subscribe.ok && options.cancelAfterMs === undefined) {
    const deadline = Date.now() + (action.timeoutMs ?? 60_000);
    while (!callback && Date.now() < deadline) {
      callback = action.receiver.callsTo(callbackUrl).find((c) => c.headers['content-type']?.startsWith('application/json'));
      if (!callback) await new Promise((r) => setTimeout(r, 50));
    }
  } else if (options.cancelAfterMs !== undefined) {
    await new Promise((r) => setTimeout(r, options.cancelAfterMs));
  }
  const unsubscribe = await sendWithRetries(
    {
      method: 'POST',
      url: action.unsubscribeUrl,
      headers: action.unsubscribeWith === 'body' ? headers : { 'x-ms-workflow-run-id': headers['x-ms-workflow-run-id'], 'x-ms-workflow-operation-name': headers['x-ms-workflow-operation-name'] },
      ...(action.unsubscribeWith === 'body' ? { body: JSON.stringify({ callbackUrl }) } : {}),
    },
    options,
  );
  await unsubscribe.arrayBuffer();
  return { subscribeStatus: subscribe.status, ...(callback ? { callback } : {}), unsubscribeStatus: unsubscribe.status, callbackUrl };
}
