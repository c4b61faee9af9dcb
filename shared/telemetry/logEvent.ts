import { SeverityNumber } from '@opentelemetry/api-logs';
import { toAttributes, type TelemetryProperties } from './TelemetryProperties';
import { currentLogSink, type LogSink } from './logSink';
import { isTelemetryExported } from './startTelemetry';
import { getLogger } from './telemetryScope';

/** How bad: information, a warning (dead letter, poison, hook disabled or removed), an error (an unexpected failure). */
export type Severity = 'info' | 'warn' | 'error';

const SEVERITY: Readonly<Record<Severity, { number: SeverityNumber; text: string }>> = {
  info: { number: SeverityNumber.INFO, text: 'INFO' },
  warn: { number: SeverityNumber.WARN, text: 'WARN' },
  error: { number: SeverityNumber.ERROR, text: 'ERROR' },
};

/**
 * One structured log record: an event name (`job.ended`, `delivery.dead` ...) and its properties,
 * never prose. With an exporter it is an OpenTelemetry log record (body: the event name,
 * attributes: the properties, in the active span's trace); without one it is the line
 * `<event> <properties as JSON>` on `sink`, else on the running invocation's log, else the console.
 * So a query on the message's first word finds it either way.
 */
export function logEvent(severity: Severity, event: string, properties: TelemetryProperties, sink?: LogSink): void {
  const attributes = toAttributes(properties);
  if (isTelemetryExported()) {
    const { number, text } = SEVERITY[severity];
    getLogger().emit({ severityNumber: number, severityText: text, body: event, attributes: { 'event.name': event, ...attributes } });
    return;
  }
  const line = `${event} ${JSON.stringify(attributes)}`;
  const target = sink ?? currentLogSink();
  if (severity === 'error' && target?.error) target.error(line);
  else if (severity !== 'info' && target?.warn) target.warn(line);
  else if (target?.info) target.info(line);
  else if (severity === 'error') console.error(line);
  else if (severity === 'warn') console.warn(line);
  else console.info(line);
}
