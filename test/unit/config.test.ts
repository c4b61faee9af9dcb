import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig, loadSettings } from '../../shared/config';

const storage = { AzureWebJobsStorage: 'UseDevelopmentStorage=true' };

describe('config', () => {
  test('defaults follow ARCHITECTURE.md §7 when only storage is set', () => {
    const config = loadConfig(storage);
    assert.equal(config.LONGRUN_CALLBACK_HTTPS_ONLY, true);
    assert.deepEqual(config.LONGRUN_CALLBACK_ALLOWED_NETWORKS, []);
    assert.equal(config.LONGRUN_RETENTION_DAYS, 7);
    assert.equal(config.LONGRUN_HOOK_DISABLE_AFTER_HOURS, 120);
    assert.equal(config.LONGRUN_FEED_SETTLE_MS, 2000);
    assert.equal(config.LONGRUN_MAX_BODY_BYTES, 104_857_600);
    assert.deepEqual(config.storage, { kind: 'connectionString', connectionString: 'UseDevelopmentStorage=true' });
  });

  test('a wrong setting stops start-up with a message naming it', () => {
    assert.throws(() => loadConfig({ ...storage, LONGRUN_RETENTION_DAYS: 'abc' }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /LONGRUN_RETENTION_DAYS/);
      assert.match(error.message, /abc/);
      return true;
    });
  });

  test('each kind of bad value is refused with the setting named', () => {
    const cases: Record<string, string> = {
      LONGRUN_CALLBACK_HTTPS_ONLY: 'maybe',
      LONGRUN_CALLBACK_ALLOWED_NETWORKS: '10.0.0.0/99',
      LONGRUN_PUBLIC_BASE_URL: 'ftp://example.com',
      LONGRUN_MAX_BACKLOG: '-1',
      LONGRUN_FEED_SETTLE_MS: '1.5',
      LONGRUN_DELIVERY_SCHEDULE_SECONDS: '0,five',
    };
    for (const [name, value] of Object.entries(cases)) {
      assert.throws(() => loadConfig({ ...storage, [name]: value }), new RegExp(name), name);
    }
  });

  test('allowed networks parse as a list of CIDRs', () => {
    const config = loadConfig({ ...storage, LONGRUN_CALLBACK_ALLOWED_NETWORKS: '127.0.0.0/8, ::1/128' });
    assert.deepEqual(config.LONGRUN_CALLBACK_ALLOWED_NETWORKS, ['127.0.0.0/8', '::1/128']);
  });

  test('without a connection string the identity settings select managed identity', () => {
    const config = loadConfig({
      AzureWebJobsStorage__accountName: 'acct',
      AzureWebJobsStorage__credential: 'managedidentity',
      AzureWebJobsStorage__clientId: 'client-1',
      AzureWebJobsStorage__queueServiceUri: 'https://acct.queue.core.windows.net/',
    });
    assert.deepEqual(config.storage, {
      kind: 'identity',
      blobServiceUri: 'https://acct.blob.core.windows.net',
      queueServiceUri: 'https://acct.queue.core.windows.net',
      tableServiceUri: 'https://acct.table.core.windows.net',
      clientId: 'client-1',
    });
  });

  test('no storage setting at all is refused with a message naming AzureWebJobsStorage', () => {
    assert.throws(() => loadConfig({}), /AzureWebJobsStorage/);
  });

  test('LONGRUN_SECRET_KEYS is a comma-separated list of keys, newest first, blanks around them ignored', () => {
    const b64 = Buffer.alloc(32, 1).toString('base64');
    const text = 'a secret string of at least thirty-two characters';
    assert.deepEqual(loadConfig({ ...storage, LONGRUN_SECRET_KEYS: ` ${b64} ,${text}, ` }).LONGRUN_SECRET_KEYS, [b64, text]);
    assert.equal(loadConfig(storage).LONGRUN_SECRET_KEYS, undefined);
  });

  test('a key of LONGRUN_SECRET_KEYS shorter than 32 characters, or a list without a key, is a ConfigError naming the setting and never echoing a key', () => {
    const good = 'a secret string of at least thirty-two characters';
    for (const value of [`${good},too-short-a-secret`, 'too-short-a-secret', ' , ']) {
      assert.throws(() => loadConfig({ ...storage, LONGRUN_SECRET_KEYS: value }), (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /LONGRUN_SECRET_KEYS/);
        assert.ok(!error.message.includes('too-short') && !error.message.includes(good), error.message);
        return true;
      }, value);
    }
  });

  test('an unresolved Key Vault reference in LONGRUN_SECRET_KEYS is a ConfigError, not a key', () => {
    const reference = '@Microsoft.KeyVault(VaultName=kv-abc123;SecretName=longrun-secret-key)';
    assert.throws(() => loadConfig({ ...storage, LONGRUN_SECRET_KEYS: reference }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /LONGRUN_SECRET_KEYS/);
      assert.match(error.message, /Key Vault reference was not resolved/);
      return true;
    });
  });

  test('in Azure (WEBSITE_SITE_NAME set) the app refuses to start without a configured sealing key, naming LONGRUN_SECRET_KEYS', () => {
    const azure = { ...storage, WEBSITE_SITE_NAME: 'longrun-app', WEBSITE_HOSTNAME: 'longrun-app.azurewebsites.net' };
    assert.throws(() => loadConfig(azure), (error: unknown) => error instanceof ConfigError && /LONGRUN_SECRET_KEYS/.test(error.message) && /Azure/.test(error.message));
    assert.ok(loadConfig({ ...azure, LONGRUN_SECRET_KEYS: 'a secret string of at least thirty-two characters' }).appService);
    assert.ok(loadConfig({ ...azure, LONGRUN_SECRET_KEY: Buffer.alloc(32, 2).toString('base64') }).appService, 'the single key of earlier versions counts');
  });

  test('locally (no WEBSITE_SITE_NAME, even with the WEBSITE_HOSTNAME Core Tools sets) no key is needed: the local key blob serves', () => {
    const config = loadConfig({ ...storage, WEBSITE_HOSTNAME: 'localhost:7071' });
    assert.equal(config.LONGRUN_SECRET_KEYS, undefined);
    assert.equal(config.appService, undefined);
  });

  test('a bad secret setting is named but its value is never echoed', () => {
    const secret = Buffer.alloc(31, 7).toString('base64');
    assert.throws(() => loadConfig({ ...storage, LONGRUN_SECRET_KEY: secret }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /LONGRUN_SECRET_KEY/);
      assert.ok(!error.message.includes(secret));
      return true;
    });
  });
  test('LONGRUN_AUTH defaults to key; entra settings default to none and the role to Longrun.Caller', () => {
    const config = loadConfig(storage);
    assert.equal(config.LONGRUN_AUTH, 'key');
    assert.equal(config.LONGRUN_ENTRA_ISSUER, undefined);
    assert.equal(config.LONGRUN_ENTRA_AUDIENCE, undefined);
    assert.equal(config.LONGRUN_ENTRA_JWKS_URI, undefined);
    assert.equal(config.LONGRUN_ENTRA_ROLE, 'Longrun.Caller');
  });

  test('entra mode needs LONGRUN_ENTRA_ISSUER and LONGRUN_ENTRA_AUDIENCE, each named when missing', () => {
    const issuer = 'https://sts.windows.net/11111111-2222-3333-4444-555555555555/';
    assert.throws(() => loadConfig({ ...storage, LONGRUN_AUTH: 'entra', LONGRUN_ENTRA_AUDIENCE: 'api://longrun' }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /LONGRUN_ENTRA_ISSUER is invalid: required when LONGRUN_AUTH is entra/);
      return true;
    });
    assert.throws(() => loadConfig({ ...storage, LONGRUN_AUTH: 'entra', LONGRUN_ENTRA_ISSUER: issuer }), /LONGRUN_ENTRA_AUDIENCE is invalid: required/);
    const config = loadConfig({ ...storage, LONGRUN_AUTH: 'Entra', LONGRUN_ENTRA_ISSUER: issuer, LONGRUN_ENTRA_AUDIENCE: ' api://longrun ', LONGRUN_ENTRA_ROLE: 'Jobs.Start' });
    assert.equal(config.LONGRUN_AUTH, 'entra');
    assert.equal(config.LONGRUN_ENTRA_ISSUER, issuer, 'the issuer is kept exactly, trailing slash included: it must equal the tokens\' iss');
    assert.equal(config.LONGRUN_ENTRA_AUDIENCE, 'api://longrun');
    assert.equal(config.LONGRUN_ENTRA_ROLE, 'Jobs.Start');
  });

  test('an unknown auth mode or an issuer that is not a URL is refused, naming the setting', () => {
    assert.throws(() => loadConfig({ ...storage, LONGRUN_AUTH: 'oauth' }), /LONGRUN_AUTH/);
    assert.throws(() => loadConfig({ ...storage, LONGRUN_AUTH: 'entra', LONGRUN_ENTRA_ISSUER: 'login.microsoftonline.com/t', LONGRUN_ENTRA_AUDIENCE: 'a' }), /LONGRUN_ENTRA_ISSUER/);
    assert.throws(() => loadConfig({ ...storage, LONGRUN_ENTRA_JWKS_URI: 'ftp://keys' }), /LONGRUN_ENTRA_JWKS_URI/);
  });

  test('loadSettings reads the LONGRUN_* settings without storage (what registration reads at load)', () => {
    assert.equal(loadSettings({}).LONGRUN_AUTH, 'key');
    assert.throws(() => loadSettings({ LONGRUN_AUTH: 'entra' }), /LONGRUN_ENTRA_ISSUER/);
  });
});
