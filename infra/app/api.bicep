// The Longrun function app: Linux, Flex Consumption, Node.js 22, everything through the
// user-assigned identity (storage, deployment package, Application Insights, the Key Vault secret).

@description('Name of the function app; also the first label of its default host name.')
param name string

@description('Azure region of the app; the plan\'s region.')
param location string

@description('Tags for the app; azd-service-name=api is added so `azd deploy` finds it.')
param tags object = {}

@description('Resource id of the Flex Consumption (FC1) plan.')
param planId string

@description('Name of the storage account behind AzureWebJobsStorage and the app\'s data.')
param storageAccountName string

@description('Blob container that holds the deployment package (created by main.bicep).')
param deploymentContainerName string

@description('Name of the Application Insights component the app reports to.')
param appInsightsName string

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity: the host, the app\'s SDK clients and telemetry use it.')
param identityClientId string

@description('Memory of each instance, in MB.')
param instanceMemoryMB int

@description('Most instances the app may scale out to.')
param maximumInstanceCount int

@description('Name of the Key Vault that holds the sealing keys.')
param keyVaultName string

@description('Name of the Key Vault secret that holds the sealing keys.')
param sealingKeySecretName string

@description('True: callers authenticate with Entra ID bearer tokens (LONGRUN_AUTH=entra); false: with function keys.')
param entraAuth bool

@description('Issuer of the tokens accepted with entraAuth: https://login.microsoftonline.com/<tenant id>/v2.0.')
param entraIssuer string

@description('Audience of the tokens accepted with entraAuth: the client id of the Longrun app registration. Empty without entraAuth.')
param entraAudience string

@description('App role a token must carry with entraAuth (Longrun.Caller). Empty without entraAuth.')
param entraRole string

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

// The host's own storage connection, identity form. shared/config.ts (toStorageConfig) reads the
// same three service URIs and client id for the app's clients.
// NOTE: Flex Consumption rejects FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION; the
// runtime is set in functionAppConfig.runtime instead
// (https://learn.microsoft.com/azure/azure-functions/functions-app-settings#flex-consumption-plan-deprecations).
// AZURE_CLIENT_ID is not set: shared/config.ts takes the client id from AzureWebJobsStorage__clientId
// and shared/storage/StorageClients.ts hands it to DefaultAzureCredential as managedIdentityClientId,
// the only credential the app builds.
var storageSettings = {
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: account.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: account.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: account.properties.primaryEndpoints.table
}

// The connection string names the component; it is not a secret since local auth is disabled,
// and the authentication string makes the SDK send an Entra token for the identity.
var telemetrySettings = {
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
}

// NOTE: the platform replaces a setting of the form @Microsoft.KeyVault(VaultName=...;SecretName=...)
// with the secret's latest version, read with the identity named by keyVaultReferenceIdentity, and
// picks up a new version within 24 hours or at once on any configuration change; a reference it
// cannot resolve is passed to the app as the literal @Microsoft.KeyVault(...) text
// (app-service-key-vault-references: reference syntax, user-assigned identity, rotation,
// troubleshooting).
var secretSettings = {
  LONGRUN_SECRET_KEYS: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${sealingKeySecretName})'
}

// How callers authenticate (the app reads LONGRUN_AUTH): function keys, or Entra ID tokens of the
// given issuer and audience that carry the given app role.
var keyAuthSettings = {
  LONGRUN_AUTH: 'key'
}
var entraAuthSettings = {
  LONGRUN_AUTH: 'entra'
  LONGRUN_ENTRA_ISSUER: entraIssuer
  LONGRUN_ENTRA_AUDIENCE: entraAudience
  LONGRUN_ENTRA_ROLE: entraRole
}
var authSettings = entraAuth ? entraAuthSettings : keyAuthSettings

// Production defaults of the LONGRUN_* settings (shared/config.ts): callbacks and hooks over
// https only, and to public addresses only (no private network is allowed).
var longrunSettings = {
  LONGRUN_CALLBACK_HTTPS_ONLY: 'true'
  LONGRUN_CALLBACK_ALLOWED_NETWORKS: ''
  LONGRUN_RETENTION_DAYS: '7'
  LONGRUN_HOOK_DISABLE_AFTER_HOURS: '120'
  LONGRUN_FEED_SETTLE_MS: '2000'
}

module app 'br/public:avm/res/web/site:0.15.1' = {
  name: '${name}-site'
  params: {
    name: name
    location: location
    kind: 'functionapp,linux'
    tags: union(tags, {
      'azd-service-name': 'api'
    })
    serverFarmResourceId: planId
    httpsOnly: true
    managedIdentities: {
      systemAssigned: false
      userAssignedResourceIds: [
        identityId
      ]
    }
    // NOTE: Key Vault references resolve with the system-assigned identity unless
    // keyVaultReferenceIdentity names a user-assigned one (app-service-key-vault-references, "Access
    // vaults with a user-assigned identity"); the module sets that property from this parameter
    // (avm/res/web/site 0.15.1 main.bicep: keyVaultReferenceIdentity: keyVaultAccessIdentityResourceId).
    keyVaultAccessIdentityResourceId: identityId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${account.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'node'
        version: '22'
      }
    }
    // NOTE: siteConfig is always given: the module's default is { alwaysOn: true, minTlsVersion:
    // '1.2', ftpsState: 'FtpsOnly' } (avm/res/web/site 0.15.1 main.bicep), and a given object replaces
    // the default whole. Flex Consumption rejects ftpsState (ARM error 51021, "FtpsState is not a
    // valid Flex Consumption site property"; microsoft/azure-pipelines-tasks#21032 lists
    // Site.SiteConfig.FtpsState among the site properties invalid for Flex Consumption sites), so
    // none is set; Microsoft's Flex quickstart sets only alwaysOn: false
    // (Azure-Samples/functions-quickstart-typescript-azd infra/app/api.bicep).
    siteConfig: {
      alwaysOn: false // not available on Flex Consumption: instances scale to zero
      minTlsVersion: '1.2'
    }
    appSettingsKeyValuePairs: union(storageSettings, telemetrySettings, secretSettings, authSettings, longrunSettings)
  }
}

@description('Name of the function app.')
output name string = app.outputs.name

@description('Base https URL of the app (routes live under /api).')
output uri string = 'https://${app.outputs.defaultHostname}'
