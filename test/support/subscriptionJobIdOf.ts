import { TableClient } from '@azure/data-tables';
import { IdempotencyStore } from '../../shared/storage/IdempotencyStore';
import { TABLES } from '../../shared/storage/names';
import { toSubscriptionScope } from '../../shared/jobs/subscribeWebhookJob';
import { toCallbackUrlHash } from '../../shared/jobs/toSubscriptionJobId';

/**
 * The id of the webhook-action job a callback URL subscribed, read from storage as the app finds it:
 * the URL's claim in the `idempotency` table (the id itself is time-ordered, not derived from the URL).
 */
export async function subscriptionJobIdOf(connectionString: string, kind: string, callbackUrl: string): Promise<string> {
  const table = TableClient.fromConnectionString(connectionString, TABLES.idempotency, { allowInsecureConnection: true });
  const claim = await table.getEntity<{ id: string }>(IdempotencyStore.keyOf(toSubscriptionScope(kind), toCallbackUrlHash(callbackUrl)), '');
  return claim.id;
}
