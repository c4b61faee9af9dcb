import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { spawnHost, type SpawnedHost } from '../../support/spawnHost';

const APP_ROOT = join(__dirname, '..', '..', '..', '..', 'test', 'host', 'fixtures', 'http');
const KEY = 'fixture-function-key';

describe('stand-in host: HTTP triggers', () => {
  let host: SpawnedHost;

  before(async () => {
    host = await spawnHost({ appRoot: APP_ROOT, env: { LONGRUN_HOST_FUNCTION_KEY: KEY } });
  });

  after(async () => {
    await host?.stop();
  });

  test('a route with a template parameter reaches its handler with params filled, and status, headers and body come back', async () => {
    const response = await fetch(`${host.baseUrl}/api/items/42?q=cake`, { headers: { 'x-echo': 'hello' } });
    assert.equal(response.status, 203);
    assert.equal(response.headers.get('x-item-id'), '42');
    assert.equal(response.headers.get('content-type'), 'application/json');
    assert.deepEqual(await response.json(), { id: '42', q: 'cake', echo: 'hello', method: 'GET' });
  });

  test('literal segments match case-insensitively and a constraint that fails means 404', async () => {
    assert.equal((await fetch(`${host.baseUrl}/API/Items/7`)).status, 203);
    assert.equal((await fetch(`${host.baseUrl}/api/items/seven`)).status, 404);
    assert.equal((await fetch(`${host.baseUrl}/api/nowhere`)).status, 404);
    assert.equal((await fetch(`${host.baseUrl}/api/items/7`, { method: 'DELETE' })).status, 404);
  });

  test('a catch-all route receives the rest of the path and the raw body bytes, 120 MB included', async () => {
    const body = Buffer.alloc(120 * 1024 * 1024, 7);
    const response = await fetch(`${host.baseUrl}/api/measure/a/b%20c`, { method: 'POST', body });
    assert.equal(response.status, 200);
    const expectedSum = Math.ceil(body.length / 4096) * 7;
    assert.deepEqual(await response.json(), { length: body.length, sampleSum: expectedSum, rest: 'a/b c' });
  });

  test('with LONGRUN_HOST_FUNCTION_KEY set, a function-level route answers 401 without the key and 200 with it', async () => {
    assert.equal((await fetch(`${host.baseUrl}/api/secret`)).status, 401);
    assert.equal((await fetch(`${host.baseUrl}/api/secret`, { headers: { 'x-functions-key': 'wrong' } })).status, 401);
    const byHeader = await fetch(`${host.baseUrl}/api/secret`, { headers: { 'x-functions-key': KEY } });
    assert.equal(byHeader.status, 200);
    assert.equal(await byHeader.text(), 'the secret');
    assert.equal((await fetch(`${host.baseUrl}/api/secret?code=${KEY}`)).status, 200);
  });

  test('anonymous routes never need the key', async () => {
    assert.equal((await fetch(`${host.baseUrl}/api/items/1`)).status, 203);
  });

  test('@azure/functions runs against the provided functions-core, not in test mode', () => {
    assert.doesNotMatch(host.output(), /test mode/);
  });
});
