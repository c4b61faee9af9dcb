import { logEvent } from './logEvent';
import { longrunMetrics } from './longrunMetrics';

/**
 * Webhook-trigger subscriptions that stop receiving events: `gone` (the callback URL answered 404
 * or 410: removed) or `failing` (it kept failing for LONGRUN_HOOK_DISABLE_AFTER_HOURS: disabled).
 * A warning per subscription (`hook.removed` | `hook.disabled`) and `longrun.hooks.disabled`.
 */
export function recordHookHealthChange(topic: string, hookIds: readonly string[], reason: 'gone' | 'failing', failingSince?: string): void {
  longrunMetrics.hooksDisabled(topic, reason, hookIds.length);
  for (const hookId of hookIds) {
    logEvent('warn', reason === 'gone' ? 'hook.removed' : 'hook.disabled', { topic, hookId, reason, failingSince });
  }
}
