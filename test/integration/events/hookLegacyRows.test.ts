import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { newWebhookSecret } from '../../../shared/delivery/signWebhook';
import { getLongrun } from '../../../shared/app/getLongrun';
import { groupHooksByUrl } from '../../../shared/events/groupHooksByUrl';
import { toUrlKey } from '../../../shared/events/toUrlKey';
import { newCapabilityToken, toTokenHash } from '../../../shared/model/capabilityToken';
import { TABLES } from '../../../shared/storage/names';
import { useCountedStorage } from '../../support/useCountedStorage';
import { deleteLocation, newCallbackUrl, subscribe } from './hookRequests';

const TOPIC = 'order.created';

describe('a hook row of the one-row-per-URL model (in process, real Azurite)', () => {
  useCountedStorage();

  test('groups with the subscriptions made since for its URL, and its DELETE token still works', async () => {
    const callbackUrl = newCallbackUrl();
    const urlKey = toUrlKey(TOPIC, callbackUrl);
    const sealer = (await getLongrun()).sealer;
    const tokens = [newCapabilityToken(), newCapabilityToken()];
    const at = new Date().toISOString();
    // As that model wrote it: RowKey = the URL key, no urlKey column, a token per subscribe.
    await (await getLongrun()).storage.table(TABLES.hooks).createEntity({
      partitionKey: TOPIC,
      rowKey: urlKey,
      url: sealer.seal(callbackUrl),
      secret: sealer.seal(newWebhookSecret()),
      tokenHashes: tokens.map(toTokenHash).join(','),
      status: 'active',
      createdAt: at,
      updatedAt: at,
    });
    const added = await subscribe(callbackUrl);
    const store = (await getLongrun()).hooks;
    const found = await store.listByUrl(TOPIC, urlKey);
    assert.deepEqual(found.map((s) => s.hook.id).sort(), [added.id, urlKey].sort());
    assert.deepEqual(found.map((s) => s.hook.urlKey), [urlKey, urlKey]);
    const groups = groupHooksByUrl((await store.listActive(TOPIC)).filter((s) => s.hook.urlKey === urlKey));
    assert.equal(groups.length, 1, 'one delivery per event for both');
    const legacyLocation = new URL(`https://longrun.example/api/hooks/${urlKey}?token=${tokens[1]}`);
    assert.equal((await deleteLocation(legacyLocation)).status, 200);
    assert.deepEqual((await store.listByUrl(TOPIC, urlKey)).map((s) => s.hook.id), [added.id]);
  });
});
