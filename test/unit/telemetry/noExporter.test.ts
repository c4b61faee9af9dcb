import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const dist = join(__dirname, '..', '..', '..');

/** Loads the wiring point in a fresh process with `env` and reports which telemetry packages it loaded. */
function loadedPackages(env: Record<string, string>): string[] {
  const script = `
    require(${JSON.stringify(join(dist, 'shared', 'app', 'getLongrun.js'))});
    const loaded = Object.keys(require.cache).map((p) => p.match(/node_modules[\\\\/](@[^\\\\/]+[\\\\/][^\\\\/]+)/)?.[1]).filter(Boolean);
    process.stdout.write(JSON.stringify([...new Set(loaded)].map((p) => p.replace(/\\\\/g, '/'))));
  `;
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OTEL_') && !k.startsWith('APPLICATIONINSIGHTS_')));
  const result = spawnSync(process.execPath, ['-e', script], { env: { ...clean, ...env }, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as string[];
}

describe('telemetry without an exporter', () => {
  test('loading the app loads no OpenTelemetry SDK and no Azure Monitor distro, only the API', () => {
    const loaded = loadedPackages({});
    assert.ok(loaded.includes('@opentelemetry/api'), loaded.join(', '));
    const sdk = loaded.filter((p) => p.startsWith('@opentelemetry/') && p !== '@opentelemetry/api' && p !== '@opentelemetry/api-logs');
    assert.deepEqual(sdk, []);
    assert.ok(!loaded.includes('@azure/monitor-opentelemetry'));
  });

  test('with an OTLP endpoint the SDK and the OTLP exporters load, the distro does not', () => {
    const loaded = loadedPackages({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' });
    assert.ok(loaded.includes('@opentelemetry/sdk-node'), loaded.join(', '));
    assert.ok(loaded.includes('@opentelemetry/exporter-trace-otlp-proto'));
    assert.ok(!loaded.includes('@azure/monitor-opentelemetry'));
  });
});
