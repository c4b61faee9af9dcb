import { JOB_LIST_NEXT_LINK, LIST_JOBS_OPERATION } from './jobListOperations';
/** A connection parameter of apiProperties.json (primitive form). */
export interface ConnectionParameter {
  type: 'string' | 'securestring' | 'int' | 'bool';
  uiDefinition: {
    displayName: string;
    description: string;
    tooltip?: string;
    constraints: { required: 'true' | 'false'; clearText?: boolean; tabIndex?: number; hidden?: 'true' | 'false' };
  };
  metadata?: { sourceType: 'AzureActiveDirectoryTenant' };
}

/** An OAuth connection parameter of apiProperties.json: Microsoft Entra ID (identityProvider `aad`). */
export interface OAuthConnectionParameter {
  type: 'oauthSetting';
  oAuthSettings: {
    identityProvider: 'aad';
    clientId: string;
    scopes: string[];
    redirectMode: 'Global';
    redirectUrl: string;
    properties: { IsFirstParty: 'False'; AzureActiveDirectoryResourceId: string };
    customParameters: Record<'loginUri' | 'tenantId' | 'resourceUri', { value: string }>;
  };
}

/** A policy the connector runtime applies to operations: here, rewriting a list's next link. */
export interface PolicyTemplateInstance {
  templateId: 'updatenextlink';
  title: string;
  parameters: { 'x-ms-apimTemplate-operationName': string[]; 'x-ms-apimTemplateParameter.nextLinkPropertyName': string };
}

/** The connector properties file (apiProperties.json), per reference/powerplatform-apiProperties.schema.json. */
export interface ApiProperties {
  properties: {
    connectionParameters: Record<string, ConnectionParameter | OAuthConnectionParameter>;
    iconBrandColor: string;
    capabilities: string[];
    policyTemplateInstances: PolicyTemplateInstance[];
    publisher: string;
    stackOwner: string;
  };
}

/** The app registrations a connector that signs in with Microsoft Entra ID uses. */
export interface EntraConnection {
  /** The Longrun app registration: LONGRUN_ENTRA_AUDIENCE (its client id or Application ID URI). */
  readonly audience: string;
  /** The connector's own app registration (a client with a secret, given at `paconn create`). */
  readonly clientId: string;
}

/** What apiProperties.json is built from. */
export interface ApiPropertiesOptions {
  /** Who publishes the connector. Default `Longrun`. */
  readonly publisher?: string;
  /** Who runs the service behind it. Default: the publisher. */
  readonly stackOwner?: string;
  /** Icon background. Default `#0F6CBD`. */
  readonly iconBrandColor?: string;
  /** Sign in with Microsoft Entra ID (LONGRUN_AUTH=entra) instead of asking for the function key. */
  readonly entra?: EntraConnection;
}

/**
 * Builds apiProperties.json. Function keys: one connection parameter, `api_key`, named like the
 * definition's security scheme so the platform sends it as the `x-functions-key` header. Entra:
 * the OAuth setting `token` with identityProvider `aad` whose `resourceUri` is the audience, and
 * the hidden `token:TenantId` the platform fills with the signed-in tenant.
 */
export function buildApiProperties(options: ApiPropertiesOptions = {}): ApiProperties {
  const publisher = options.publisher ?? 'Longrun';
  return {
    properties: {
      connectionParameters: options.entra ? entraParameters(options.entra) : keyParameters(),
      iconBrandColor: options.iconBrandColor ?? '#0F6CBD',
      capabilities: [],
      policyTemplateInstances: [nextLinkPolicy()],
      publisher,
      stackOwner: options.stackOwner ?? publisher,
    },
  };
}

function keyParameters(): Record<string, ConnectionParameter> {
  return {
    api_key: {
      type: 'securestring',
      uiDefinition: {
        displayName: 'Function key',
        description: 'The function key of the Longrun Function App',
        tooltip: 'A function key or the default host key from the Function App (App keys in the portal)',
        constraints: { required: 'true', clearText: false, tabIndex: 2 },
      },
    },
  };
}

// NOTE: the shape of certified connectors that sign in with Entra ID (microsoft/PowerPlatformConnectors,
// e.g. certified-connectors/AzureIoTCentral/apiProperties.json): `token` with identityProvider `aad`,
// the global consent redirect, the resource in `resourceUri` and `AzureActiveDirectoryResourceId`,
// and `token:TenantId` with exactly the description and constraints the schema allows.
function entraParameters(entra: EntraConnection): Record<string, ConnectionParameter | OAuthConnectionParameter> {
  return {
    token: {
      type: 'oauthSetting',
      oAuthSettings: {
        identityProvider: 'aad',
        clientId: entra.clientId,
        scopes: [],
        redirectMode: 'Global',
        redirectUrl: 'https://global.consent.azure-apim.net/redirect',
        properties: { IsFirstParty: 'False', AzureActiveDirectoryResourceId: entra.audience },
        customParameters: {
          loginUri: { value: 'https://login.microsoftonline.com' },
          tenantId: { value: 'common' },
          resourceUri: { value: entra.audience },
        },
      },
    },
    'token:TenantId': {
      type: 'string',
      metadata: { sourceType: 'AzureActiveDirectoryTenant' },
      uiDefinition: {
        displayName: 'Tenant',
        description: 'The tenant ID of for the Azure Active Directory application',
        constraints: { required: 'false', hidden: 'true' },
      },
    },
  };
}

// NOTE: with pagination on, the platform calls a list's nextLink as given, bypassing the connector
// and its credentials (microsoft/PowerPlatformConnectors#2959); the `updatenextlink` policy rewrites
// it to go through the connector, as certified connectors do (e.g. certified-connectors/AzureIoTCentral/
// apiProperties.json: the list operations and `nextLinkPropertyName: nextLink`).
function nextLinkPolicy(): PolicyTemplateInstance {
  return {
    templateId: 'updatenextlink',
    title: 'Updates next link to make pagination work',
    parameters: { 'x-ms-apimTemplate-operationName': [LIST_JOBS_OPERATION], 'x-ms-apimTemplateParameter.nextLinkPropertyName': JOB_LIST_NEXT_LINK },
  };
}
