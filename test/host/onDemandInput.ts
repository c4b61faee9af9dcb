import type { FunctionRegistration } from './functionsCore';
import type { InvocationInput } from './invokeFunction';
import { toTimerInvocationInput } from './timerScheduler';
import { toTriggerType } from './triggerBinding';

/**
 * The trigger data for `POST /admin/functions/{name}` with body `{ "input": ... }`: a timer gets
 * TimerInfo; any other trigger gets the input as text (JSON text when it is not a string), which
 * the library parses back when it is JSON.
 */
export function toOnDemandInput(registration: FunctionRegistration, input: unknown): InvocationInput {
  const triggerName = Object.entries(registration.metadata.bindings).find(([, b]) => b.direction === 'in' && /trigger$/i.test(b.type ?? ''))?.[0] ?? '';
  if (toTriggerType(registration).toLowerCase() === 'timertrigger') return toTimerInvocationInput(triggerName);
  const text = typeof input === 'string' ? input : JSON.stringify(input ?? null);
  return { inputData: [{ name: triggerName, data: { string: text } }], triggerMetadata: {} };
}
