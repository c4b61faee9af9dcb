import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createOutboundClient } from '../../../shared/delivery/outboundClient';
import { startTestReceiver, type TestReceiver } from './testReceiver';

const local = { httpsOnly: false, allowedNetworks: ['127.0.0.0/8'] };

describe('outbound client GET (the token issuer’s documents) against a real loopback server', () => {
  let receiver: TestReceiver;
  const client = createOutboundClient({ ...local, timeoutMs: 60_000 });
  const quick = createOutboundClient({ ...local, timeoutMs: 300 });
  const guarded = createOutboundClient({ httpsOnly: false, allowedNetworks: [], timeoutMs: 2000 });
  const url = (): string => `http://127.0.0.1:${receiver.port}/keys?x=1`;

  before(async () => {
    receiver = await startTestReceiver();
  });
  beforeEach(() => {
    receiver.requests.length = 0;
  });
  after(async () => {
    await Promise.all([client.close(), quick.close(), guarded.close()]);
    await receiver.stop();
  });

  test('an answer comes back with its status and whole body, from one GET of the path and query', async () => {
    receiver.handle = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"keys":[]}');
    };
    const result = await client.get(url(), { maxBytes: 1024 });
    assert.equal(result.kind, 'answered');
    assert.equal(result.kind === 'answered' && result.status, 200);
    assert.equal(result.kind === 'answered' && result.body.toString(), '{"keys":[]}');
    assert.deepEqual(receiver.requests.map((r) => [r.method, r.url]), [['GET', '/keys?x=1']]);
  });

  test('a body over maxBytes is tooLarge and is not buffered whole', async () => {
    receiver.handle = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('x'.repeat(10_000));
    };
    assert.deepEqual(await client.get(url(), { maxBytes: 4096 }), { kind: 'tooLarge', maxBytes: 4096 });
  });

  test('a redirect is answered as it is, never followed', async () => {
    receiver.handle = (_req, res) => {
      res.writeHead(302, { location: `http://127.0.0.1:${receiver.port}/elsewhere` });
      res.end();
    };
    const result = await client.get(url(), { maxBytes: 1024 });
    assert.equal(result.kind === 'answered' && result.status, 302);
    assert.equal(receiver.requests.length, 1);
  });

  test('a server that never answers is timedOut', async () => {
    receiver.handle = () => undefined;
    assert.equal((await quick.get(url(), { maxBytes: 1024 })).kind, 'timedOut');
  });

  test('loopback is blocked unless allowed, and nothing is sent', async () => {
    const result = await guarded.get(url(), { maxBytes: 1024 });
    assert.equal(result.kind, 'blocked');
    assert.equal(receiver.requests.length, 0);
  });
});
