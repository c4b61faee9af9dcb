import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createOutboundClient, type OutboundClient } from '../../../shared/delivery/outboundClient';
import { startTestReceiver, type TestReceiver } from './testReceiver';

describe('outbound client safety against a real loopback receiver', () => {
  let receiver: TestReceiver;
  const asked: string[] = [];
  // example.test and metadata.test stand for public names whose DNS answers loopback (rebinding).
  const resolve = (host: string): Promise<string[]> => {
    asked.push(host);
    return Promise.resolve(host === 'localhost' ? ['127.0.0.1', '::1'] : ['127.0.0.1']);
  };
  const clients: OutboundClient[] = [];
  const client = (options: { httpsOnly: boolean; allowedNetworks: string[] }): OutboundClient => {
    const built = createOutboundClient({ ...options, timeoutMs: 5000, resolve });
    clients.push(built);
    return built;
  };

  before(async () => {
    receiver = await startTestReceiver();
  });
  beforeEach(() => {
    receiver.requests.length = 0;
    asked.length = 0;
    receiver.handle = (_req, res) => {
      res.statusCode = 204;
      res.end();
    };
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await receiver.stop();
  });

  test('by default refuses the receiver as literal 127.0.0.1, as localhost and as a name resolving to loopback', async () => {
    const strict = client({ httpsOnly: false, allowedNetworks: [] });
    for (const host of ['127.0.0.1', 'localhost', 'example.test', '[::ffff:127.0.0.1]']) {
      const result = await strict.post(`http://${host}:${receiver.port}/cb?sig=SECRET`, '{}', {});
      assert.equal(result.kind, 'blocked', host);
      assert.doesNotMatch(JSON.stringify(result), /SECRET/);
    }
    assert.equal(receiver.requests.length, 0);
  });

  test('with real DNS, localhost is refused too', async () => {
    const strict = createOutboundClient({ httpsOnly: false, allowedNetworks: [], timeoutMs: 5000 });
    clients.push(strict);
    assert.equal((await strict.post(`http://localhost:${receiver.port}/cb`, '{}', {})).kind, 'blocked');
    assert.equal(receiver.requests.length, 0);
  });

  test('connects when the allowed networks list loopback and https-only is off', async () => {
    const local = client({ httpsOnly: false, allowedNetworks: ['127.0.0.0/8'] });
    const direct = await local.post(`http://127.0.0.1:${receiver.port}/cb?x=1`, '{"a":1}', { 'content-type': 'application/json', 'webhook-id': 'msg_1' });
    assert.equal(direct.kind, 'delivered');
    assert.equal(direct.kind === 'delivered' && direct.status, 204);
    const named = await local.post(`http://example.test:${receiver.port}/named`, 'x', {});
    assert.equal(named.kind, 'delivered');
    assert.deepEqual(asked, ['example.test']);
    assert.deepEqual(
      receiver.requests.map((r) => [r.method, r.url, r.body]),
      [['POST', '/cb?x=1', '{"a":1}'], ['POST', '/named', 'x']],
    );
    assert.equal(receiver.requests[0]?.headers['webhook-id'], 'msg_1');
  });

  test('https-only refuses http even inside an allowed network', async () => {
    const httpsOnly = client({ httpsOnly: true, allowedNetworks: ['127.0.0.0/8'] });
    const result = await httpsOnly.post(`http://127.0.0.1:${receiver.port}/cb`, '{}', {});
    assert.equal(result.kind, 'blocked');
    assert.equal(receiver.requests.length, 0);
  });

  test('a 302 to the metadata address is a failureStatus 302 and is never followed', async () => {
    receiver.handle = (_req, res) => {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    };
    const local = client({ httpsOnly: false, allowedNetworks: ['127.0.0.0/8'] });
    const result = await local.post(`http://127.0.0.1:${receiver.port}/cb`, '{}', {});
    assert.equal(result.kind, 'failureStatus');
    assert.equal(result.kind === 'failureStatus' && result.status, 302);
    assert.equal(receiver.requests.length, 1);
  });

  test('a redirect to an allowed URL is not followed either: the receiver sees one request', async () => {
    const target = await startTestReceiver();
    try {
      for (const status of [301, 302, 307, 308]) {
        receiver.requests.length = 0;
        receiver.handle = (_req, res) => {
          res.writeHead(status, { location: `http://metadata.test:${target.port}/moved` }).end();
        };
        const local = client({ httpsOnly: false, allowedNetworks: ['127.0.0.0/8'] });
        const result = await local.post(`http://127.0.0.1:${receiver.port}/cb`, '{}', {});
        assert.equal(result.kind === 'failureStatus' && result.status, status);
        assert.equal(receiver.requests.length, 1);
      }
      assert.equal(target.requests.length, 0);
      assert.ok(!asked.includes('metadata.test'));
    } finally {
      await target.stop();
    }
  });
});
