import assert from 'node:assert/strict';
import { join } from 'node:path';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { spawnHost, type SpawnedHost } from '../../support/spawnHost';
import { startHost } from '../../host/startHost';

const APP_ROOT = join(__dirname, '..', '..', '..', '..', 'test', 'host', 'fixtures', 'stream');

/** POSTs `total` bytes in `pieces` writes with a pause between them (a client still sending). */
function postSlowly(url: string, total: number, pieces: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'content-length': String(total), 'x-echo': 'hi' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    const piece = total / pieces;
    let sent = 0;
    const next = (): void => {
      req.write(Buffer.alloc(piece, 1));
      sent++;
      if (sent < pieces) setTimeout(next, 20);
      else req.end();
    };
    next();
  });
}

describe('stand-in host: HTTP streams (app.setup({ enableHttpStream: true }))', () => {
  let host: SpawnedHost;

  before(async () => {
    host = await spawnHost({ appRoot: APP_ROOT });
  });

  after(async () => {
    await host?.stop();
  });

  test('the body reaches the handler as a stream, chunk by chunk as the client sends it, with params, query, headers and URL', async () => {
    const answer = await postSlowly(`${host.baseUrl}/api/count/cake?q=1`, 8 * 64 * 1024, 8);
    assert.equal(answer.status, 201);
    const body = JSON.parse(answer.body) as Record<string, unknown>;
    assert.equal(body.bytes, 8 * 64 * 1024);
    assert.ok((body.chunks as number) >= 4, `${String(body.chunks)} chunks`);
    assert.ok((body.firstChunkBytes as number) <= 2 * 64 * 1024, `first chunk ${String(body.firstChunkBytes)} bytes`);
    assert.deepEqual([body.name, body.q, body.echo], ['cake', '1', 'hi']);
    assert.equal(body.url, `${host.baseUrl}/api/count/cake?q=1`);
  });

  test('status, headers and body of the handler come back; a handler that answers before reading the body is answered', async () => {
    const response = await fetch(`${host.baseUrl}/api/count/pie`, { method: 'POST', body: 'abc' });
    assert.equal(response.status, 201);
    assert.equal(response.headers.get('x-name'), 'pie');
    assert.equal(response.headers.get('content-type'), 'application/json');
    assert.equal(((await response.json()) as { bytes: number }).bytes, 3);
    const early = await fetch(`${host.baseUrl}/api/early`, { method: 'POST', body: Buffer.alloc(1024 * 1024) });
    assert.equal(early.status, 413);
    assert.equal(await early.text(), 'too large');
  });

  test('a handler that throws gets a 500', async () => {
    assert.equal((await fetch(`${host.baseUrl}/api/broken`)).status, 500);
  });

  test('a host started in-process closes the worker\'s HTTP proxy when it stops (the process can end)', async () => {
    const inProcess = await startHost({ appRoot: APP_ROOT, port: 0 });
    const response = await fetch(`${inProcess.baseUrl}/api/count/x`, { method: 'POST', body: 'ab' });
    assert.equal(((await response.json()) as { bytes: number }).bytes, 2);
    await inProcess.stop();
    // The test file's process ends only when nothing is left listening: a proxy left open would hang it.
  });
});
