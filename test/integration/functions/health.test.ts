import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpRequest, InvocationContext } from '@azure/functions';
import { health } from '../../../functions/health';
import { startAzurite, getFreePort, toAzuriteConnectionString, type Azurite } from '../../support/azurite';
import { useAppEnv } from '../../support/appEnv';

const get = () => new HttpRequest({ method: 'GET', url: 'http://localhost/api/health' });

describe('GET /api/health', () => {
  let azurite: Azurite;
  before(async () => {
    azurite = await startAzurite();
  });
  after(() => azurite.stop());

  test('answers 200 with every table and queue when storage answers', async () => {
    useAppEnv({ AzureWebJobsStorage: azurite.connectionString });
    const response = await health(get(), new InvocationContext());
    assert.equal(response.status, 200);
    const body = response.jsonBody as { tables: Record<string, string>; queues: Record<string, unknown> };
    assert.deepEqual(Object.values(body.tables), ['ok', 'ok', 'ok', 'ok', 'ok']);
    assert.ok('jobs-poison' in body.queues);
    assert.doesNotMatch(JSON.stringify(body), /AccountKey|devstoreaccount1|Eby8/);
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
