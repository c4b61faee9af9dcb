import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The host's `maxDequeueCount` from host.json (default 5): how many attempts a poisoned job had. */
export function readMaxDequeueCount(hostJsonPath = join(__dirname, '..', '..', '..', 'host.json')): number {
  try {
    const hostJson = JSON.parse(readFileSync(hostJsonPath, 'utf8')) as { extensions?: { queues?: { maxDequeueCount?: unknown } } };
    const value = hostJson.extensions?.queues?.maxDequeueCount;
    return typeof value === 'number' && value > 0 ? value : 5;
  } catch {
    return 5; // NOTE: the host's documented default when host.json does not say.
  }
}
