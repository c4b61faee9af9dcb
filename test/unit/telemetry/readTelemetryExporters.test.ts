import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readTelemetryExporters } from '../../../shared/telemetry/readTelemetryExporters';

const connectionString = 'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/';

describe('which exporters the environment asks for', () => {
  test('nothing configured: no exporter, so the SDK is never loaded', () => {
    assert.deepEqual(readTelemetryExporters({}), { otlp: false });
    assert.deepEqual(readTelemetryExporters({ OTEL_EXPORTER_OTLP_ENDPOINT: '  ', APPLICATIONINSIGHTS_CONNECTION_STRING: '' }), { otlp: false });
  });

  test('OTEL_EXPORTER_OTLP_ENDPOINT, or a signal-specific endpoint, turns on OTLP', () => {
    assert.deepEqual(readTelemetryExporters({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }), { otlp: true });
    assert.deepEqual(readTelemetryExporters({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector/v1/traces' }), { otlp: true });
  });

  test('APPLICATIONINSIGHTS_CONNECTION_STRING turns on Application Insights, alongside OTLP when both are set', () => {
    assert.deepEqual(readTelemetryExporters({ APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString }), { azureMonitor: { connectionString }, otlp: false });
    assert.deepEqual(readTelemetryExporters({ APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }), { azureMonitor: { connectionString }, otlp: true });
  });

  test('APPLICATIONINSIGHTS_AUTHENTICATION_STRING names the managed identity for Entra ingestion: a client id, or the system identity', () => {
    const user = readTelemetryExporters({ APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString, APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=1111-2222;Authorization=AAD' });
    assert.deepEqual(user.azureMonitor?.managedIdentity, { clientId: '1111-2222' });
    const system = readTelemetryExporters({ APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString, APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD' });
    assert.deepEqual(system.azureMonitor?.managedIdentity, {});
    const other = readTelemetryExporters({ APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString, APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=Other' });
    assert.equal(other.azureMonitor?.managedIdentity, undefined);
  });

  test('OTEL_SDK_DISABLED=true turns every exporter off', () => {
    assert.deepEqual(readTelemetryExporters({ OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString }), { otlp: false });
  });
});
