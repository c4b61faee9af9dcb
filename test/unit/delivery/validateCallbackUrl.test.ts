import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_CALLBACK_URL_LENGTH, validateCallbackUrl, type CallbackUrlOptions } from '../../../shared/delivery/validateCallbackUrl';

const strict: CallbackUrlOptions = { httpsOnly: true, allowedNetworks: [] };
const secret = 'sig=SECRETSECRET';

function refusal(raw: unknown, options = strict): { kind: string; reason: string } {
  const verdict = validateCallbackUrl(raw, options);
  assert.equal(verdict.ok, false, `expected ${String(raw)} to be refused`);
  return verdict.ok ? { kind: '', reason: '' } : { kind: verdict.kind, reason: verdict.reason };
}

describe('validateCallbackUrl', () => {
  test('accepts a Logic Apps style https callback URL and returns it parsed', () => {
    const raw = `https://prod-00.westeurope.logic.azure.com/workflows/abc/runs/1/actions/A/run?api-version=2016-06-01&sp=%2Fruns&sv=1.0&${secret}`;
    const verdict = validateCallbackUrl(raw, strict);
    assert.equal(verdict.ok, true);
    assert.equal(verdict.ok && verdict.url.hostname, 'prod-00.westeurope.logic.azure.com');
  });

  test('refuses values that are not absolute http(s) URLs as invalidUrl', () => {
    for (const raw of [undefined, 42, '', '   ', '/relative/path', 'not a url', 'ftp://example.com/x', 'javascript:alert(1)', 'file:///etc/passwd']) {
      assert.equal(refusal(raw).kind, 'invalidUrl', String(raw));
    }
  });

  test('refuses a URL with user info', () => {
    assert.equal(refusal('https://user:pw@example.com/x').kind, 'invalidUrl');
    assert.equal(refusal('https://user@example.com/x').kind, 'invalidUrl');
  });

  test(`refuses a URL longer than ${MAX_CALLBACK_URL_LENGTH} characters`, () => {
    const base = 'https://example.com/?q=';
    assert.equal(validateCallbackUrl(base + 'a'.repeat(MAX_CALLBACK_URL_LENGTH - base.length), strict).ok, true);
    assert.equal(refusal(base + 'a'.repeat(MAX_CALLBACK_URL_LENGTH - base.length + 1)).kind, 'invalidUrl');
  });

  test('refuses http: unless https-only is off', () => {
    assert.equal(refusal('http://example.com/cb').kind, 'blocked');
    assert.equal(validateCallbackUrl('http://example.com/cb', { httpsOnly: false, allowedNetworks: [] }).ok, true);
  });

  test('refuses literal IP hosts the address policy refuses, in every spelling the URL parser accepts', () => {
    for (const raw of ['https://127.0.0.1/', 'https://127.1/', 'https://0x7f000001/', 'https://[::1]/', 'https://[::ffff:127.0.0.1]/', 'https://169.254.169.254/latest/meta-data', 'https://[64:ff9b::7f00:1]/', 'https://0.0.0.0/']) {
      assert.equal(refusal(raw).kind, 'blocked', raw);
    }
  });

  test('refuses the Azure WireServer in every spelling the URL parser accepts (decimal, hex, octal, short forms, IPv6), whatever networks are allowed', () => {
    const open = { httpsOnly: false, allowedNetworks: ['0.0.0.0/0', '::/0'] };
    const spellings = [
      'https://168.63.129.16/machine?comp=goalstate',
      'https://168.63.129.16:32526/vmSettings',
      'https://2822734096/',
      'https://0xa83f8110/',
      'https://0250.077.0201.020/',
      'https://0xa8.0x3f.0x81.0x10/',
      'https://168.63.33040/',
      'https://168.4161808/',
      'https://[::ffff:168.63.129.16]/',
      'https://[::ffff:a83f:8110]/',
      'https://[64:ff9b::a83f:8110]/',
    ];
    for (const raw of spellings) {
      for (const options of [strict, open]) {
        const refused = refusal(raw, options);
        assert.equal(refused.kind, 'blocked', raw);
        assert.match(refused.reason, /168\.63\.129\.16 is the Azure WireServer/, raw);
      }
    }
  });

  test('accepts a literal IP host inside an allowed network', () => {
    assert.equal(validateCallbackUrl('http://127.0.0.1:7071/cb', { httpsOnly: false, allowedNetworks: ['127.0.0.0/8'] }).ok, true);
  });

  test('never repeats the URL or its secret in the reason', () => {
    for (const raw of [`http://example.com/?${secret}`, `https://u:p@example.com/?${secret}`, `https://10.0.0.1/?${secret}`, `gopher://x/?${secret}`]) {
      assert.doesNotMatch(refusal(raw).reason, /SECRET|example\.com/);
    }
  });
});
