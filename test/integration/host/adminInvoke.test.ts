import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { QueueClient } from '@azure/storage-queue';
import { startAzurite, type Azurite } from '../../support/azurite';
import { startHost, type RunningHost } from '../../host/startHost';

const APP_ROOT = join(__dirname, '..', '..', '..', '..', 'test', 'host', 'fixtures', 'queue');

describe('stand-in host: admin endpoint', () => {
  let azurite: Azurite;
  let host: RunningHost;

  before(async () => {
    azurite = await startAzurite();
    host = await startHost({ appRoot: APP_ROOT, port: 0, env: { AzureWebJobsStorage: azurite.connectionString, RECORD_QUEUE: 'ok-items' } });
  });

  after(async () => {
    await host?.stop();
    await azurite?.stop();
  });

  test('POST /admin/functions/{name} invokes a timer function once and answers 202', async () => {
    const response = await fetch(`${host.baseUrl}/admin/functions/tick`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input: '' }),
    });
    assert.equal(response.status, 202);
    const ticks = new QueueClient(azurite.connectionString, 'ticks');
    const deadline = Date.now() + 10_000;
    let texts: string[] = [];
    while (texts.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (await ticks.exists()) texts = (await ticks.peekMessages({ numberOfMessages: 32 })).peekedMessageItems.map((m) => m.messageText);
    }
    assert.equal(texts.length, 1);
    assert.deepEqual(JSON.parse(texts[0] ?? ''), { isPastDue: false, schedule: { adjustForDST: true } });
  });

  test('the admin endpoint answers 404 for an unknown function', async () => {
    const response = await fetch(`${host.baseUrl}/admin/functions/nope`, { method: 'POST', body: '{}' });
    assert.equal(response.status, 404);
  });
});
