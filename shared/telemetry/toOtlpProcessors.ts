import { OTLPLogExporter as JsonLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as ProtobufLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPMetricExporter as JsonMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtobufMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { logs, metrics, tracing } from '@opentelemetry/sdk-node';
import { z } from 'zod';

/** The processors that send traces, logs and metrics to the OTLP endpoint. */
export interface OtlpProcessors {
  readonly spanProcessors: tracing.SpanProcessor[];
  readonly logRecordProcessors: logs.LogRecordProcessor[];
  readonly metricReaders: metrics.IMetricReader[];
}

const millis = z.string().trim().regex(/^\d+$/).transform(Number);
const protocol = z.string().trim().toLowerCase().pipe(z.enum(['http/protobuf', 'http/json']));

type Signal = 'TRACES' | 'METRICS' | 'LOGS';

/**
 * NOTE: the OTLP exporter configuration (opentelemetry.io "OTLP Exporter Configuration"): the
 * protocol is OTEL_EXPORTER_OTLP_<SIGNAL>_PROTOCOL, else OTEL_EXPORTER_OTLP_PROTOCOL, default
 * `http/protobuf`; `http/json` is the other HTTP encoding. gRPC is not offered (an unknown value
 * falls back to the default). Each exporter reads its endpoint and headers itself
 * (OTEL_EXPORTER_OTLP_ENDPOINT + `/v1/<signal>`, OTEL_EXPORTER_OTLP_HEADERS).
 */
function isJson(env: NodeJS.ProcessEnv, signal: Signal): boolean {
  const chosen = protocol.safeParse(env[`OTEL_EXPORTER_OTLP_${signal}_PROTOCOL`] ?? env.OTEL_EXPORTER_OTLP_PROTOCOL);
  return chosen.success && chosen.data === 'http/json';
}

/** A non-negative whole number of milliseconds from the environment, else the default. */
function readMillis(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const parsed = millis.safeParse(env[name]);
  return parsed.success ? parsed.data : fallback;
}

/**
 * Batching processors over the OTLP/HTTP exporters. Spans batch per OTEL_BSP_* (read by the
 * processor); logs per OTEL_BLRP_SCHEDULE_DELAY (default 1000 ms) and metrics every
 * OTEL_METRIC_EXPORT_INTERVAL (default 60000 ms), the SDK configuration's variables and defaults.
 */
export function toOtlpProcessors(env: NodeJS.ProcessEnv): OtlpProcessors {
  const traceExporter = isJson(env, 'TRACES') ? new JsonTraceExporter() : new ProtobufTraceExporter();
  const logExporter = isJson(env, 'LOGS') ? new JsonLogExporter() : new ProtobufLogExporter();
  const metricExporter = isJson(env, 'METRICS') ? new JsonMetricExporter() : new ProtobufMetricExporter();
  return {
    spanProcessors: [new tracing.BatchSpanProcessor(traceExporter)],
    logRecordProcessors: [new logs.BatchLogRecordProcessor(logExporter, { scheduledDelayMillis: readMillis(env, 'OTEL_BLRP_SCHEDULE_DELAY', 1000) })],
    metricReaders: [
      new metrics.PeriodicExportingMetricReader({
        exporter: metricExporter,
        exportIntervalMillis: Math.max(100, readMillis(env, 'OTEL_METRIC_EXPORT_INTERVAL', 60_000)),
      }),
    ],
  };
}
