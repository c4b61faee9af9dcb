import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAddressPolicy, isIpLiteral } from '../../../shared/delivery/addressPolicy';

const refused: Array<[string, RegExp]> = [
  ['127.0.0.1', /loopback/],
  ['::1', /loopback/],
  ['10.0.0.1', /private/],
  ['172.16.0.1', /private/],
  ['192.168.1.1', /private/],
  ['169.254.169.254', /linkLocal/],
  ['100.64.0.1', /carrierGradeNat/],
  ['fc00::1', /uniqueLocal/],
  ['fd12:3456::1', /uniqueLocal/],
  ['fe80::1', /linkLocal/],
  ['0.0.0.0', /unspecified/],
  ['::', /unspecified/],
  ['255.255.255.255', /broadcast/],
  ['224.0.0.1', /multicast/],
  ['ff02::1', /multicast/],
  ['240.0.0.1', /reserved/],
  ['192.0.2.1', /reserved/],
  ['198.18.0.1', /reserved/],
  ['2001:db8::1', /reserved/],
  ['2001:2::1', /benchmarking/],
  ['::ffff:127.0.0.1', /embeds 127\.0\.0\.1 is loopback/],
  ['::ffff:169.254.169.254', /embeds 169\.254\.169\.254 is linkLocal/],
  ['::ffff:0:a00:1', /embeds 10\.0\.0\.1 is private/],
  ['64:ff9b::7f00:1', /embeds 127\.0\.0\.1 is loopback/],
  ['64:ff9b::a9fe:a9fe', /embeds 169\.254\.169\.254/],
  ['64:ff9b:1::808:808', /local-use NAT64/],
  ['2002:7f00:1::1', /embeds 127\.0\.0\.1 is loopback/],
  ['2002:c0a8:101::1', /embeds 192\.168\.1\.1 is private/],
  ['2001:0:4136:e378:8000:63bf:80ff:fffe', /embeds 127\.0\.0\.1 is loopback/],
  ['::7f00:1', /embeds 127\.0\.0\.1 is loopback/],
];

describe('address policy (ARCHITECTURE.md §6)', () => {
  const policy = createAddressPolicy();

  for (const [address, reason] of refused) {
    test(`refuses ${address}`, () => {
      const verdict = policy(address);
      assert.equal(verdict.allowed, false);
      assert.match(verdict.allowed ? '' : verdict.reason, reason);
    });
  }

  for (const address of ['93.184.215.14', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1']) {
    test(`allows the public unicast address ${address}`, () => {
      assert.deepEqual(policy(address), { allowed: true });
    });
  }

  test('refuses anything that is not an IP address, including legacy IPv4 spellings', () => {
    for (const text of ['localhost', '0x7f.1', '127.1', '', '1.2.3.4.5']) assert.equal(policy(text).allowed, false, text);
  });

  test('an allowed network overrides refusal for addresses inside it only', () => {
    const local = createAddressPolicy(['127.0.0.0/8', 'fd00::/8']);
    assert.deepEqual(local('127.0.0.1'), { allowed: true });
    assert.deepEqual(local('127.9.9.9'), { allowed: true });
    assert.deepEqual(local('fd00::5'), { allowed: true });
    assert.equal(local('10.0.0.1').allowed, false);
    assert.equal(local('::1').allowed, false);
    assert.equal(local('169.254.169.254').allowed, false);
  });

  test('an allowed IPv4 network also covers its IPv4-mapped IPv6 spelling', () => {
    const local = createAddressPolicy(['127.0.0.0/8']);
    assert.deepEqual(local('::ffff:127.0.0.1'), { allowed: true });
  });

  test('a bracketed IPv6 literal is classified like the bare address', () => {
    assert.equal(policy('[::1]').allowed, false);
    assert.equal(isIpLiteral('[::1]'), true);
    assert.equal(isIpLiteral('example.com'), false);
  });

  // 168.63.129.16 = 0xa83f8110; 169.254.169.254 = 0xa9fea9fe.
  const wireServerForms = ['168.63.129.16', '::ffff:168.63.129.16', '::ffff:a83f:8110', '[::ffff:a83f:8110]', '::ffff:0:a83f:8110', '64:ff9b::a83f:8110', '2002:a83f:8110::1', '::a83f:8110', '2001:0:4136:e378:8000:63bf:57c0:7eef'];
  const metadataForms = ['169.254.169.254', '::ffff:169.254.169.254', '::ffff:a9fe:a9fe', '64:ff9b::a9fe:a9fe', '2002:a9fe:a9fe::1'];

  test('refuses the Azure WireServer 168.63.129.16, a public address, in every IP spelling, naming it', () => {
    for (const address of wireServerForms) {
      const verdict = policy(address);
      assert.equal(verdict.allowed, false, address);
      assert.match(verdict.allowed ? '' : verdict.reason, /168\.63\.129\.16 is the Azure WireServer/, address);
    }
    assert.deepEqual(policy('168.63.129.17'), { allowed: true }, 'its neighbours are ordinary public addresses');
  });

  test('no allowed network opens the Azure platform endpoints (WireServer, instance metadata), not even one naming them', () => {
    const everything = createAddressPolicy(['0.0.0.0/0', '::/0', '168.63.129.16/32', '169.254.169.254/32', '::ffff:a83f:8110/128']);
    for (const address of [...wireServerForms, ...metadataForms]) assert.equal(everything(address).allowed, false, address);
    assert.deepEqual(everything('127.0.0.1'), { allowed: true }, 'the allow-list still works for everything else');
    assert.deepEqual(everything('169.254.1.1'), { allowed: true });
  });

  test('a malformed allowed network is rejected when the policy is built', () => {
    assert.throws(() => createAddressPolicy(['not-a-cidr']));
  });
});
