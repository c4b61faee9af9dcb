import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readBicepFile } from './bicepFile';
import { identifiersIn, property, propertyPath, stringValue } from './bicepQuery';
import { repoPaths } from './repoPaths';
import { appSettings, siteParams } from './siteSettings';

// Key Vault Secrets User (learn.microsoft.com/azure/role-based-access-control/built-in-roles;
// avm/res/key-vault/vault builtInRoleNames).
const keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6';

async function vaultParams() {
  const main = await readBicepFile(repoPaths.mainBicep);
  const [vault, ...others] = main.withTarget('module', 'avm/res/key-vault/vault:');
  assert.ok(vault && others.length === 0, 'main.bicep must create exactly one Key Vault');
  return { main, params: property(vault.value, 'params') };
}

describe('the sealing keys live in Key Vault', () => {
  test('the vault authorizes data access with Azure RBAC and keeps deleted secrets: soft delete and purge protection', async () => {
    const { params } = await vaultParams();
    assert.equal(property(params, 'enableRbacAuthorization')?.text, 'true');
    assert.equal(property(params, 'enableSoftDelete')?.text, 'true');
    assert.equal(property(params, 'enablePurgeProtection')?.text, 'true');
    const retention = Number(property(params, 'softDeleteRetentionInDays')?.text);
    assert.ok(retention >= 7 && retention <= 90, `soft delete retention ${retention} is outside 7..90 days`);
    assert.equal(property(params, 'accessPolicies'), undefined, 'no access policies: RBAC only');
  });

  test('the vault keeps a public endpoint like the storage account, and no other service may use it for deployments', async () => {
    const { params } = await vaultParams();
    assert.equal(stringValue(property(params, 'publicNetworkAccess')), 'Enabled');
    for (const flag of ['enableVaultForDeployment', 'enableVaultForTemplateDeployment', 'enableVaultForDiskEncryption']) {
      assert.equal(property(params, flag)?.text, 'false', `${flag} must be false`);
    }
  });

  test('the vault holds the secret longrun-secret-key, whose value is the azd-generated parameter', async () => {
    const { main, params } = await vaultParams();
    const secrets = property(params, 'secrets');
    assert.equal(secrets?.type, 'array');
    const [secret, ...others] = secrets.namedChildren.filter((child) => child?.type === 'object');
    assert.ok(secret && others.length === 0, 'exactly one secret');
    assert.equal(property(secret, 'name')?.text, 'sealingKeySecretName');
    assert.equal(stringValue(main.get('var', 'sealingKeySecretName').value), 'longrun-secret-key');
    assert.equal(property(secret, 'value')?.text, 'longrunSecretKeys');
  });

  test('the key parameter is secure, at least 32 characters, and generated once by azd: no default, not in main.parameters.json', async () => {
    const { main } = await vaultParams();
    const param = main.get('param', 'longrunSecretKeys');
    assert.ok(param.decorators.includes('secure'), 'longrunSecretKeys must be @secure()');
    assert.ok(Number(param.decoratorArguments.get('minLength')?.text) >= 32, 'longrunSecretKeys needs @minLength(32) or more');
    assert.equal(param.value, undefined, 'a default would stop azd from generating the value');
    const azd = property(param.decoratorArguments.get('metadata'), 'azd');
    assert.equal(stringValue(property(azd, 'type')), 'generate');
    assert.ok(Number(propertyPath(azd, ['config', 'length'])?.text) >= 44, 'the generated key must be long');
    assert.equal(propertyPath(azd, ['config', 'noSpecial'])?.text, 'true', "special characters include ',' the key separator");
    const given = JSON.parse(readFileSync(repoPaths.parameters, 'utf8')) as { parameters: Record<string, unknown> };
    assert.ok(!('longrunSecretKeys' in given.parameters), 'a value in main.parameters.json would stop azd from generating it');
  });

  test('the app identity is granted Key Vault Secrets User on the vault', async () => {
    const rbac = await readBicepFile(repoPaths.rbacBicep);
    assert.equal(stringValue(rbac.get('var', 'keyVaultSecretsUser').value), keyVaultSecretsUser);
    const [grant, ...others] = rbac
      .withTarget('resource', 'Microsoft.Authorization/roleAssignments@')
      .filter((assignment) => propertyPath(assignment.value, ['properties', 'roleDefinitionId'])?.text.includes('keyVaultSecretsUser'));
    assert.ok(grant && others.length === 0, 'exactly one Key Vault Secrets User assignment');
    assert.equal(propertyPath(grant.value, ['properties', 'principalId'])?.text, 'identityPrincipalId');
    const scope = property(grant.value, 'scope')?.text ?? '';
    assert.ok(rbac.get('resource', scope).target?.startsWith('Microsoft.KeyVault/vaults@'), 'the assignment must be scoped to the vault');
    assert.equal(property(rbac.get('resource', scope).value, 'name')?.text, 'keyVaultName');
    const main = await readBicepFile(repoPaths.mainBicep);
    const [module] = main.withTarget('module', 'app/rbac.bicep');
    assert.equal(propertyPath(module?.value, ['params', 'keyVaultName'])?.text, 'keyVault.outputs.name');
  });

  test('LONGRUN_SECRET_KEYS is a Key Vault reference to that secret, in both caller modes', async () => {
    for (const mode of ['key', 'entra'] as const) {
      const reference = (await appSettings(mode)).get('LONGRUN_SECRET_KEYS')?.text;
      assert.equal(reference, "'@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${sealingKeySecretName})'");
    }
    const main = await readBicepFile(repoPaths.mainBicep);
    const [api] = main.withTarget('module', 'app/api.bicep');
    assert.equal(propertyPath(api?.value, ['params', 'keyVaultName'])?.text, 'keyVault.outputs.name');
    assert.equal(propertyPath(api?.value, ['params', 'sealingKeySecretName'])?.text, 'sealingKeySecretName');
  });

  test('the platform resolves the reference with the app user-assigned identity (keyVaultReferenceIdentity)', async () => {
    const { params } = await siteParams();
    assert.equal(property(params, 'keyVaultAccessIdentityResourceId')?.text, 'identityId');
    assert.ok(identifiersIn(propertyPath(params, ['managedIdentities', 'userAssignedResourceIds'])).has('identityId'));
  });

  test('the app starts after its identity may read the secret (api depends on rbac)', async () => {
    const main = await readBicepFile(repoPaths.mainBicep);
    const [api] = main.withTarget('module', 'app/api.bicep');
    assert.ok(identifiersIn(property(api?.value, 'dependsOn')).has('rbac'), 'api must depend on rbac');
  });

  test('main.bicep outputs the vault name', async () => {
    const main = await readBicepFile(repoPaths.mainBicep);
    assert.equal(main.get('output', 'AZURE_KEY_VAULT_NAME').value?.text, 'keyVault.outputs.name');
  });
});
