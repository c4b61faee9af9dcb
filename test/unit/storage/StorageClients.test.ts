import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DefaultAzureCredential } from '@azure/identity';
import { createStorageClients, toStorageCredential } from '../../../shared/storage/StorageClients';
import { loadConfig } from '../../../shared/config';

describe('storage clients', () => {
  test('a connection string selects shared-key clients on its endpoints', () => {
    const clients = createStorageClients(loadConfig({ AzureWebJobsStorage: 'UseDevelopmentStorage=true' }).storage);
    assert.equal(clients.auth, 'connectionString');
    assert.match(clients.queue('jobs').url, /127\.0\.0\.1:10001\/devstoreaccount1\/jobs$/);
  });

  test('without a connection string the clients use DefaultAzureCredential with the identity client id', () => {
    const config = loadConfig({
      AzureWebJobsStorage__accountName: 'acct',
      AzureWebJobsStorage__credential: 'managedidentity',
      AZURE_CLIENT_ID: '00000000-0000-0000-0000-000000000001',
    }).storage;
    assert.equal(config.kind, 'identity');
    if (config.kind !== 'identity') return;
    assert.equal(config.clientId, '00000000-0000-0000-0000-000000000001');
    assert.ok(toStorageCredential(config) instanceof DefaultAzureCredential);
    const clients = createStorageClients(config);
    assert.equal(clients.auth, 'identity');
    assert.equal(clients.queue('jobs').url, 'https://acct.queue.core.windows.net/jobs');
    assert.equal(clients.table('jobs').url, 'https://acct.table.core.windows.net');
    assert.equal(clients.payloads().url, 'https://acct.blob.core.windows.net/payloads');
  });
});
