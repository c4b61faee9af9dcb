import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readBicepFile } from './bicepFile';
import { arrayStrings, identifiersIn, property, propertyPath } from './bicepQuery';
import { repoPaths } from './repoPaths';
import { ALL_QUEUES, CONTAINERS, TABLES } from '../../../shared/storage/names';

/** The literal names a looped resource of that type is created for (the list it iterates over). */
async function namesCreatedFor(resourceType: string): Promise<string[]> {
  const file = await readBicepFile(repoPaths.storageEntitiesBicep);
  const [resource, ...others] = file.withTarget('resource', `${resourceType}@`).filter((d) => !d.existing);
  assert.ok(resource, `no ${resourceType} resource in ${file.path}`);
  assert.equal(others.length, 0, `more than one ${resourceType} resource`);
  assert.equal(resource.iterable?.type, 'identifier', `${resource.name} must loop over a var of names`);
  const elements = arrayStrings(file.get('var', resource.iterable.text).value);
  const names = elements.filter((name): name is string => name !== undefined);
  assert.equal(names.length, elements.length, `${resource.iterable.text} must list literal names only`);
  return names.sort();
}

describe('the storage the app needs is created by Bicep', () => {
  test('every queue in shared/storage/names.ts and its -poison queue is created', async () => {
    assert.deepEqual(await namesCreatedFor('Microsoft.Storage/storageAccounts/queueServices/queues'), [...ALL_QUEUES].sort());
  });

  test('every table in shared/storage/names.ts is created', async () => {
    assert.deepEqual(await namesCreatedFor('Microsoft.Storage/storageAccounts/tableServices/tables'), Object.values(TABLES).sort());
  });

  test('every blob container in shared/storage/names.ts is created, with no public access', async () => {
    assert.deepEqual(
      await namesCreatedFor('Microsoft.Storage/storageAccounts/blobServices/containers'),
      Object.values(CONTAINERS).sort(),
    );
    const file = await readBicepFile(repoPaths.storageEntitiesBicep);
    const [containers] = file.withTarget('resource', 'blobServices/containers@').filter((d) => !d.existing);
    assert.equal(propertyPath(containers?.value, ['properties', 'publicAccess'])?.text, "'None'");
  });

  test('main.bicep deploys the entities into the account it creates', async () => {
    const main = await readBicepFile(repoPaths.mainBicep);
    const [entities] = main.withTarget('module', 'app/storage-entities.bicep');
    assert.ok(entities, 'main.bicep must use app/storage-entities.bicep');
    assert.equal(propertyPath(entities.value, ['params', 'storageAccountName'])?.text, 'storage.outputs.name');
  });
});

describe('the storage account refuses keys and plain http', () => {
  async function storageParams() {
    const main = await readBicepFile(repoPaths.mainBicep);
    const [storage, ...others] = main.withTarget('module', 'avm/res/storage/storage-account:');
    assert.ok(storage && others.length === 0, 'main.bicep must create exactly one storage account');
    return property(storage.value, 'params');
  }

  test('shared key access is disabled (allowSharedKeyAccess: false)', async () => {
    assert.equal(property(await storageParams(), 'allowSharedKeyAccess')?.text, 'false');
  });

  test('objects are never replicated to an account of another Entra tenant (allowCrossTenantReplication: false)', async () => {
    assert.equal(property(await storageParams(), 'allowCrossTenantReplication')?.text, 'false');
  });

  test('blob public access is off, TLS 1.2 is the minimum and https is required', async () => {
    const params = await storageParams();
    assert.equal(property(params, 'allowBlobPublicAccess')?.text, 'false');
    assert.equal(property(params, 'minimumTlsVersion')?.text, "'TLS1_2'");
    assert.equal(property(params, 'supportsHttpsTrafficOnly')?.text, 'true');
  });

  test('the deployment package container is created in the account and is the one the app deploys from', async () => {
    const main = await readBicepFile(repoPaths.mainBicep);
    const containers = propertyPath(await storageParams(), ['blobServices', 'containers']);
    assert.ok(identifiersIn(containers).has('deploymentContainerName'), 'the storage module must create the package container');
    const [api] = main.withTarget('module', 'app/api.bicep');
    assert.equal(propertyPath(api?.value, ['params', 'deploymentContainerName'])?.text, 'deploymentContainerName');

    const app = await readBicepFile(repoPaths.apiBicep);
    const [site] = app.withTarget('module', 'avm/res/web/site:');
    const packageStorage = propertyPath(site?.value, ['params', 'functionAppConfig', 'deployment', 'storage']);
    assert.equal(property(packageStorage, 'type')?.text, "'blobContainer'");
    assert.ok(identifiersIn(property(packageStorage, 'value')).has('deploymentContainerName'));
    assert.equal(propertyPath(packageStorage, ['authentication', 'type'])?.text, "'UserAssignedIdentity'");
    assert.equal(propertyPath(packageStorage, ['authentication', 'userAssignedIdentityResourceId'])?.text, 'identityId');
  });
});
