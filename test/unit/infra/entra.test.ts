import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'jsonc-parser';
import { z } from 'zod';
import { readBicepFile } from './bicepFile';
import { arrayStrings, callsOf, identifiersIn, property, propertyPath, stringValue } from './bicepQuery';
import { repoPaths } from './repoPaths';
import { appSettings } from './siteSettings';

const bicepConfig = z.object({ extensions: z.record(z.string(), z.string()) });

async function entraResources() {
  const file = await readBicepFile(repoPaths.entraBicep);
  const [application, ...moreApps] = file.withTarget('resource', 'Microsoft.Graph/applications@');
  const [servicePrincipal, ...moreSps] = file.withTarget('resource', 'Microsoft.Graph/servicePrincipals@');
  assert.ok(application && moreApps.length === 0, 'entra.bicep must create exactly one application');
  assert.ok(servicePrincipal && moreSps.length === 0, 'entra.bicep must create exactly one service principal');
  return { file, application, servicePrincipal };
}

describe('Entra ID callers are optional', () => {
  test('entraAuth is a bool parameter, false unless the environment sets LONGRUN_ENTRA_AUTH', async () => {
    const main = await readBicepFile(repoPaths.mainBicep);
    const param = main.get('param', 'entraAuth');
    assert.equal(param.value?.text, 'false');
    assert.match(main.source, /^param entraAuth bool = false$/m);
    const given = JSON.parse(readFileSync(repoPaths.parameters, 'utf8')) as { parameters: Record<string, { value: unknown }> };
    assert.deepEqual(given.parameters.entraAuth, { value: '${LONGRUN_ENTRA_AUTH=false}' });
  });

  test('the Graph resources are deployed only when entraAuth is true', async () => {
    const main = await readBicepFile(repoPaths.mainBicep);
    const [entra, ...others] = main.withTarget('module', 'app/entra.bicep');
    assert.ok(entra && others.length === 0, 'main.bicep must use app/entra.bicep once');
    assert.equal(entra.condition?.text, 'entraAuth');
    assert.doesNotMatch(main.source, /Microsoft\.Graph\//, 'main.bicep itself declares no Graph resource');
  });

  test('entra.bicep uses the Graph extension through the alias bicepconfig.json pins to a v1.0 types version', async () => {
    const { file } = await entraResources();
    assert.match(file.source, /^extension microsoftGraphV1$/m);
    const config = bicepConfig.parse(parse(readFileSync(repoPaths.bicepConfig, 'utf8')));
    assert.match(config.extensions.microsoftGraphV1 ?? '', /^br:mcr\.microsoft\.com\/bicep\/extensions\/microsoftgraph\/v1\.0:\d+\.\d+\.\d+$/);
  });

  test('the app registration declares the app role Longrun.Caller, for applications only, enabled, with a stable id', async () => {
    const { file, application } = await entraResources();
    const roles = property(application.value, 'appRoles');
    const [role, ...others] = (roles?.namedChildren ?? []).filter((child) => child?.type === 'object');
    assert.ok(role && others.length === 0, 'exactly one app role');
    assert.equal(property(role, 'value')?.text, 'callerRoleValue');
    assert.equal(stringValue(file.get('var', 'callerRoleValue').value), 'Longrun.Caller');
    assert.deepEqual(arrayStrings(property(role, 'allowedMemberTypes')), ['Application']);
    assert.equal(property(role, 'isEnabled')?.text, 'true');
    assert.equal(property(role, 'id')?.text, 'callerRoleId');
    const id = file.get('var', 'callerRoleId').value!;
    assert.equal(callsOf(id, 'guid').length, 1, 'the role id is guid() of fixed inputs');
    assert.ok(!callsOf(id, 'newGuid').length && !callsOf(id, 'utcNow').length, 'the role id must not change between provisions');
  });

  test('the app registration is found again by its uniqueName, is single-tenant and asks for v2.0 access tokens', async () => {
    const { application } = await entraResources();
    assert.equal(property(application.value, 'uniqueName')?.text, 'uniqueName');
    assert.equal(stringValue(property(application.value, 'signInAudience')), 'AzureADMyOrg');
    assert.equal(propertyPath(application.value, ['api', 'requestedAccessTokenVersion'])?.text, '2');
    const main = await readBicepFile(repoPaths.mainBicep);
    const [entra] = main.withTarget('module', 'app/entra.bicep');
    assert.ok(identifiersIn(propertyPath(entra?.value, ['params', 'uniqueName'])).has('resourceToken'), 'one app per environment');
  });

  test('the service principal belongs to that app and gives tokens only to principals granted a role', async () => {
    const { servicePrincipal } = await entraResources();
    assert.equal(property(servicePrincipal.value, 'appId')?.text, 'application.appId');
    assert.equal(property(servicePrincipal.value, 'appRoleAssignmentRequired')?.text, 'true');
  });

  test('without entraAuth the app uses function keys: LONGRUN_AUTH=key and no LONGRUN_ENTRA_* setting', async () => {
    const settings = await appSettings('key');
    assert.equal(stringValue(settings.get('LONGRUN_AUTH')), 'key');
    assert.deepEqual([...settings.keys()].filter((key) => key.startsWith('LONGRUN_ENTRA_')), []);
  });

  test('with entraAuth the app checks issuer, audience and role: LONGRUN_AUTH=entra and the three LONGRUN_ENTRA_* settings', async () => {
    const settings = await appSettings('entra');
    assert.equal(stringValue(settings.get('LONGRUN_AUTH')), 'entra');
    assert.equal(settings.get('LONGRUN_ENTRA_ISSUER')?.text, 'entraIssuer');
    assert.equal(settings.get('LONGRUN_ENTRA_AUDIENCE')?.text, 'entraAudience');
    assert.equal(settings.get('LONGRUN_ENTRA_ROLE')?.text, 'entraRole');
    const main = await readBicepFile(repoPaths.mainBicep);
    const [api] = main.withTarget('module', 'app/api.bicep');
    const params = property(api?.value, 'params');
    assert.equal(property(params, 'entraAuth')?.text, 'entraAuth');
    assert.equal(property(params, 'entraIssuer')?.text, 'entraIssuer');
    assert.equal(property(params, 'entraAudience')?.text, "entraAuth ? entra!.outputs.clientId : ''");
    assert.equal(property(params, 'entraRole')?.text, "entraAuth ? entra!.outputs.roleValue : ''");
  });

  test('the issuer is the v2.0 issuer of the deployment tenant, and the audience is the app client id', async () => {
    const main = await readBicepFile(repoPaths.mainBicep);
    assert.equal(main.get('var', 'entraIssuer').value?.text, "'https://login.microsoftonline.com/${tenant().tenantId}/v2.0'");
    const { file } = await entraResources();
    assert.equal(file.get('output', 'clientId').value?.text, 'application.appId');
  });

  test('main.bicep outputs what a workflow needs: auth mode, issuer, audience, role, and the ids to grant the role', async () => {
    const main = await readBicepFile(repoPaths.mainBicep);
    const outputs = {
      LONGRUN_AUTH: "entraAuth ? 'entra' : 'key'",
      LONGRUN_ENTRA_ISSUER: "entraAuth ? entraIssuer : ''",
      LONGRUN_ENTRA_AUDIENCE: "entraAuth ? entra!.outputs.clientId : ''",
      LONGRUN_ENTRA_APP_ID: "entraAuth ? entra!.outputs.clientId : ''",
      LONGRUN_ENTRA_ROLE: "entraAuth ? entra!.outputs.roleValue : ''",
      LONGRUN_ENTRA_ROLE_ID: "entraAuth ? entra!.outputs.roleId : ''",
      LONGRUN_ENTRA_SERVICE_PRINCIPAL_ID: "entraAuth ? entra!.outputs.servicePrincipalId : ''",
    };
    for (const [name, expression] of Object.entries(outputs)) assert.equal(main.get('output', name).value?.text, expression, name);
    const { file } = await entraResources();
    for (const name of ['clientId', 'servicePrincipalId', 'roleValue', 'roleId']) assert.ok(file.get('output', name));
  });
});
