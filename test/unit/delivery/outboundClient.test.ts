import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createOutboundClient } from '../../../shared/delivery/outboundClient';

// Nothing here reaches the network: every address is refused before a socket is opened.
const refused = ['127.0.0.1', '::1', '10.0.0.1', '172.16.0.1', '192.168.1.1', '169.254.169.254', '168.63.129.16', '::ffff:a83f:8110', '100.64.0.1', 'fc00::1', 'fe80::1', '::ffff:127.0.0.1', '0.0.0.0', '64:ff9b::7f00:1'];

describe('outbound client refuses internal addresses', () => {
  let resolved = '';
  const client = createOutboundClient({ httpsOnly: true, allowedNetworks: [], timeoutMs: 2000, resolve: () => Promise.resolve([resolved]) });
  after(() => client.close());

  for (const address of refused) {
    const host = address.includes(':') ? `[${address}]` : address;
    test(`refuses ${address} as a literal URL host`, async () => {
      const result = await client.post(`https://${host}/cb?sig=SECRET`, '{}', {});
      assert.equal(result.kind, 'blocked');
      assert.doesNotMatch(JSON.stringify(result), /SECRET/);
    });

    test(`refuses a host name that resolves to ${address}`, async () => {
      resolved = address;
      const result = await client.post('https://callback.example.test/cb', '{}', {});
      assert.equal(result.kind, 'blocked');
    });
  }

  test('reports a malformed or user-info URL as invalidUrl', async () => {
    assert.equal((await client.post('not a url', '{}', {})).kind, 'invalidUrl');
    assert.equal((await client.post('https://u:p@example.test/', '{}', {})).kind, 'invalidUrl');
  });
});
