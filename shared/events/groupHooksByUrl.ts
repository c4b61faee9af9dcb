import type { StoredHook } from '../storage/HookStore';

/** Subscriptions grouped by callback URL (their urlKey), each group oldest first. */
export function groupHooksByUrl(hooks: readonly StoredHook[]): StoredHook[][] {
  const groups = new Map<string, StoredHook[]>();
  for (const stored of hooks) {
    const group = groups.get(stored.hook.urlKey);
    if (group) group.push(stored);
    else groups.set(stored.hook.urlKey, [stored]);
  }
  return [...groups.values()].map((group) => group.sort(byAge));
}

/** Oldest first: by creation time, then by id so that the order is total. */
export function byAge(a: StoredHook, b: StoredHook): number {
  return a.hook.createdAt.localeCompare(b.hook.createdAt) || a.hook.id.localeCompare(b.hook.id);
}
