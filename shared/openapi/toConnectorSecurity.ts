import type { SwaggerDocument } from './SwaggerDocument';

/** How the connector's callers authenticate (LONGRUN_AUTH). */
export type ConnectorAuth = 'key' | 'entra';

/** The security scheme's name when the connector signs in with Microsoft Entra ID. */
export const ENTRA_SECURITY_SCHEME = 'oauth2-auth';

/**
 * The definition's `securityDefinitions` and `security`. `key`: the function key in the
 * `x-functions-key` header (connection parameter `api_key`). `entra`: OAuth 2.0 authorization code
 * against Microsoft Entra ID. NOTE: certified connectors that sign in with Entra ID declare
 * `type: oauth2, flow: accessCode` with the `common` authorize and token endpoints (e.g. the
 * "Azure IoT Central" and "PROS AI" connectors in microsoft/PowerPlatformConnectors); the tenant,
 * client and resource come from apiProperties.json's `oAuthSettings` (identityProvider `aad`).
 */
export function toConnectorSecurity(auth: ConnectorAuth): Pick<SwaggerDocument, 'securityDefinitions' | 'security'> {
  if (auth === 'key') {
    return {
      securityDefinitions: { api_key: { type: 'apiKey', in: 'header', name: 'x-functions-key', description: 'The function key' } },
      security: [{ api_key: [] }],
    };
  }
  return {
    securityDefinitions: {
      [ENTRA_SECURITY_SCHEME]: {
        type: 'oauth2',
        flow: 'accessCode',
        authorizationUrl: 'https://login.microsoftonline.com/common/oauth2/authorize',
        tokenUrl: 'https://login.microsoftonline.com/common/oauth2/token',
        scopes: {},
        description: 'Microsoft Entra ID',
      },
    },
    security: [{ [ENTRA_SECURITY_SCHEME]: [] }],
  };
}
