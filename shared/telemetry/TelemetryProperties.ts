/**
 * The properties of a span, a log record or a metric point: flat, named as everywhere else
 * (jobId, kind, deliveryId, topic, hookId, eventId, workflowRunId, clientTrackingId, status,
 * outcome ...), never a URL, a token or a key. An undefined value is left out.
 */
export type TelemetryProperties = Readonly<Record<string, string | number | boolean | undefined>>;

/** The properties without their undefined values, as OpenTelemetry attributes want them. */
export function toAttributes(properties: TelemetryProperties): Record<string, string | number | boolean> {
  const attributes: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(properties)) if (value !== undefined) attributes[name] = value;
  return attributes;
}
