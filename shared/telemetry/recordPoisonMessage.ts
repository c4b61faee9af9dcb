import { trace } from '@opentelemetry/api';
import { logEvent } from './logEvent';
import type { LogSink } from './logSink';
import { longrunMetrics } from './longrunMetrics';
import type { TelemetryProperties } from './TelemetryProperties';
import { annotateSpan } from './withSpan';

/**
 * A message the host moved to `<queue>-poison` after its worker failed every attempt: a
 * `<what>.poisoned` warning (`job.poisoned`, `delivery.poisoned`, `fanout.poisoned`) and
 * `longrun.queue.poisoned` by queue.
 */
export function recordPoisonMessage(queue: string, what: string, properties: TelemetryProperties, sink?: LogSink): void {
  longrunMetrics.poisonMessage(queue);
  annotateSpan(properties, trace.getActiveSpan());
  logEvent('warn', `${what}.poisoned`, { queue, ...properties }, sink);
}
