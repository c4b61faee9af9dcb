import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readBicepFile } from './bicepFile';
import { identifiersIn, property, propertyKeys, propertyPath, stringValue } from './bicepQuery';
import { listBicepFiles } from './bicepSyntax';
import { repoPaths } from './repoPaths';
import { appSettings, siteParams, type AuthMode } from './siteSettings';
import { loadConfig } from '../../../shared/config';

/** A value like the one azd generates for longrunSecretKeys: 64 letters and digits. */
function generatedSealingKey(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return Array.from({ length: 64 }, () => alphabet[randomInt(alphabet.length)]).join('');
}

describe('the Flex Consumption plan and function app', () => {
  test('the plan is FC1 in the FlexConsumption tier, on Linux', async () => {
    const main = await readBicepFile(repoPaths.mainBicep);
    const [plan] = main.withTarget('module', 'avm/res/web/serverfarm:');
    const params = property(plan?.value, 'params');
    assert.equal(stringValue(propertyPath(params, ['sku', 'name'])), 'FC1');
    assert.equal(stringValue(propertyPath(params, ['sku', 'tier'])), 'FlexConsumption');
    assert.equal(property(params, 'reserved')?.text, 'true');
  });

  test('the app is a Linux function app running Node.js 22 over https only', async () => {
    const { params } = await siteParams();
    assert.equal(stringValue(property(params, 'kind')), 'functionapp,linux');
    const runtime = propertyPath(params, ['functionAppConfig', 'runtime']);
    assert.equal(stringValue(property(runtime, 'name')), 'node');
    assert.equal(stringValue(property(runtime, 'version')), '22');
    assert.equal(property(params, 'httpsOnly')?.text, 'true');
  });

  test('the app runs as the user-assigned identity only and carries the azd service tag', async () => {
    const { params } = await siteParams();
    assert.equal(propertyPath(params, ['managedIdentities', 'systemAssigned'])?.text, 'false');
    assert.ok(identifiersIn(propertyPath(params, ['managedIdentities', 'userAssignedResourceIds'])).has('identityId'));
    assert.match(property(params, 'tags')?.text ?? '', /'azd-service-name':\s*'api'/);
  });

  test('instance memory and maximum instance count come from main.bicep parameters (defaults 2048 and 100)', async () => {
    const main = await readBicepFile(repoPaths.mainBicep);
    assert.equal(main.get('param', 'instanceMemoryMB').value?.text, '2048');
    assert.equal(main.get('param', 'maximumInstanceCount').value?.text, '100');
    const { params } = await siteParams();
    const scale = propertyPath(params, ['functionAppConfig', 'scaleAndConcurrency']);
    assert.equal(property(scale, 'instanceMemoryMB')?.text, 'instanceMemoryMB');
    assert.equal(property(scale, 'maximumInstanceCount')?.text, 'maximumInstanceCount');
  });
});

