import { topics } from '../events/catalog';
import { jobKinds } from '../jobs/catalog';
import { buildConnectorDefinition } from './buildConnectorDefinition';
import type { SwaggerDocument } from './SwaggerDocument';
import type { ConnectorAuth } from './toConnectorSecurity';

// NOTE: kept in step with package.json by a unit test; read at build time, not from disk at run time.
export const CONNECTOR_VERSION = '0.1.0';

const cache = new Map<string, SwaggerDocument>();

/** The connector definition for a public base URL such as `https://host/api` and LONGRUN_AUTH, built once per pair. */
export function getConnectorDefinition(publicBaseUrl: string, auth: ConnectorAuth = 'key'): SwaggerDocument {
  const key = `${auth} ${publicBaseUrl}`;
  let document = cache.get(key);
  if (!document) {
    const url = new URL(publicBaseUrl);
    document = buildConnectorDefinition({
      kinds: jobKinds,
      topics,
      host: url.host,
      basePath: url.pathname.replace(/\/+$/, '') || '/',
      schemes: [url.protocol === 'http:' ? 'http' : 'https'] as ['https'] | ['http'],
      version: CONNECTOR_VERSION,
      auth,
    });
    cache.set(key, document);
  }
  return document;
}
