import type { HookDeps } from './HookCounts';
import type { Topic } from './defineTopic';
import { isTokenValid } from '../model/capabilityToken';

/**
 * The webhook trigger's DELETE: finds the subscription among the topics (a point read each: the
 * hook URL names no topic) and removes it, and only it, when the token matches; other
 * subscriptions of the same callback URL stay. False for an unknown id, a wrong token, or a
 * subscription already gone.
 */
export async function deleteHook({ hooks: store, hookCounts }: HookDeps, topics: readonly Topic[], id: string, token: string | null): Promise<boolean> {
  if (!token) return false;
  for (const topic of topics) {
    const stored = await store.get(topic.name, id);
    if (!stored) continue;
    if (!stored.hook.tokenHashes.some((hash) => isTokenValid(token, hash))) return false;
    const deleted = await store.delete(topic.name, id);
    hookCounts.forget(topic.name);
    return deleted;
  }
  return false;
}
