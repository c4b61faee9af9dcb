import { z } from 'zod';

/** Where telemetry goes: Application Insights (through the Azure Monitor distro), an OTLP endpoint, both or nowhere. */
export interface TelemetryExporters {
  readonly azureMonitor?: {
    readonly connectionString: string;
    /** Entra ingestion (local auth off): the user-assigned identity's client id; `system` for the system identity. */
    readonly managedIdentity?: { readonly clientId?: string };
  };
  readonly otlp: boolean;
}

const text = z.string().trim().min(1);
const OTLP_ENDPOINTS = [
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
  'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT',
  'OTEL_EXPORTER_OTLP_LOGS_ENDPOINT',
] as const;

/**
 * NOTE: "Microsoft Entra authentication for Application Insights": with local authentication off,
 * ingestion needs a credential (ManagedIdentityCredential, with the client id for a user-assigned
 * identity). The Functions host reads APPLICATIONINSIGHTS_AUTHENTICATION_STRING
 * (`ClientId=<id>;Authorization=AAD`, or `Authorization=AAD` for the system identity) for its own
 * telemetry ("App settings reference for Azure Functions"); the app reads the same setting.
 */
function toManagedIdentity(authentication: string | undefined): { clientId?: string } | undefined {
  if (!authentication) return undefined;
  const parts = new Map(authentication.split(';').map((part) => {
    const at = part.indexOf('=');
    return [part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim()] as const;
  }));
  if (parts.get('authorization')?.toLowerCase() !== 'aad') return undefined;
  const clientId = parts.get('clientid');
  return clientId ? { clientId } : {};
}

/**
 * The exporters the environment asks for. Nothing configured (or OTEL_SDK_DISABLED=true): none,
 * and the app stays on OpenTelemetry's no-op API. The OTLP exporters read their own settings
 * (OTEL_EXPORTER_OTLP_*), as the OpenTelemetry SDK configuration documents.
 */
export function readTelemetryExporters(env: NodeJS.ProcessEnv): TelemetryExporters {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return { otlp: false };
  const connectionString = text.safeParse(env.APPLICATIONINSIGHTS_CONNECTION_STRING);
  const otlp = OTLP_ENDPOINTS.some((name) => text.safeParse(env[name]).success);
  if (!connectionString.success) return { otlp };
  const managedIdentity = toManagedIdentity(env.APPLICATIONINSIGHTS_AUTHENTICATION_STRING);
  return { azureMonitor: { connectionString: connectionString.data, ...(managedIdentity ? { managedIdentity } : {}) }, otlp };
}
