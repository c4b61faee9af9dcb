import type { RpcBindingInfo } from './coreTypes';
import type { FunctionRegistration } from './functionsCore';

/** A registration's trigger binding and the name the invocation's input data must carry. */
export interface TriggerBinding {
  readonly name: string;
  readonly binding: RpcBindingInfo;
}

/** The trigger of a registration when its type is `triggerType` (case-insensitive), else undefined. */
export function findTriggerBinding(registration: FunctionRegistration, triggerType: string): TriggerBinding | undefined {
  for (const [name, binding] of Object.entries(registration.metadata.bindings)) {
    if (binding.direction === 'in' && binding.type?.toLowerCase() === triggerType.toLowerCase()) return { name, binding };
  }
  return undefined;
}

/** The trigger type of a registration (`httpTrigger`, `queueTrigger`, `timerTrigger`, ...). */
export function toTriggerType(registration: FunctionRegistration): string {
  const trigger = Object.values(registration.metadata.bindings).find((b) => b.direction === 'in' && /trigger$/i.test(b.type ?? ''));
  return trigger?.type ?? 'unknown';
}

/**
 * Resolves `%Name%` app-setting references in a binding property, as the host does for
 * `queueName` and `schedule`; throws naming the missing setting.
 */
export function resolveBindingExpression(value: string, env: Readonly<Record<string, string | undefined>>): string {
  return value.replace(/%([^%]+)%/g, (_whole, name: string) => {
    const setting = env[name];
    if (setting === undefined) throw new Error(`The binding expression "%${name}%" names an app setting that is not set`);
    return setting;
  });
}
