import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getFreePort } from '../../support/azurite';
import { MAX_RESPONSE_BYTES, createOutboundClient } from '../../../shared/delivery/outboundClient';
import { startTestReceiver, type TestReceiver } from './testReceiver';

const local = { httpsOnly: false, allowedNetworks: ['127.0.0.0/8'] };

describe('outbound client outcomes against a real loopback receiver', () => {
  let receiver: TestReceiver;
  const client = createOutboundClient({ ...local, timeoutMs: 60_000 });
  const quick = createOutboundClient({ ...local, timeoutMs: 300 });
  const url = (): string => `http://127.0.0.1:${receiver.port}/cb`;

  before(async () => {
    receiver = await startTestReceiver();
  });
  beforeEach(() => {
    receiver.requests.length = 0;
  });
  after(async () => {
    await Promise.all([client.close(), quick.close()]);
    await receiver.stop();
  });

  test('a receiver that never answers is timedOut', async () => {
    receiver.handle = () => undefined;
    const result = await quick.post(url(), '{}', {});
    assert.equal(result.kind, 'timedOut');
  });

  test('a 2xx whose body then stalls is still delivered: the status decides', async () => {
    receiver.handle = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial');
    };
    const result = await quick.post(url(), '{}', {});
    assert.equal(result.kind, 'delivered');
  });

  test('an endless response body is read only up to the cap, then the connection is dropped', { timeout: 20_000 }, async () => {
    let written = 0;
    let closed = false;
    receiver.handle = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(16 * 1024, 120);
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk)) written += chunk.length;
        if (!res.destroyed) res.once('drain', pump);
      };
      res.on('close', () => {
        closed = true;
      });
      pump();
    };
    // With a 60 s budget, only the cap can end this attempt before the test's own timeout.
    const result = await client.post(url(), '{}', {});
    assert.equal(result.kind, 'delivered');
    // The drop reaches the receiver's socket a moment later; on a loaded machine that moment varies.
    for (let waited = 0; !closed && waited < 5000; waited += 25) await new Promise((resolve) => setTimeout(resolve, 25));
    assert.ok(closed, 'the client dropped the connection');
    assert.ok(written < 64 * 1024 * 1024, `server wrote ${written} bytes`);
  });

  test('a declared Content-Length over the cap is refused without reading it', async () => {
    receiver.handle = (_req, res) => {
      res.writeHead(500, { 'content-length': String(MAX_RESPONSE_BYTES * 4) });
      res.write(Buffer.alloc(1024));
    };
    const result = await client.post(url(), '{}', {});
    assert.equal(result.kind === 'failureStatus' && result.status, 500);
  });

  test('Retry-After on 429 is parsed into seconds', async () => {
    receiver.handle = (_req, res) => res.writeHead(429, { 'retry-after': '120' }).end('slow down');
    assert.deepEqual(pick(await client.post(url(), '{}', {})), { kind: 'failureStatus', status: 429, retryAfterSeconds: 120 });
  });

  test('Retry-After as an HTTP-date on 503 is parsed into seconds from now', async () => {
    receiver.handle = (_req, res) => res.writeHead(503, { 'retry-after': new Date(Date.now() + 600_000).toUTCString() }).end();
    const result = await client.post(url(), '{}', {});
    assert.equal(result.kind, 'failureStatus');
    const seconds = result.kind === 'failureStatus' ? result.retryAfterSeconds ?? -1 : -1;
    assert.ok(seconds > 500 && seconds <= 600, String(seconds));
  });

  test('Retry-After on other statuses is ignored', async () => {
    receiver.handle = (_req, res) => res.writeHead(500, { 'retry-after': '120' }).end();
    assert.deepEqual(pick(await client.post(url(), '{}', {})), { kind: 'failureStatus', status: 500, retryAfterSeconds: undefined });
  });

  test('404 and 410 come back as failureStatus with their status', async () => {
    for (const status of [404, 410]) {
      receiver.handle = (_req, res) => res.writeHead(status).end();
      assert.deepEqual(pick(await client.post(url(), '{}', {})), { kind: 'failureStatus', status, retryAfterSeconds: undefined });
    }
  });

  test('a closed port is connectFailed', async () => {
    const port = await getFreePort();
    const result = await client.post(`http://127.0.0.1:${port}/cb`, '{}', {});
    assert.equal(result.kind, 'connectFailed');
    assert.match(result.kind === 'connectFailed' ? result.message : '', /ECONNREFUSED/);
  });

  test('https to a plain-http receiver is connectFailed, not a throw', async () => {
    const secure = createOutboundClient({ httpsOnly: true, allowedNetworks: ['127.0.0.0/8'], timeoutMs: 5000 });
    try {
      assert.equal((await secure.post(`https://127.0.0.1:${receiver.port}/cb`, '{}', {})).kind, 'connectFailed');
    } finally {
      await secure.close();
    }
  });
});

function pick(result: { kind: string; status?: number; retryAfterSeconds?: number }): object {
  return { kind: result.kind, status: result.status, retryAfterSeconds: result.retryAfterSeconds };
}
