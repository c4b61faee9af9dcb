import Module from 'node:module';
import { functionsCore } from './functionsCore';

const CORE_MODULE = '@azure/functions-core';
/** A pseudo file name under which the shim sits in `require.cache`. */
const CORE_FILENAME = '/__longrun_host__/@azure/functions-core.js';

interface ModuleInternals {
  _resolveFilename(request: string, parent: unknown, ...rest: unknown[]): string;
}

let installed = false;

/**
 * Makes `require('@azure/functions-core')` return the stand-in host's shim, as the Node worker does
 * for the app it loads. Must run before `@azure/functions` first registers a function: the library
 * caches the result of its first `require` (src/utils/tryGetCoreApiLazy.ts) and otherwise falls
 * back to "test mode", where registrations are silently skipped.
 */
export function installFunctionsCore(): void {
  if (installed) return;
  installed = true;
  const internals = Module as unknown as ModuleInternals;
  const original = internals._resolveFilename.bind(Module);
  internals._resolveFilename = (request: string, parent: unknown, ...rest: unknown[]): string =>
    request === CORE_MODULE ? CORE_FILENAME : original(request, parent, ...rest);
  const cached = new Module(CORE_FILENAME);
  cached.filename = CORE_FILENAME;
  cached.loaded = true;
  cached.exports = functionsCore;
  require.cache[CORE_FILENAME] = cached;
}
