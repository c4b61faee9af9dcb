import { ConfigError } from './ConfigError';

/** How the app reaches storage: a connection string, or managed identity with service URIs. */
export type StorageConfig =
  | { readonly kind: 'connectionString'; readonly connectionString: string }
  | {
      readonly kind: 'identity';
      readonly blobServiceUri: string;
      readonly queueServiceUri: string;
      readonly tableServiceUri: string;
      /** Client id of the user-assigned identity; absent means the system-assigned one. */
      readonly clientId?: string;
    };

/** The storage settings of the Functions host, `AzureWebJobsStorage` or its identity form. */
export function toStorageConfig(env: NodeJS.ProcessEnv): StorageConfig {
  const connectionString = env.AzureWebJobsStorage?.trim();
  if (connectionString) return { kind: 'connectionString', connectionString };
  const account = env.AzureWebJobsStorage__accountName?.trim();
  const uri = (service: 'blob' | 'queue' | 'table'): string => {
    const explicit = env[`AzureWebJobsStorage__${service}ServiceUri`]?.trim();
    if (explicit) return explicit.replace(/\/+$/, '');
    if (account) return `https://${account}.${service}.core.windows.net`;
    throw new ConfigError(
      `AzureWebJobsStorage is not set: expected a connection string in AzureWebJobsStorage, or ` +
        `AzureWebJobsStorage__accountName (or AzureWebJobsStorage__${service}ServiceUri) for managed identity`,
    );
  };
  const clientId = env.AzureWebJobsStorage__clientId?.trim() || env.AZURE_CLIENT_ID?.trim() || undefined;
  return {
    kind: 'identity',
    blobServiceUri: uri('blob'),
    queueServiceUri: uri('queue'),
    tableServiceUri: uri('table'),
    ...(clientId ? { clientId } : {}),
  };
}