describe('the app settings are identity-based with production defaults', () => {
  test('the host reaches storage through the identity: credential, client id and the three service URIs', async () => {
    const settings = await appSettings('key');
    assert.equal(stringValue(settings.get('AzureWebJobsStorage__credential')), 'managedidentity');
    assert.equal(settings.get('AzureWebJobsStorage__clientId')?.text, 'identityClientId');
    for (const service of ['blob', 'queue', 'table']) {
      assert.equal(
        settings.get(`AzureWebJobsStorage__${service}ServiceUri`)?.text,
        `account.properties.primaryEndpoints.${service}`,
      );
    }
  });

  test('the client id is given once, in AzureWebJobsStorage__clientId, which the app\'s credential reads (no AZURE_CLIENT_ID)', async () => {
    for (const mode of ['key', 'entra'] as const) assert.ok(!(await appSettings(mode)).has('AZURE_CLIENT_ID'), `AZURE_CLIENT_ID is set (${mode})`);
    const config = loadConfig({
      AzureWebJobsStorage__clientId: '00000000-0000-4000-8000-000000000002',
      AzureWebJobsStorage__accountName: 'stexample',
    });
    assert.equal(config.storage.kind === 'identity' ? config.storage.clientId : undefined, '00000000-0000-4000-8000-000000000002');
  });

  test('no connection string or Flex-rejected runtime setting is configured', async () => {
    for (const mode of ['key', 'entra'] as const) {
      const keys = [...(await appSettings(mode)).keys()];
      for (const forbidden of ['AzureWebJobsStorage', 'FUNCTIONS_WORKER_RUNTIME', 'FUNCTIONS_EXTENSION_VERSION', 'WEBSITE_RUN_FROM_PACKAGE']) {
        assert.ok(!keys.includes(forbidden), `${forbidden} must not be set (${mode})`);
      }
    }
  });

  test('telemetry authenticates with the identity (Authorization=AAD) to an App Insights without local auth', async () => {
    const settings = await appSettings('key');
    assert.equal(settings.get('APPLICATIONINSIGHTS_AUTHENTICATION_STRING')?.text, "'ClientId=${identityClientId};Authorization=AAD'");
    assert.ok(settings.has('APPLICATIONINSIGHTS_CONNECTION_STRING'));
    const main = await readBicepFile(repoPaths.mainBicep);
    const [insights] = main.withTarget('module', 'avm/res/insights/component:');
    assert.equal(propertyPath(insights?.value, ['params', 'disableLocalAuth'])?.text, 'true');
  });

  test('every LONGRUN_* setting the infrastructure sets is one shared/config.ts reads', async () => {
    const configSource = readFileSync(repoPaths.configSource, 'utf8');
    for (const mode of ['key', 'entra'] as const) {
      const longrun = [...(await appSettings(mode)).keys()].filter((key) => key.startsWith('LONGRUN_'));
      for (const key of longrun) {
        const read = configSource.includes(`${key}:`);
        assert.ok(read, `${key} is not a setting of shared/config.ts`);
      }
    }
  });

  test('the tuning settings are set to the production defaults: https callbacks to public addresses only', async () => {
    const settings = await appSettings('key');
    const names = ['LONGRUN_CALLBACK_HTTPS_ONLY', 'LONGRUN_CALLBACK_ALLOWED_NETWORKS', 'LONGRUN_RETENTION_DAYS', 'LONGRUN_HOOK_DISABLE_AFTER_HOURS', 'LONGRUN_FEED_SETTLE_MS'];
    assert.deepEqual(Object.fromEntries(names.map((key) => [key, stringValue(settings.get(key))])), {
      LONGRUN_CALLBACK_HTTPS_ONLY: 'true',
      LONGRUN_CALLBACK_ALLOWED_NETWORKS: '',
      LONGRUN_RETENTION_DAYS: '7',
      LONGRUN_HOOK_DISABLE_AFTER_HOURS: '120',
      LONGRUN_FEED_SETTLE_MS: '2000',
    });
  });

  for (const mode of ['key', 'entra'] as const satisfies readonly AuthMode[]) {
    test(`the settings (${mode} callers), with deployment-time values filled in, load through loadConfig as identity storage`, async () => {
      const settings = await appSettings(mode);
      const clientId = '00000000-0000-4000-8000-000000000001';
      // What the platform and the deployment put in place of the expressions.
      const deploymentTime: Record<string, string> = {
        LONGRUN_SECRET_KEYS: generatedSealingKey(), // the Key Vault reference, resolved
        LONGRUN_ENTRA_ISSUER: 'https://login.microsoftonline.com/00000000-0000-4000-8000-00000000000a/v2.0',
        LONGRUN_ENTRA_AUDIENCE: '00000000-0000-4000-8000-00000000000b',
        LONGRUN_ENTRA_ROLE: 'Longrun.Caller',
      };
      const env: NodeJS.ProcessEnv = {};
      for (const [key, node] of settings) {
        const uri = /^AzureWebJobsStorage__(blob|queue|table)ServiceUri$/.exec(key);
        if (uri) env[key] = `https://stexample.${uri[1]}.core.windows.net/`; // primaryEndpoints end with '/'
        else if (node.text === 'identityClientId') env[key] = clientId;
        else env[key] = stringValue(node) ?? deploymentTime[key] ?? 'deployment-time value';
      }
      const config = loadConfig(env);
      assert.deepEqual(config.storage, {
        kind: 'identity',
        blobServiceUri: 'https://stexample.blob.core.windows.net',
        queueServiceUri: 'https://stexample.queue.core.windows.net',
        tableServiceUri: 'https://stexample.table.core.windows.net',
        clientId,
      });
      assert.equal(config.LONGRUN_CALLBACK_HTTPS_ONLY, true);
      assert.deepEqual(config.LONGRUN_CALLBACK_ALLOWED_NETWORKS, []);
      assert.equal(config.LONGRUN_RETENTION_DAYS, 7);
      assert.equal(config.LONGRUN_HOOK_DISABLE_AFTER_HOURS, 120);
      assert.equal(config.LONGRUN_FEED_SETTLE_MS, 2000);
    });
  }
});

describe('the site configuration Flex Consumption accepts', () => {
  test('no Bicep file sets ftpsState, which Flex Consumption rejects', async () => {
    for (const path of listBicepFiles(repoPaths.infra)) {
      const file = await readBicepFile(path);
      const keys = file.root.descendantsOfType('object_property').map((entry) => entry?.namedChildren[0]?.text ?? '');
      assert.ok(!keys.some((key) => /^'?ftpsState'?$/i.test(key)), `${path} sets ftpsState`);
    }
  });

  test('siteConfig is given, so the module\'s default with ftpsState FtpsOnly is not used, and turns alwaysOn off', async () => {
    const { params } = await siteParams();
    const siteConfig = property(params, 'siteConfig');
    assert.equal(siteConfig?.type, 'object', 'the site module must get a siteConfig object');
    assert.deepEqual(propertyKeys(siteConfig).sort(), ['alwaysOn', 'minTlsVersion']);
    assert.equal(property(siteConfig, 'alwaysOn')?.text, 'false');
  });
});
