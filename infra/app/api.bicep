// The Longrun function app: Linux, Flex Consumption, Node.js 22, everything through the
// user-assigned identity (storage, deployment package, Application Insights).

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
var storageSettings = {
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: account.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: account.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: account.properties.primaryEndpoints.table
  AZURE_CLIENT_ID: identityClientId
}

// The connection string names the component; it is not a secret since local auth is disabled,
// and the authentication string makes the SDK send an Entra token for the identity.
var telemetrySettings = {
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
}

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
    siteConfig: {
      alwaysOn: false // not available on Flex Consumption: instances scale to zero
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    appSettingsKeyValuePairs: union(storageSettings, telemetrySettings, longrunSettings)
  }
}

@description('Name of the function app.')
output name string = app.outputs.name

@description('Base https URL of the app (routes live under /api).')
output uri string = 'https://${app.outputs.defaultHostname}'
