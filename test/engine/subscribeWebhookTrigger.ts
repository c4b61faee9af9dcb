import { sendWithRetries, type EngineOptions } from './sendWithRetries';

/** A webhook trigger the engine subscribed: the Location it will DELETE, and what subscribe answered. */
export interface WebhookTriggerSubscription {
  readonly status: number;
  readonly location: string | null;
  readonly body: any;
  /** What the engine does when the trigger or flow is removed: DELETE the Location (no credentials). */
  unsubscribe(): Promise<number>;
}

/**
 * What the platform does for a custom connector's webhook trigger: POST the subscribe operation
 * with its callback URL in the `x-ms-notification-url` field; keep the 201's Location; DELETE it
 * when the trigger goes. Saving the workflow again repeats the subscribe.
 */
export async function subscribeWebhookTrigger(
  subscribeUrl: string,
  callbackUrl: string,
  options: EngineOptions & { headers?: Record<string, string> } = {},
): Promise<WebhookTriggerSubscription> {
  const response = await sendWithRetries(
    { method: 'POST', url: subscribeUrl, headers: { 'content-type': 'application/json', ...options.headers }, body: JSON.stringify({ callbackUrl }) },
    options,
  );
  const text = await response.text();
  const location = response.headers.get('location');
  return {
    status: response.status,
    location,
    body: text ? JSON.parse(text) : undefined,
    async unsubscribe() {
      if (!location) throw new Error('subscribe answered no Location: the platform could never remove this hook');
      const answer = await sendWithRetries({ method: 'DELETE', url: location }, options);
      await answer.arrayBuffer();
      return answer.status;
    },
  };
}
