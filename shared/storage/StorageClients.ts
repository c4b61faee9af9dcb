import { TableClient, TableServiceClient } from '@azure/data-tables';
import { QueueClient, QueueServiceClient } from '@azure/storage-queue';
import { BlobServiceClient, ContainerClient } from '@azure/storage-blob';
import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import type { StorageConfig } from '../config';
import { CONTAINERS } from './names';

/** The clients of one storage account, built from a connection string or from managed identity. */
export interface StorageClients {
  /** How the clients authenticate: `connectionString`, or `identity` (DefaultAzureCredential). */
  readonly auth: 'connectionString' | 'identity';
  readonly tableService: TableServiceClient;
  readonly queueService: QueueServiceClient;
  readonly blobService: BlobServiceClient;
  table(name: string): TableClient;
  queue(name: string): QueueClient;
  payloads(): ContainerClient;
}

function isLocalHttp(connectionString: string): boolean {
  return /UseDevelopmentStorage=true|Endpoint=http:\/\//i.test(connectionString);
}

/** The credential used when no connection string is configured: the app's user-assigned identity. */
export function toStorageCredential(config: Extract<StorageConfig, { kind: 'identity' }>): TokenCredential {
  return new DefaultAzureCredential(config.clientId ? { managedIdentityClientId: config.clientId } : {});
}

/** Builds the clients; creates nothing (see ensureStorage). */
export function createStorageClients(config: StorageConfig): StorageClients {
  const tables = new Map<string, TableClient>();
  const queues = new Map<string, QueueClient>();
  if (config.kind === 'connectionString') {
    const cs = config.connectionString;
    const tableOptions = { allowInsecureConnection: isLocalHttp(cs) };
    const tableService = TableServiceClient.fromConnectionString(cs, tableOptions);
    const queueService = QueueServiceClient.fromConnectionString(cs);
    const blobService = BlobServiceClient.fromConnectionString(cs);
    return build('connectionString', tableService, queueService, blobService, (name) =>
      TableClient.fromConnectionString(cs, name, tableOptions),
    );
  }
  const credential = toStorageCredential(config);
  const tableService = new TableServiceClient(config.tableServiceUri, credential);
  const queueService = new QueueServiceClient(config.queueServiceUri, credential);
  const blobService = new BlobServiceClient(config.blobServiceUri, credential);
  return build('identity', tableService, queueService, blobService, (name) =>
    new TableClient(config.tableServiceUri, name, credential),
  );

  function build(
    auth: StorageClients['auth'],
    tableService: TableServiceClient,
    queueService: QueueServiceClient,
    blobService: BlobServiceClient,
    newTable: (name: string) => TableClient,
  ): StorageClients {
    const container = blobService.getContainerClient(CONTAINERS.payloads);
    return {
      auth,
      tableService,
      queueService,
      blobService,
      table(name) {
        let client = tables.get(name);
        if (!client) tables.set(name, (client = newTable(name)));
        return client;
      },
      queue(name) {
        let client = queues.get(name);
        if (!client) queues.set(name, (client = queueService.getQueueClient(name)));
        return client;
      },
      payloads: () => container,
    };
  }
}
