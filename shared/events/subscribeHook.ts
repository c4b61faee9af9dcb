import { randomBytes } from 'node:crypto';
import type { Hook } from '../model/Hook';
import type { WorkflowIdentity } from '../model/WorkflowIdentity';
import { byAge } from './groupHooksByUrl';
import type { HookDeps } from './HookCounts';
import { toUrlKey } from './toUrlKey';
import { newWebhookSecret } from '../delivery/signWebhook';
import { newCapabilityToken, toTokenHash } from '../model/capabilityToken';
import type { HookStore, StoredHook } from '../storage/HookStore';
import { isConflict, isNotFound } from '../storage/storageErrors';

/** At most this many subscriptions per callback URL: a subscribe beyond it retires the oldest. */
export const MAX_SUBSCRIPTIONS_PER_URL = 8;

/** A new subscription and the token of its DELETE URL (returned once, stored hashed). */
export interface SubscribedHook {
  readonly hook: Hook;
  readonly token: string;
}

/**
 * The webhook trigger's subscribe: every call creates its own subscription (id, DELETE token,
 * signing secret), because the platform subscribes again when the workflow is saved and deletes the
 * previous subscription's Location in an order it does not document (connectors-native-webhook;
 * create-triggers-custom-connectors): a shared subscription would be lost. Deliveries stay one per callback URL.
 * A subscribe also renews the URL: its other subscriptions are re-activated and their failing
 * streak cleared (health belongs to the URL, and a subscribe shows the receiver is back), and the
 * oldest beyond MAX_SUBSCRIPTIONS_PER_URL are removed (their Location then answers 404).
 */
export async function subscribeHook(
  { hooks: store, hookCounts }: HookDeps,
  topic: string,
  callbackUrl: string,
  workflow: WorkflowIdentity = {},
): Promise<SubscribedHook> {
  const token = newCapabilityToken();
  const at = new Date().toISOString();
  const hook: Hook = {
    id: randomBytes(16).toString('hex'),
    topic,
    url: callbackUrl,
    urlKey: toUrlKey(topic, callbackUrl),
    secret: newWebhookSecret(),
    tokenHashes: [toTokenHash(token)],
    status: 'active',
    createdAt: at,
    updatedAt: at,
    workflow,
  };
  await store.insert(hook);
  hookCounts.forget(topic);
  const others = (await store.listByUrl(topic, hook.urlKey)).filter((s) => s.hook.id !== hook.id).sort(byAge);
  const retired = others.slice(0, Math.max(0, others.length - (MAX_SUBSCRIPTIONS_PER_URL - 1)));
  for (const { hook: old } of retired) await store.delete(topic, old.id);
  for (const stored of others.slice(retired.length)) await renew(store, stored, at);
  return { hook, token };
}

/** Re-activates a subscription and clears its failing streak; a lost race (changed or gone meanwhile) is left as it is. */
async function renew(store: HookStore, { hook, etag }: StoredHook, at: string): Promise<void> {
  if (hook.status === 'active' && !hook.failingSince) return;
  const { failingSince: _f, disabledAt: _a, disabledReason: _r, ...rest } = hook;
  try {
    await store.replace({ ...rest, status: 'active', updatedAt: at }, etag);
  } catch (error) {
    if (!isConflict(error) && !isNotFound(error)) throw error;
  }
}
