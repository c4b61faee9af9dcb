// The tables, queues and blob container Longrun uses. The names MUST equal the constants in
// shared/storage/names.ts (TABLES, QUEUES, CONTAINERS); test/unit/infra checks that they do.
// shared/storage/ensureStorage.ts can create them too (local runs on Azurite); creating them here
// means the deployed app never depends on that, and the -poison queues exist before a message fails.

@description('Name of the storage account (created by main.bicep) that holds the entities.')
param storageAccountName string

// Tables: TABLES in shared/storage/names.ts.
var tableNames = [
  'jobs'
  'idempotency'
  'events'
  'hooks'
  'deliveries'
  'deliverylog'
]

// Queues: QUEUES in shared/storage/names.ts, each followed by its poison queue.
// NOTE: the Functions host moves a message that failed maxDequeueCount times to `<queue>-poison`
// and creates that queue only on first use; creating it here lets alerts and the replay tooling
// find it from day one (https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-queue-trigger#poison-messages).
var queueNames = [
  'jobs'
  'jobs-poison'
  'deliveries'
  'deliveries-poison'
  'fanout'
  'fanout-poison'
]

// Blob containers: CONTAINERS in shared/storage/names.ts (claim-check payloads).
var containerNames = [
  'payloads'
]

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' existing = {
  parent: account
  name: 'default'
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' existing = {
  parent: account
  name: 'default'
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' existing = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for table in tableNames: {
    parent: tableService
    name: table
  }
]

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [
  for queue in queueNames: {
    parent: queueService
    name: queue
  }
]

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for container in containerNames: {
    parent: blobService
    name: container
    properties: {
      publicAccess: 'None'
    }
  }
]
