import type { Hook } from '../model/Hook';
import type { HookDeps } from './HookCounts';
import { isConflict } from '../storage/storageErrors';

/**
 * Re-enables one subscription (an operator's decision after a disable): active again, its failing
 * streak and disable reason cleared, replaced only if unchanged since read (a lost race reads again).
 * Undefined when there is no such subscription.
 */
export async function enableHook({ hooks: store, hookCounts }: HookDeps, topic: string, id: string): Promise<Hook | undefined> {
  for (;;) {
    const stored = await store.get(topic, id);
    if (!stored) return undefined;
    if (stored.hook.status === 'active' && !stored.hook.failingSince) return stored.hook;
    const { failingSince: _f, disabledAt: _a, disabledReason: _r, ...rest } = stored.hook;
    const enabled: Hook = { ...rest, status: 'active', updatedAt: new Date().toISOString() };
    try {
      await store.replace(enabled, stored.etag);
    } catch (error) {
      if (isConflict(error)) continue;
      throw error;
    }
    hookCounts.forget(topic);
    return enabled;
  }
}
