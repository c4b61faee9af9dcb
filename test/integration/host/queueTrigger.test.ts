import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { QueueClient } from '@azure/storage-queue';
import { startAzurite, type Azurite } from '../../support/azurite';
import { spawnHost, type SpawnedHost } from '../../support/spawnHost';

const APP_ROOT = join(__dirname, '..', '..', '..', '..', 'test', 'host', 'fixtures', 'queue');

function toBase64Json(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64');
}

/** Peeks up to 32 messages' text (does not change visibility). */
async function peekTexts(queue: QueueClient): Promise<string[]> {
  if (!(await queue.exists())) return [];
  const peeked = await queue.peekMessages({ numberOfMessages: 32 });
  return peeked.peekedMessageItems.map((m) => m.messageText);
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, host: SpawnedHost, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting for ${what}. Host output:\n${host.output()}`);
}

describe('stand-in host: queue triggers', () => {
  let azurite: Azurite;
  let host: SpawnedHost;
  const queue = (name: string): QueueClient => new QueueClient(azurite.connectionString, name);

  before(async () => {
    azurite = await startAzurite();
    await Promise.all(['fail-items', 'ok-items', 'slow-items'].map((name) => queue(name).createIfNotExists()));
    // A 1 s lease: the slow handler (2.5 s) only stays hidden if the lease is renewed.
    host = await spawnHost({
      appRoot: APP_ROOT,
      env: { AzureWebJobsStorage: azurite.connectionString, RECORD_QUEUE: 'ok-items', LONGRUN_HOST_QUEUE_LEASE_SECONDS: '1' },
    });
  });

  after(async () => {
    await host?.stop();
    await azurite?.stop();
  });

  test('a handler that always throws is retried with a rising dequeueCount, then the message moves to <queue>-poison', async () => {
    const encoded = toBase64Json({ doomed: true });
    await queue('fail-items').sendMessage(encoded);

    const poisoned = await waitFor('the poison message', async () => {
      const texts = await peekTexts(queue('fail-items-poison'));
      return texts.length > 0 ? texts : undefined;
    }, host);

    assert.deepEqual(poisoned, [encoded], 'the poison queue holds the same encoded text');
    const attempts = (await peekTexts(queue('attempts'))).map((text) => (JSON.parse(text) as { dequeueCount: number }).dequeueCount);
    assert.deepEqual(attempts, [1, 2, 3], 'maxDequeueCount 3 in host.json: three attempts');
    assert.deepEqual(await peekTexts(queue('fail-items')), [], 'the message left the trigger queue');
    assert.match(host.output(), /\[alwaysFails\] error: .*fixture failure/);
  });

  test('a base64 JSON message reaches the handler as the parsed object with trigger metadata, and is deleted after success', async () => {
    const item = { orderId: 'o-17', lines: [1, 2, 3] };
    const sent = await queue('ok-items').sendMessage(toBase64Json(item));

    const seenText = await waitFor('the handler to record the item', async () => (await peekTexts(queue('seen')))[0], host);
    const seen = JSON.parse(seenText) as { item: unknown; type: string; triggerMetadata: Record<string, unknown> };
    assert.equal(seen.type, 'object');
    assert.deepEqual(seen.item, item);
    assert.equal(seen.triggerMetadata.id, sent.messageId);
    assert.equal(seen.triggerMetadata.dequeueCount, 1);
    assert.equal(seen.triggerMetadata.insertionTime, sent.insertedOn.toISOString());
    assert.equal(seen.triggerMetadata.expirationTime, sent.expiresOn.toISOString());
    for (const key of ['nextVisibleTime', 'popReceipt']) assert.equal(typeof seen.triggerMetadata[key], 'string', key);

    await waitFor('the message to be deleted', async () => {
      const props = await queue('ok-items').getProperties();
      return props.approximateMessagesCount === 0 ? true : undefined;
    }, host);
    assert.match(host.output(), /^\[recordItem\] received item object$/m, 'context.log prints one line prefixed with the function name');
  });

  test('the in-flight lease is renewed while a handler runs longer than the lease, so the message is delivered once', async () => {
    await queue('slow-items').sendMessage(toBase64Json({ slow: true }));
    // Without renewal the 1 s lease lapses and a second delivery starts long before the first ends (2.5 s).
    await waitFor('the slow handler to finish', async () => ((await peekTexts(queue('slow-finished'))).length > 0 ? true : undefined), host);
    const starts = (await peekTexts(queue('slow-started'))).map((text) => JSON.parse(text) as { dequeueCount: number });
    assert.deepEqual(starts, [{ dequeueCount: 1 }]);
    await waitFor('the slow message to be deleted', async () => {
      const props = await queue('slow-items').getProperties();
      return props.approximateMessagesCount === 0 ? true : undefined;
    }, host);
    assert.doesNotMatch(host.output(), /\[slowItem\] (error|warning)/);
  });

  test('a queue function disabled by AzureWebJobs.<name>.Disabled gets no listener: its messages stay; the others still run', async () => {
    const disabled = await spawnHost({
      appRoot: APP_ROOT,
      env: { AzureWebJobsStorage: azurite.connectionString, RECORD_QUEUE: 'disabled-items', 'AzureWebJobs.recordItem.Disabled': 'true' },
    });
    try {
      await queue('disabled-items').createIfNotExists();
      await queue('disabled-items').sendMessage(toBase64Json({ untouched: true }));
      await new Promise((resolve) => setTimeout(resolve, 3000));
      assert.deepEqual(await peekTexts(queue('disabled-items')), [toBase64Json({ untouched: true })], 'still on the queue, never dequeued');
      const dequeueCount = (await queue('disabled-items').receiveMessages()).receivedMessageItems[0]?.dequeueCount;
      assert.equal(dequeueCount, 1, 'our own receive is its first');
    } finally {
      await disabled.stop();
    }
  });
});
