import { trace, type Tracer } from '@opentelemetry/api';
import { logs, type Logger } from '@opentelemetry/api-logs';

/** The instrumentation scope of everything Longrun emits (tracer, meter, logger). */
export const TELEMETRY_SCOPE = 'longrun';

/** Longrun's tracer: a proxy until the SDK starts, a no-op without it. */
export function getTracer(): Tracer {
  return trace.getTracer(TELEMETRY_SCOPE);
}

/** Longrun's logger (OpenTelemetry logs API). */
export function getLogger(): Logger {
  return logs.getLogger(TELEMETRY_SCOPE);
}
