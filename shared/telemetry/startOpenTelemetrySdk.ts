import { ManagedIdentityCredential } from '@azure/identity';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { TelemetryExporters } from './readTelemetryExporters';
import { toOtlpProcessors } from './toOtlpProcessors';

/** Flushes and stops what was started (buffered spans, logs and metrics are sent). */
export type StopTelemetry = () => Promise<void>;

/**
 * Starts the OpenTelemetry SDK for the configured exporters: Application Insights through the
 * Azure Monitor distro (with the OTLP processors added when an OTLP endpoint is set too), else the
 * Node SDK with the OTLP processors alone. Loaded only when an exporter is configured, so an app
 * without one never loads the SDK.
 * NOTE: "Use OpenTelemetry with Azure Functions": with settings for both Application Insights and an
 * OTLP exporter, data goes to both. "Enable Azure Monitor OpenTelemetry for Node.js": the distro's
 * `spanProcessors`, `logRecordProcessors` and `metricReaders` options add further destinations.
 */
export function startOpenTelemetrySdk(exporters: TelemetryExporters, env: NodeJS.ProcessEnv): StopTelemetry {
  const otlp = exporters.otlp ? toOtlpProcessors(env) : undefined;
  if (exporters.azureMonitor) {
    // Required here, not at the top: the distro (and its instrumentations) loads only for Application Insights.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const distro = require('@azure/monitor-opentelemetry') as typeof import('@azure/monitor-opentelemetry');
    const { connectionString, managedIdentity } = exporters.azureMonitor;
    const credential = managedIdentity
      ? managedIdentity.clientId ? new ManagedIdentityCredential({ clientId: managedIdentity.clientId }) : new ManagedIdentityCredential()
      : undefined;
    type DistroOptions = NonNullable<Parameters<typeof distro.useAzureMonitor>[0]>;
    distro.useAzureMonitor({
      azureMonitorExporterOptions: { connectionString, ...(credential ? { credential } : {}) },
      // The distro's types name its own copy of the metrics SDK; the readers are the Node SDK's, which the distro starts.
      ...((otlp ?? {}) as Pick<DistroOptions, 'spanProcessors' | 'logRecordProcessors' | 'metricReaders'>),
    });
    return () => distro.shutdownAzureMonitor();
  }
  const sdk = new NodeSDK({ serviceName: env.OTEL_SERVICE_NAME ?? 'longrun', instrumentations: [], ...otlp });
  sdk.start();
  return () => sdk.shutdown();
}
