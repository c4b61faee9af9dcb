import { DefaultAzureCredential } from '@azure/identity';
import { QueueServiceClient } from '@azure/storage-queue';

/**
 * The queue service for a trigger's `connection` setting (default `AzureWebJobsStorage`):
 * a connection string, or the identity form `<name>__queueServiceUri` / `<name>__accountName`
 * (optionally `<name>__clientId`). Throws naming the setting when neither is present.
 */
export function toQueueServiceClient(connection: string, env: Readonly<Record<string, string | undefined>>): QueueServiceClient {
  const connectionString = env[connection];
  if (connectionString) return QueueServiceClient.fromConnectionString(connectionString);
  const accountName = env[`${connection}__accountName`];
  const serviceUri = env[`${connection}__queueServiceUri`] ?? (accountName ? `https://${accountName}.queue.core.windows.net` : undefined);
  if (!serviceUri) {
    throw new Error(`Storage connection "${connection}" is not configured: set ${connection} or ${connection}__queueServiceUri`);
  }
  const clientId = env[`${connection}__clientId`];
  return new QueueServiceClient(serviceUri, new DefaultAzureCredential(clientId ? { managedIdentityClientId: clientId } : {}));
}
