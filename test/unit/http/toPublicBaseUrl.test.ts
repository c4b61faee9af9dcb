import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { toPublicBaseUrl, type PublicUrlSettings } from '../../../shared/http/toPublicBaseUrl';
import { readForwardedOrigin } from '../../../shared/http/readForwardedOrigin';
import { isProblem } from '../../../shared/model/errors';
import { loadConfig } from '../../../shared/config';

const plain: PublicUrlSettings = { LONGRUN_TRUST_FORWARDED_HEADERS: false };
const trusting: PublicUrlSettings = { LONGRUN_TRUST_FORWARDED_HEADERS: true };
const inAzure: PublicUrlSettings = { LONGRUN_TRUST_FORWARDED_HEADERS: false, appService: { siteName: 'longrun-app', hostname: 'longrun-app.azurewebsites.net' } };
const base = (settings: PublicUrlSettings, url: string, headers: Record<string, string> = {}) => toPublicBaseUrl({ url, headers: new Headers(headers) }, settings);
const is400 = (error: unknown) => isProblem(error) && error.status === 400;

describe('toPublicBaseUrl: the base of every URL handed out comes from a trusted source', () => {
  test('by default it is the request URL’s own origin, whatever X-Forwarded-Host and X-Forwarded-Proto say', () => {
    assert.equal(base(plain, 'http://localhost:7071/api/jobs/bake'), 'http://localhost:7071/api');
    assert.equal(base(plain, 'https://longrun.example/api/jobs/bake', { 'x-forwarded-host': 'attacker.example', 'x-forwarded-proto': 'http' }), 'https://longrun.example/api');
  });

  test('untrusted forwarded headers are not even parsed: a malformed one is ignored, not refused', () => {
    for (const host of ['exa mple', '%', 'a:99999', '[::1', 'a/b?c#d']) {
      assert.equal(base(plain, 'https://longrun.example/api/x', { 'x-forwarded-host': host }), 'https://longrun.example/api', host);
    }
  });

  test('in Azure it is https:// and WEBSITE_HOSTNAME, not the request’s host', () => {
    assert.equal(base(inAzure, 'http://10.0.0.4:8080/api/x', { 'x-forwarded-host': 'attacker.example' }), 'https://longrun-app.azurewebsites.net/api');
  });

  test('LONGRUN_PUBLIC_BASE_URL wins over everything, with /api added once', () => {
    const configured = { ...trusting, ...inAzure, LONGRUN_TRUST_FORWARDED_HEADERS: true, LONGRUN_PUBLIC_BASE_URL: 'https://longrun.example.com' };
    assert.equal(base(configured, 'http://x/api/y', { 'x-forwarded-host': 'evil.example' }), 'https://longrun.example.com/api');
    assert.equal(base({ ...plain, LONGRUN_PUBLIC_BASE_URL: 'https://gw.example.com/longrun/api' }, 'http://x/api/y'), 'https://gw.example.com/longrun/api');
  });

  test('with LONGRUN_TRUST_FORWARDED_HEADERS the first value of each forwarded header is used, over WEBSITE_HOSTNAME too', () => {
    assert.equal(base(trusting, 'http://10.0.0.4/api/x', { 'x-forwarded-proto': 'https, http', 'x-forwarded-host': 'api.example.com, proxy' }), 'https://api.example.com/api');
    assert.equal(base({ ...inAzure, LONGRUN_TRUST_FORWARDED_HEADERS: true }, 'http://10.0.0.4/api/x', { 'x-forwarded-host': 'API.Example.com:8443' }), 'http://api.example.com:8443/api');
    assert.equal(base(trusting, 'http://10.0.0.4/api/x', { 'x-forwarded-proto': 'HTTPS', 'x-forwarded-host': '[2001:DB8::1]:443' }), 'https://[2001:db8::1]/api', 'the default port is dropped');
    assert.equal(base(trusting, 'http://10.0.0.4:7071/api/x', { 'x-forwarded-proto': 'https' }), 'https://10.0.0.4:7071/api', 'a proto alone keeps the request host');
    assert.equal(base(trusting, 'http://10.0.0.4:7071/api/x'), 'http://10.0.0.4:7071/api', 'no forwarded header: the request URL');
  });

  test('with LONGRUN_TRUST_FORWARDED_HEADERS a malformed forwarded host or proto is a 400 problem naming the header', () => {
    for (const host of ['exa mple', '%', 'a:99999', 'a:0', 'a:', 'a:080', '[::1', '[::1]x', 'a/b?c#d', 'a@b', '-a.example', 'a..b', 'example.123', '0x7f.1', '1.2.3', '[fe80::1%eth0]', '[v1.x]', ', a.example', 'x'.repeat(64)]) {
      assert.throws(() => base(trusting, 'http://x/api/y', { 'x-forwarded-host': host }), (error: unknown) => is400(error) && /X-Forwarded-Host/.test((error as Error).message), host);
    }
    for (const proto of ['ftp', 'javascript', 'https:', 'http s', ', https']) {
      assert.throws(() => base(trusting, 'http://x/api/y', { 'x-forwarded-proto': proto }), (error: unknown) => is400(error) && /X-Forwarded-Proto/.test((error as Error).message), proto);
    }
  });

  test('readForwardedOrigin reads host names, IPv4 and IPv6 literals with ports from 1 to 65535', () => {
    const read = (host: string) => readForwardedOrigin(new Headers({ 'x-forwarded-host': host })).host;
    assert.equal(read('a.example'), 'a.example');
    assert.equal(read('xn--bcher-kva.example:1'), 'xn--bcher-kva.example:1');
    assert.equal(read('203.0.113.7:65535'), '203.0.113.7:65535');
    assert.equal(read('[::ffff:203.0.113.7]'), '[::ffff:cb00:7107]');
    assert.equal(read('localhost'), 'localhost');
    assert.deepEqual(readForwardedOrigin(new Headers({ 'x-forwarded-host': '  ', 'x-forwarded-proto': '' })), {}, 'blank headers are absent');
  });

  test('the config reads LONGRUN_TRUST_FORWARDED_HEADERS (default false) and, in Azure only, WEBSITE_HOSTNAME', () => {
    const storage = { AzureWebJobsStorage: 'UseDevelopmentStorage=true' };
    assert.equal(loadConfig(storage).LONGRUN_TRUST_FORWARDED_HEADERS, false);
    assert.equal(loadConfig({ ...storage, LONGRUN_TRUST_FORWARDED_HEADERS: 'true' }).LONGRUN_TRUST_FORWARDED_HEADERS, true);
    assert.throws(() => loadConfig({ ...storage, LONGRUN_TRUST_FORWARDED_HEADERS: 'yes' }), /LONGRUN_TRUST_FORWARDED_HEADERS/);
    // Core Tools sets WEBSITE_HOSTNAME=localhost:<port> on a local run: without WEBSITE_SITE_NAME it is not Azure's.
    assert.equal(loadConfig({ ...storage, WEBSITE_HOSTNAME: 'localhost:7071' }).appService, undefined);
    const azure = loadConfig({ ...storage, WEBSITE_SITE_NAME: 'app', WEBSITE_HOSTNAME: 'app.azurewebsites.net', LONGRUN_SECRET_KEYS: 'k'.repeat(32) });
    assert.deepEqual(azure.appService, { siteName: 'app', hostname: 'app.azurewebsites.net' });
    assert.equal(base(azure, 'http://127.0.0.1/api/x'), 'https://app.azurewebsites.net/api');
  });

  test('a base computed once is reused only where it holds: the same settings, or the same request origin without a fixed base', () => {
    const url = 'http://10.0.0.4:8080/api/jobs/bake';
    assert.equal(base(plain, url), 'http://10.0.0.4:8080/api');
    assert.equal(base(inAzure, url), 'https://longrun-app.azurewebsites.net/api', 'another settings object: its own base');
    assert.equal(base(plain, url), 'http://10.0.0.4:8080/api', 'the request origin\'s base again');
    assert.equal(base(plain, 'http://10.0.0.5:8080/api/x'), 'http://10.0.0.5:8080/api', 'another origin: its own base');
    assert.equal(base(trusting, url, { 'x-forwarded-host': 'a.example' }), 'http://a.example/api', 'trusted forwarded headers are read on every request');
    assert.equal(base(trusting, url, { 'x-forwarded-host': 'b.example' }), 'http://b.example/api');
  });
});
