import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Node } from 'web-tree-sitter';
import { readBicepFile, type BicepFile } from './bicepFile';
import { identifiersIn, property, propertyKeys, propertyPath, stringValue } from './bicepQuery';
import { repoPaths } from './repoPaths';
import { loadConfig } from '../../../shared/config';

async function siteParams(): Promise<{ file: BicepFile; params: Node | undefined }> {
  const file = await readBicepFile(repoPaths.apiBicep);
  const [site, ...others] = file.withTarget('module', 'avm/res/web/site:');
  assert.ok(site && others.length === 0, 'api.bicep must create exactly one site');
  return { file, params: property(site.value, 'params') };
}

/** The app settings: `appSettingsKeyValuePairs: union(a, b, c)` read through the vars a, b and c. */
async function appSettings(): Promise<Map<string, Node>> {
  const { file, params } = await siteParams();
  const value = property(params, 'appSettingsKeyValuePairs');
  assert.equal(value?.type, 'call_expression');
  const parts = [...identifiersIn(value?.childForFieldName('arguments') ?? undefined)];
  const settings = new Map<string, Node>();
  for (const part of parts) {
    const object = file.get('var', part).value;
    for (const key of propertyKeys(object)) {
      assert.ok(!settings.has(key), `${key} is set twice`);
      settings.set(key, property(object, key)!);
    }
  }
  return settings;
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
    const settings = await appSettings();
    assert.equal(stringValue(settings.get('AzureWebJobsStorage__credential')), 'managedidentity');
    assert.equal(settings.get('AzureWebJobsStorage__clientId')?.text, 'identityClientId');
    assert.equal(settings.get('AZURE_CLIENT_ID')?.text, 'identityClientId');
    for (const service of ['blob', 'queue', 'table']) {
      assert.equal(
        settings.get(`AzureWebJobsStorage__${service}ServiceUri`)?.text,
        `account.properties.primaryEndpoints.${service}`,
      );
    }
  });

  test('no connection string or Flex-rejected runtime setting is configured', async () => {
    const keys = [...(await appSettings()).keys()];
    for (const forbidden of ['AzureWebJobsStorage', 'FUNCTIONS_WORKER_RUNTIME', 'FUNCTIONS_EXTENSION_VERSION', 'WEBSITE_RUN_FROM_PACKAGE']) {
      assert.ok(!keys.includes(forbidden), `${forbidden} must not be set`);
    }
  });

  test('telemetry authenticates with the identity (Authorization=AAD) to an App Insights without local auth', async () => {
    const settings = await appSettings();
    assert.equal(settings.get('APPLICATIONINSIGHTS_AUTHENTICATION_STRING')?.text, "'ClientId=${identityClientId};Authorization=AAD'");
    assert.ok(settings.has('APPLICATIONINSIGHTS_CONNECTION_STRING'));
    const main = await readBicepFile(repoPaths.mainBicep);
    const [insights] = main.withTarget('module', 'avm/res/insights/component:');
    assert.equal(propertyPath(insights?.value, ['params', 'disableLocalAuth'])?.text, 'true');
  });

  test('the LONGRUN_* settings are known to shared/config.ts and set to the production defaults', async () => {
    const settings = await appSettings();
    const configSource = readFileSync(repoPaths.configSource, 'utf8');
    const longrun = [...settings.keys()].filter((key) => key.startsWith('LONGRUN_'));
    for (const key of longrun) assert.ok(configSource.includes(`${key}:`), `${key} is not a setting of shared/config.ts`);
    const literal = Object.fromEntries(longrun.map((key) => [key, stringValue(settings.get(key))]));
    assert.deepEqual(literal, {
      LONGRUN_CALLBACK_HTTPS_ONLY: 'true',
      LONGRUN_CALLBACK_ALLOWED_NETWORKS: '',
      LONGRUN_RETENTION_DAYS: '7',
      LONGRUN_HOOK_DISABLE_AFTER_HOURS: '120',
      LONGRUN_FEED_SETTLE_MS: '2000',
    });
  });

  test('the settings, with deployment-time values filled in, load through loadConfig as identity storage', async () => {
    const settings = await appSettings();
    const clientId = '00000000-0000-4000-8000-000000000001';
    const env: NodeJS.ProcessEnv = {};
    for (const [key, node] of settings) {
      const uri = /^AzureWebJobsStorage__(blob|queue|table)ServiceUri$/.exec(key);
      if (uri) env[key] = `https://stexample.${uri[1]}.core.windows.net/`; // primaryEndpoints end with '/'
      else if (node.text === 'identityClientId') env[key] = clientId;
      else env[key] = stringValue(node) ?? 'deployment-time value';
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
});
