import type {
  FunctionCallback,
  FunctionMetadata,
  HookCallback,
  HookData,
  HookName,
  ProgrammingModel,
  RpcLogCategory,
  RpcLogLevel,
} from './coreTypes';
import { writeHostLogLine } from './hostLog';

/** One `app.*` registration as the worker receives it. */
export interface FunctionRegistration {
  readonly metadata: FunctionMetadata;
  readonly callback: FunctionCallback;
}

const HOOK_NAMES: readonly HookName[] = ['preInvocation', 'postInvocation', 'appStart', 'appTerminate', 'log'];

let programmingModel: ProgrammingModel | undefined;
let registrations: FunctionRegistration[] = [];
const hooks = new Map<HookName, HookCallback[]>(HOOK_NAMES.map((name) => [name, []]));
/** Shared by every hook of the app, as the worker's `appHookData`. */
export const appHookData: HookData = {};

/** The worker's `Disposable`: `dispose()` runs the callback once. */
export class Disposable {
  #callOnDispose: (() => unknown) | undefined;
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((item) => item.dispose()));
  }
  constructor(callOnDispose: () => unknown) {
    this.#callOnDispose = callOnDispose;
  }
  dispose(): void {
    const callback = this.#callOnDispose;
    this.#callOnDispose = undefined;
    callback?.();
  }
}

function isHookName(name: string): name is HookName {
  return (HOOK_NAMES as readonly string[]).includes(name);
}

/**
 * The module object served for `require('@azure/functions-core')`: the API the Node worker gives
 * `@azure/functions` (registerFunction, setProgrammingModel, getProgrammingModel, registerHook, log).
 */
export const functionsCore = {
  version: '3.10.1',
  hostVersion: '4.1040.0',
  Disposable,
  registerFunction(metadata: FunctionMetadata, callback: FunctionCallback): Disposable {
    if (registrations.some((r) => r.metadata.name.toLowerCase() === metadata.name.toLowerCase())) {
      throw new Error(`A function named "${metadata.name}" is already registered.`);
    }
    const registration: FunctionRegistration = { metadata, callback };
    registrations.push(registration);
    return new Disposable(() => {
      registrations = registrations.filter((r) => r !== registration);
    });
  },
  setProgrammingModel(model: ProgrammingModel): void {
    programmingModel = model;
  },
  getProgrammingModel(): ProgrammingModel {
    if (!programmingModel) throw new Error('No programming model was set: did the app import "@azure/functions"?');
    return programmingModel;
  },
  registerHook(hookName: string, callback: HookCallback): Disposable {
    if (!isHookName(hookName)) throw new RangeError(`Unrecognized hook "${hookName}".`);
    hooks.get(hookName)?.push(callback);
    return new Disposable(() => {
      const list = hooks.get(hookName) ?? [];
      hooks.set(hookName, list.filter((c) => c !== callback));
    });
  },
  log(level: RpcLogLevel, _category: RpcLogCategory, message: string): void {
    writeHostLogLine(level, message);
  },
};

/** The hooks registered so far under this name, in registration order. */
export function getHooks(name: HookName): readonly HookCallback[] {
  return hooks.get(name) ?? [];
}

/** Forgets registrations and hooks, before an app is (re)loaded into this process. */
export function resetFunctionsCore(): void {
  registrations = [];
  for (const name of HOOK_NAMES) hooks.set(name, []);
  for (const key of Object.keys(appHookData)) delete appHookData[key];
}

/** The registrations captured since the last reset. */
export function getRegistrations(): readonly FunctionRegistration[] {
  return registrations;
}

/** The programming model `@azure/functions` set, if it was loaded. */
export function tryGetProgrammingModel(): ProgrammingModel | undefined {
  return programmingModel;
}
