import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { createAddressPolicy } from '../../../shared/delivery/addressPolicy';
import { BlockedAddressError, createGuardedLookup } from '../../../shared/delivery/guardedLookup';

type Answer = { error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number };

function lookupWith(addresses: string[], options: LookupOptions, allowed: string[] = []): Promise<Answer> {
  const lookup = createGuardedLookup(() => Promise.resolve(addresses), createAddressPolicy(allowed));
  return new Promise((resolve) => {
    lookup('host.test', options, (error, address, family) => resolve({ error, address, family }));
  });
}

describe('guarded connect lookup', () => {
  test('hands back only the allowed addresses, in the array form net asks for with all: true', async () => {
    const answer = await lookupWith(['127.0.0.1', '93.184.215.14', '10.0.0.1', '2606:4700::1111'], { all: true });
    assert.equal(answer.error, null);
    assert.deepEqual(answer.address, [
      { address: '93.184.215.14', family: 4 },
      { address: '2606:4700::1111', family: 6 },
    ]);
  });

  test('answers one address and its family without all: true, honouring a requested family', async () => {
    const answer = await lookupWith(['93.184.215.14', '2606:4700::1111'], { family: 6 });
    assert.equal(answer.error, null);
    assert.equal(answer.address, '2606:4700::1111');
    assert.equal(answer.family, 6);
  });

  test('fails with BlockedAddressError naming the range when every address is refused', async () => {
    const answer = await lookupWith(['127.0.0.1', '::1'], { all: true });
    assert.ok(answer.error instanceof BlockedAddressError);
    assert.match(answer.error.reason, /127\.0\.0\.1 is loopback/);
  });

  test('passes loopback when an allowed network lists it', async () => {
    const answer = await lookupWith(['127.0.0.1'], { all: true }, ['127.0.0.0/8']);
    assert.deepEqual(answer.address, [{ address: '127.0.0.1', family: 4 }]);
  });

  test('a name that resolves to the Azure WireServer or the metadata address is refused at connect time, even with every network allowed', async () => {
    const answer = await lookupWith(['168.63.129.16', '169.254.169.254', '::ffff:a83f:8110'], { all: true }, ['0.0.0.0/0', '::/0']);
    assert.ok(answer.error instanceof BlockedAddressError);
    assert.match(answer.error.reason, /168\.63\.129\.16 is the Azure WireServer/);
  });

  test('passes a resolver failure through as the connect error', async () => {
    const lookup = createGuardedLookup(() => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND host.test'), { code: 'ENOTFOUND' })), createAddressPolicy());
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => lookup('host.test', { all: true }, (e) => resolve(e)));
    assert.equal(error?.code, 'ENOTFOUND');
  });
});
