import type { Hook } from '../../../shared/model/Hook';
import type { StoredHook } from '../../../shared/storage/HookStore';
import { newWebhookSecret } from '../../../shared/delivery/signWebhook';

/** A subscription for pure tests: active, of URL key `urlKey`, created at minute `minute`. */
export function hookOf(id: string, urlKey: string, minute: number, extra: Partial<Hook> = {}): Hook {
  const at = new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
  return {
    id,
    topic: 'order.created',
    url: `https://example.com/${urlKey}?sig=s`,
    urlKey,
    secret: newWebhookSecret(),
    tokenHashes: [],
    status: 'active',
    createdAt: at,
    updatedAt: at,
    workflow: {},
    ...extra,
  };
}

/** The same, with an ETag, as the store returns it. */
export function storedOf(id: string, urlKey: string, minute: number, extra: Partial<Hook> = {}): StoredHook {
  return { hook: hookOf(id, urlKey, minute, extra), etag: `etag-${id}` };
}
