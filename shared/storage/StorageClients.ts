import { TableClient, TableServiceClient, type TableServiceClientOptions } from '@azure/data-tables';
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

/**
 * Storage calls are bounded, so a request never waits long on an account that does not answer and is
 * answered 503 instead (ARCHITECTURE.md §3). A try of a table call is cut after TRY_TIMEOUT_MS; at most
 * MAX_TRIES tries, RETRY_DELAY_MS apart at first, doubling up to MAX_RETRY_DELAY_MS: a refused
 * connection fails in about 2 s. A table try cut short by its timeout is not retried: the core
 * retry policy rethrows the AbortError, so a silent table endpoint fails the call in about 10 s,
 * and a write cut short may still have landed (seen under load: a claim inserted though its call
 * failed). Queue and blob calls pass the try timeout to the service (its `timeout` parameter) and
 * retry as often. Writes are therefore conditional and safe to meet again: a retried one meets its
 * own 409/412 (for deliveries, see recordOutcome and queueUnattemptedClaim). The SDK defaults were 4
 * tries 4 s, 8 s, 16 s apart (queues, blobs) and 4 tries up to 64 s apart without a try timeout
 * (tables).
 */
export const STORAGE_BOUNDS = { TRY_TIMEOUT_MS: 10_000, MAX_TRIES: 4, RETRY_DELAY_MS: 250, MAX_RETRY_DELAY_MS: 2000 } as const;

/** Cuts every try of a table call after the bound (core-rest-pipeline applies `timeout` per send). */
const tableTryTimeout: NonNullable<TableServiceClientOptions['additionalPolicies']>[number] = {
  position: 'perCall',
  policy: {
    name: 'longrunTryTimeout',
    sendRequest(request, next) {
      if (!request.timeout) request.timeout = STORAGE_BOUNDS.TRY_TIMEOUT_MS;
      return next(request);
    },
  },
};

const tableBounds: TableServiceClientOptions = {
  retryOptions: { maxRetries: STORAGE_BOUNDS.MAX_TRIES - 1, retryDelayInMs: STORAGE_BOUNDS.RETRY_DELAY_MS, maxRetryDelayInMs: STORAGE_BOUNDS.MAX_RETRY_DELAY_MS },
  additionalPolicies: [tableTryTimeout],
};

const queueAndBlobBounds = {
  retryOptions: {
    maxTries: STORAGE_BOUNDS.MAX_TRIES,
    tryTimeoutInMs: STORAGE_BOUNDS.TRY_TIMEOUT_MS,
    retryDelayInMs: STORAGE_BOUNDS.RETRY_DELAY_MS,
    maxRetryDelayInMs: STORAGE_BOUNDS.MAX_RETRY_DELAY_MS,
  },
};

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
    const tableOptions = { allowInsecureConnection: isLocalHttp(cs), ...tableBounds };
    const tableService = TableServiceClient.fromConnectionString(cs, tableOptions);
    const queueService = QueueServiceClient.fromConnectionString(cs, queueAndBlobBounds);
    const blobService = BlobServiceClient.fromConnectionString(cs, queueAndBlobBounds);
    return build('connectionString', tableService, queueService, blobService, (name) =>
      TableClient.fromConnectionString(cs, name, tableOptions),
    );
  }
  const credential = toStorageCredential(config);
  const tableService = new TableServiceClient(config.tableServiceUri, credential, tableBounds);
  const queueService = new QueueServiceClient(config.queueServiceUri, credential, queueAndBlobBounds);
  const blobService = new BlobServiceClient(config.blobServiceUri, credential, queueAndBlobBounds);
  return build('identity', tableService, queueService, blobService, (name) =>
    new TableClient(config.tableServiceUri, name, credential, tableBounds),
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
