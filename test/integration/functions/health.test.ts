import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpRequest, InvocationContext } from '@azure/functions';
import { health } from '../../../functions/health';
import { startAzurite, getFreePort, toAzuriteConnectionString, type Azurite } from '../../support/azurite';
import { useAppEnv } from '../../support/appEnv';
import { getLongrunStorage } from '../../../shared/app/getLongrun';
import { newEventId } from '../../../shared/events/eventId';
import { hookDisabled } from '../../../shared/events/topics/hookDisabled';
import { DeliveryLog } from '../../../shared/storage/DeliveryLog';
import { EventStore } from '../../../shared/storage/EventStore';
import { QUEUES, TABLES } from '../../../shared/storage/names';

const get = () => new HttpRequest({ method: 'GET', url: 'http://localhost/api/health' });

describe('GET /api/health', () => {
  let azurite: Azurite;
  before(async () => {
    azurite = await startAzurite();
  });
  after(() => azurite.stop());

  test('answers 200 with every table and work queue (not the poison queues, which their handlers drain) when storage answers', async () => {
    useAppEnv({ AzureWebJobsStorage: azurite.connectionString });
    const response = await health(get(), new InvocationContext());
    assert.equal(response.status, 200);
    const body = response.jsonBody as { tables: Record<string, string>; queues: Record<string, unknown> };
    assert.deepEqual(Object.values(body.tables), Object.values(TABLES).map(() => 'ok'));
    assert.deepEqual(Object.keys(body.queues).sort(), Object.values(QUEUES).sort());
    assert.doesNotMatch(JSON.stringify(body), /AccountKey|devstoreaccount1|Eby8/);
  });

  test('reports the dead letters and disabled hooks of the last hour and the age of the oldest waiting job message', async () => {
    useAppEnv({ AzureWebJobsStorage: azurite.connectionString });
    const storage = await getLongrunStorage();
    const log = new DeliveryLog(storage.table(TABLES.deliverylog));
    const target = { kind: 'callback', jobId: 'j' } as const;
    await log.record('dead', 'cb_recent1', target, Date.now() - 60_000);
    await log.record('dead', 'cb_recent2', target, Date.now() - 30 * 60_000);
    await log.record('dead', 'cb_old', target, Date.now() - 2 * 3_600_000);
    await log.record('gone', 'cb_gone', target, Date.now() - 60_000);
    const events = new EventStore(storage.table(TABLES.events));
    const notice = { topic: 'order.created', hookIds: ['a'], urlKey: 'k', action: 'disabled', reason: 'failing', at: new Date().toISOString() };
    await events.append({ id: newEventId(Date.now() - 120_000), type: hookDisabled.name, timestamp: new Date().toISOString(), data: notice });
    await events.append({ id: newEventId(Date.now() - 3 * 3_600_000), type: hookDisabled.name, timestamp: new Date().toISOString(), data: notice });
    await storage.queue(QUEUES.jobs).sendMessage(Buffer.from('{}').toString('base64'));
    await new Promise((r) => setTimeout(r, 1100));
    const response = await health(get(), new InvocationContext());
    assert.equal(response.status, 200);
    const body = response.jsonBody as { deadLettersLastHour: number; disabledHooksLastHour: number; oldestWaitingJobSeconds: number };
    assert.equal(body.deadLettersLastHour, 2);
    assert.equal(body.disabledHooksLastHour, 1);
    assert.ok(body.oldestWaitingJobSeconds >= 1 && body.oldestWaitingJobSeconds < 120, `oldest ${body.oldestWaitingJobSeconds} s`);
  });

  test('answers 503 with problem+json and no secrets when storage is unreachable', async () => {
    const closed = await getFreePort();
    useAppEnv({ AzureWebJobsStorage: toAzuriteConnectionString(closed, closed, closed) });
    const response = await health(get(), new InvocationContext());
    assert.equal(response.status, 503);
    assert.equal((response.headers as Record<string, string>)['Content-Type'], 'application/problem+json');
    const text = JSON.stringify(response.jsonBody);
    assert.match(text, /"status":503/);
    assert.doesNotMatch(text, /AccountKey|127\.0\.0\.1|Eby8/);
  });
});
