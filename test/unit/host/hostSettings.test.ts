import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { readHostSettings, readLocalSettingsValues, toHostSettings, toMilliseconds } from '../../host/hostSettings';

describe('hostSettings', () => {
  test('an empty host.json gets the host defaults', () => {
    assert.deepEqual(toHostSettings({}), {
      routePrefix: 'api',
      queues: { maxPollingIntervalMs: 60_000, visibilityTimeoutMs: 0, batchSize: 16, newBatchThreshold: 8, maxDequeueCount: 5, messageEncoding: 'base64' },
    });
  });

  test('queue settings and an empty route prefix are read', () => {
    const settings = toHostSettings({
      extensions: {
        http: { routePrefix: '' },
        queues: { maxPollingInterval: '00:00:02', visibilityTimeout: 1500, batchSize: 4, maxDequeueCount: 3, messageEncoding: 'None' },
      },
    });
    assert.equal(settings.routePrefix, '');
    assert.deepEqual(settings.queues, { maxPollingIntervalMs: 2000, visibilityTimeoutMs: 1500, batchSize: 4, newBatchThreshold: 2, maxDequeueCount: 3, messageEncoding: 'none' });
  });

  test('time spans read days, hours and fractions; bad values name the setting', () => {
    assert.equal(toMilliseconds('1.02:03:04.5', 'x'), ((26 * 60 + 3) * 60 + 4) * 1000 + 500);
    assert.throws(() => toMilliseconds('2 minutes', 'extensions.queues.maxPollingInterval'), /maxPollingInterval/);
    assert.throws(() => toHostSettings({ extensions: { queues: { batchSize: 64 } } }), /extensions\.queues\.batchSize/);
    assert.throws(() => toHostSettings({ extensions: { queues: { messageEncoding: 'utf8' } } }), /messageEncoding/);
  });

  test('local.settings.json Values are read as strings and host.json may carry comments', () => {
    const appRoot = mkdtempSync(join(tmpdir(), 'longrun-host-'));
    try {
      assert.deepEqual(readLocalSettingsValues(appRoot), {}, 'no file: no values');
      writeFileSync(join(appRoot, 'local.settings.json'), JSON.stringify({ IsEncrypted: false, Values: { A: 'x', B: 3, C: true } }));
      assert.deepEqual(readLocalSettingsValues(appRoot), { A: 'x', B: '3', C: 'true' });
      writeFileSync(join(appRoot, 'host.json'), '{ // comment\n "extensions": { "http": { "routePrefix": "v1" } } }');
      assert.equal(readHostSettings(appRoot).routePrefix, 'v1');
    } finally {
      rmSync(appRoot, { recursive: true, force: true });
    }
  });
});
