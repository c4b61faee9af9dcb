import { createHash } from 'node:crypto';
import type { Hook } from './Hook';
import { forgetHookCount } from './hookCount';
import { newWebhookSecret } from '../delivery/signWebhook';
import { newCapabilityToken, toTokenHash } from '../http/capabilityToken';
import type { HookStore } from '../storage/HookStore';
import { isConflict } from '../storage/storageErrors';

/** At most this many live DELETE tokens per hook: each subscribe adds one, the oldest retire. */
const MAX_TOKENS = 8;

/** A subscribed hook, a fresh token for its DELETE URL, and whether it was created now. */
export interface SubscribedHook {
  readonly hook: Hook;
  readonly token: string;
  readonly created: boolean;
}

/** The hook id of (topic, callback URL): subscribing again finds the same hook with one insert. */
export function toHookId(topic: string, callbackUrl: string): string {
  return createHash('sha256').update(`hook\n${topic}\n${callbackUrl}`).digest('hex').slice(0, 32);
}

/**
 * The webhook trigger's subscribe: idempotent on (topic, callback URL), because Logic Apps
 * subscribes again whenever the workflow is saved. A repeat re-activates a disabled hook and adds
 * a DELETE token; the signing secret is created once and returned only then.
 */
export async function subscribeHook(store: HookStore, topic: string, callbackUrl: string): Promise<SubscribedHook> {
  const token = newCapabilityToken();
  const at = new Date().toISOString();
  const id = toHookId(topic, callbackUrl);
  try {
    const { hook } = await store.insert({
      id, topic, url: callbackUrl, secret: newWebhookSecret(), tokenHashes: [toTokenHash(token)], status: 'active', createdAt: at, updatedAt: at,
    });
    forgetHookCount(topic);
    return { hook, token, created: true };
  } catch (error) {
    if (!isConflict(error)) throw error;
  }
  for (;;) {
    const stored = await store.get(topic, id);
    if (!stored) return subscribeHook(store, topic, callbackUrl); // deleted meanwhile: create it again
    const { failingSince: _f, ...hook } = stored.hook;
    const next: Hook = { ...hook, status: 'active', tokenHashes: [...hook.tokenHashes, toTokenHash(token)].slice(-MAX_TOKENS), updatedAt: at };
    try {
      await store.replace(next, stored.etag);
      forgetHookCount(topic);
      return { hook: next, token, created: false };
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
  }
}
