import { readTelemetryExporters, type TelemetryExporters } from './readTelemetryExporters';
import type { StopTelemetry } from './startOpenTelemetrySdk';

interface Started {
  readonly exporters: TelemetryExporters;
  readonly stop?: StopTelemetry;
}

let started: Started | undefined;

/**
 * Starts telemetry once per process, before any handler runs (the wiring point calls it while the
 * app loads). With no exporter configured nothing is loaded: spans and metrics go to
 * OpenTelemetry's no-op API and log lines to the invocation's log, as before.
 */
export function startTelemetry(env: NodeJS.ProcessEnv = process.env): TelemetryExporters {
  if (started) return started.exporters;
  const exporters = readTelemetryExporters(env);
  if (!exporters.azureMonitor && !exporters.otlp) {
    started = { exporters };
    return exporters;
  }
  // Loaded only now: an app without an exporter never loads the SDK.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('./startOpenTelemetrySdk') as typeof import('./startOpenTelemetrySdk');
  started = { exporters, stop: sdk.startOpenTelemetrySdk(exporters, env) };
  return exporters;
}

/** True once telemetry started with an exporter: log records then go to OpenTelemetry, not the invocation's log. */
export function isTelemetryExported(): boolean {
  return started?.stop !== undefined;
}

/** How long stopping may take: an exporter whose endpoint does not answer must not hold the worker's exit. */
const STOP_TIMEOUT_MS = 5000;

/** Sends what is buffered and stops (when the app terminates), waiting at most 5 s. */
export async function stopTelemetry(): Promise<void> {
  const stop = started?.stop;
  if (!stop) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, STOP_TIMEOUT_MS);
    timer.unref();
  });
  await Promise.race([stop().catch(() => undefined), timeout]);
  clearTimeout(timer);
}
