import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getLongrun } from '../../../shared/app/getLongrun';
import { toUrlKey } from '../../../shared/events/toUrlKey';
import { useCountedStorage } from '../../support/useCountedStorage';
import { newCallbackUrl, subscribe, unsubscribe, workflowHeaders } from './hookRequests';

const TOPIC = 'order.created';
const remaining = async (callbackUrl: string) => (await (await getLongrun()).hooks.listByUrl(TOPIC, toUrlKey(TOPIC, callbackUrl))).map((s) => s.hook.id).sort();

describe('webhook trigger unsubscribe (in process, real Azurite)', () => {
  const storage = useCountedStorage();

  test('answers 200 whatever arrives, without a 415 or 400: no body and no content type, {}, text/plain, malformed JSON, an unknown topic', async () => {
    const cases: [string, Record<string, string>, string | undefined][] = [
      [TOPIC, {}, undefined],
      [TOPIC, { 'content-type': 'application/json' }, '{}'],
      [TOPIC, { 'content-type': 'text/plain' }, 'unsubscribe me'],
      [TOPIC, { 'content-type': 'application/json' }, '{"callbackUrl":'],
      [TOPIC, { 'content-type': 'application/json' }, '{"callbackUrl":null}'],
      ['no.such.topic', { 'content-type': 'application/json' }, JSON.stringify({ callbackUrl: newCallbackUrl() })],
    ];
    for (const [topic, headers, body] of cases) {
      const response = await unsubscribe(headers, body, topic);
      assert.equal(response.status, 200, `${topic} ${String(body)}`);
      assert.deepEqual(response.jsonBody, { unsubscribed: 0 });
    }
    assert.deepEqual(storage.writes(), [], 'nothing matched, nothing written');
  });

  test('by headers alone (no body, no content type) it removes the subscription those headers made, and the hook count follows at once', async () => {
    const headers = workflowHeaders();
    const callbackUrl = newCallbackUrl();
    const hookCounts = (await getLongrun()).hookCounts;
    const before = await hookCounts.get(TOPIC);
    await subscribe(callbackUrl, headers);
    assert.equal(await hookCounts.get(TOPIC), before + 1);
    const response = await unsubscribe(headers);
    assert.deepEqual([response.status, response.jsonBody], [200, { unsubscribed: 1 }]);
    assert.deepEqual(await remaining(callbackUrl), []);
    assert.equal(await hookCounts.get(TOPIC), before);
    assert.deepEqual((await unsubscribe(headers)).jsonBody, { unsubscribed: 0 }, 'a repeat finds nothing');
  });

  test('the callback URL in a JSON body (any content type) names the subscription', async () => {
    const callbackUrl = newCallbackUrl();
    await subscribe(callbackUrl, workflowHeaders());
    const response = await unsubscribe({ 'content-type': 'text/plain' }, JSON.stringify({ callbackUrl }));
    assert.deepEqual(response.jsonBody, { unsubscribed: 1 });
    assert.deepEqual(await remaining(callbackUrl), []);
  });

  test('client tracking id and operation name come first: a subscription of the same workflow with another tracking id stays', async () => {
    const name = { 'x-ms-workflow-name': `orders-${Date.now()}`, 'x-ms-workflow-id': 'wf-1' };
    const [mine, theirs] = [newCallbackUrl(), newCallbackUrl()];
    const headers = workflowHeaders(name);
    await subscribe(mine, headers);
    await subscribe(theirs, workflowHeaders(name));
    assert.deepEqual((await unsubscribe(headers)).jsonBody, { unsubscribed: 1 });
    assert.deepEqual(await remaining(mine), []);
    assert.equal((await remaining(theirs)).length, 1);
  });

  test('when the tracking id matches nothing, the run id and then the workflow name (with the operation name) find the subscription', async () => {
    const byRun = workflowHeaders();
    const runUrl = newCallbackUrl();
    await subscribe(runUrl, byRun);
    const retracked = Object.fromEntries(Object.entries({ ...byRun, 'x-ms-client-tracking-id': 'another' }).filter(([name]) => name !== 'x-ms-workflow-name'));
    assert.deepEqual((await unsubscribe(retracked)).jsonBody, { unsubscribed: 1 });
    assert.deepEqual(await remaining(runUrl), []);

    const byName = workflowHeaders();
    const nameUrl = newCallbackUrl();
    await subscribe(nameUrl, byName);
    const withoutRun = Object.fromEntries(Object.entries({ ...byName, 'x-ms-client-tracking-id': 'another' }).filter(([name]) => name !== 'x-ms-workflow-run-id'));
    assert.deepEqual((await unsubscribe(withoutRun)).jsonBody, { unsubscribed: 1 });
    assert.deepEqual(await remaining(nameUrl), []);
  });

  test('without an operation name, or under another one, headers find nothing', async () => {
    const headers = workflowHeaders();
    const callbackUrl = newCallbackUrl();
    await subscribe(callbackUrl, headers);
    const withoutOperation = Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'x-ms-workflow-operation-name'));
    assert.deepEqual((await unsubscribe(withoutOperation)).jsonBody, { unsubscribed: 0 });
    assert.deepEqual((await unsubscribe({ ...headers, 'x-ms-workflow-operation-name': 'Other_trigger' })).jsonBody, { unsubscribed: 0 });
    assert.equal((await remaining(callbackUrl)).length, 1);
  });

  test('the workflow name never reaches a workflow of the same name with another x-ms-workflow-id (another resource group)', async () => {
    const shared = { 'x-ms-workflow-name': `orders-${Date.now()}`, 'x-ms-workflow-operation-name': 'When_an_order_is_created' };
    const prod = newCallbackUrl();
    await subscribe(prod, workflowHeaders({ ...shared, 'x-ms-workflow-id': 'prod' }));
    const dev = { ...shared, 'x-ms-workflow-id': 'dev', 'x-ms-client-tracking-id': 'dev-tracking', 'x-ms-workflow-run-id': 'dev-run' };
    assert.deepEqual((await unsubscribe(dev)).jsonBody, { unsubscribed: 0 });
    assert.equal((await remaining(prod)).length, 1);
  });

  test('headers that name subscriptions of two callback URLs are ambiguous: nothing is removed', async () => {
    const shared = workflowHeaders();
    const [a, b] = [newCallbackUrl(), newCallbackUrl()];
    await subscribe(a, shared);
    await subscribe(b, shared);
    assert.deepEqual((await unsubscribe(shared)).jsonBody, { unsubscribed: 0 });
    assert.equal((await remaining(a)).length + (await remaining(b)).length, 2);
  });

  test('a save that subscribes anew before unsubscribing the old trigger (same URL, same headers) keeps the new subscription', async () => {
    const headers = workflowHeaders();
    const callbackUrl = newCallbackUrl();
    const old = await subscribe(callbackUrl, headers);
    const fresh = await subscribe(callbackUrl, headers);
    assert.deepEqual((await unsubscribe(headers)).jsonBody, { unsubscribed: 1 });
    assert.deepEqual(await remaining(callbackUrl), [fresh.id]);
    assert.notEqual(old.id, fresh.id);
    assert.deepEqual((await unsubscribe(headers)).jsonBody, { unsubscribed: 1 }, 'removing the trigger later removes the last one');
    assert.deepEqual(await remaining(callbackUrl), []);
  });

  test('a header value with a quote is matched as a value, not as query syntax', async () => {
    const headers = workflowHeaders({ 'x-ms-client-tracking-id': `o'brien' or PartitionKey ne '` });
    const callbackUrl = newCallbackUrl();
    await subscribe(callbackUrl, headers);
    assert.deepEqual((await unsubscribe(headers)).jsonBody, { unsubscribed: 1 });
  });
});
