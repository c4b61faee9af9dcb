import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where host.json is: the app root the Functions host names, else the root of this build. */
function hostJsonPath(): string {
  return join(process.env.AzureWebJobsScriptRoot ?? join(__dirname, '..', '..', '..'), 'host.json');
}

/** The host's `maxDequeueCount` from host.json (default 5): how many attempts a poisoned message had. */
export function readMaxDequeueCount(path = hostJsonPath()): number {
  try {
    const hostJson = JSON.parse(readFileSync(path, 'utf8')) as { extensions?: { queues?: { maxDequeueCount?: unknown } } };
    const value = hostJson.extensions?.queues?.maxDequeueCount;
    return typeof value === 'number' && value > 0 ? value : 5;
  } catch {
    return 5; // NOTE: the host's documented default when host.json does not say.
  }
}
