import { forgetHookCount } from './hookCount';
import type { Topic } from './defineTopic';
import { isTokenValid } from '../http/capabilityToken';
import type { HookStore } from '../storage/HookStore';

/**
 * The webhook trigger's DELETE: finds the hook among the topics (a point read each: the hook URL
 * names no topic) and removes it when the token matches. False for an unknown id or a wrong token.
 */
export async function deleteHook(store: HookStore, topics: readonly Topic[], id: string, token: string | null): Promise<boolean> {
  if (!token) return false;
  for (const topic of topics) {
    const stored = await store.get(topic.name, id);
    if (!stored) continue;
    if (!stored.hook.tokenHashes.some((hash) => isTokenValid(token, hash))) return false;
    await store.delete(topic.name, id);
    forgetHookCount(topic.name);
    return true;
  }
  return false;
}
