// Longrun on Azure Functions Flex Consumption, provisioned by `azd up`.
// Shape: the resource group, a user-assigned identity, a keyless storage account (tables, queues,
// the payloads container and the deployment package container), a Key Vault holding the sealing
// key, Log Analytics + Application Insights with local auth off and alerts on them, a Flex Consumption plan, the Linux
// function app and, optionally (entraAuth), an Entra app registration for token-authenticated callers.
// Every data-plane call (host and app) authenticates with the identity: no account key anywhere.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; it names the resource group and seeds the unique suffix of every resource.')
param environmentName string

// NOTE: Flex Consumption runs in some regions only; Microsoft's docs give no static list but the
// command `az functionapp list-flexconsumption-locations` (flex-consumption-how-to, "View currently
// supported regions"). This is the list of Microsoft's Flex quickstart
// (Azure-Samples/functions-quickstart-typescript-azd infra/main.bicep, last changed 2025-05-06,
// unchanged at its 2026-02-24 head) without `eastus2euap`, an early-access (canary) region. azd
// offers only these regions when it asks for one.
@minLength(1)
@description('Azure region for every resource; one that offers Flex Consumption (`az functionapp list-flexconsumption-locations` lists the current ones).')
@allowed([
  'australiaeast'
  'australiasoutheast'
  'brazilsouth'
  'canadacentral'
  'centralindia'
  'centralus'
  'eastasia'
  'eastus'
  'eastus2'
  'francecentral'
  'germanywestcentral'
  'italynorth'
  'japaneast'
  'koreacentral'
  'northcentralus'
  'northeurope'
  'norwayeast'
  'southafricanorth'
  'southcentralus'
  'southeastasia'
  'southindia'
  'spaincentral'
  'swedencentral'
  'uaenorth'
  'uksouth'
  'ukwest'
  'westcentralus'
  'westeurope'
  'westus'
  'westus2'
  'westus3'
])
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Memory of each Flex Consumption instance, in MB. Default 2048.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Most instances the app may scale out to. Default 100.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Object id of the person (or pipeline) running azd; gets the same storage data roles as the app so it can inspect tables, queues and blobs. Empty to skip. azd fills it from AZURE_PRINCIPAL_ID.')
param principalId string = ''

@description('Kind of principal that principalId names: User for a person, ServicePrincipal for a pipeline. azd fills it from the signed-in principal.')
@allowed([
  'User'
  'ServicePrincipal'
])
param principalType string = 'User'

@description('Accept Entra ID bearer tokens from callers holding the app role Longrun.Caller instead of function keys (LONGRUN_AUTH=entra). Creates an app registration and its service principal in the tenant: the deploying principal must be allowed to create applications. Default false (LONGRUN_AUTH=key).')
param entraAuth bool = false

@description('E-mail address the alerts (dead deliveries, poison messages, job failure rate) notify through their action group. Empty: no e-mail; the alerts still fire in Azure Monitor. azd fills it from LONGRUN_ALERT_EMAIL.')
param alertEmail string = ''

// NOTE: azd fills a parameter with `type: 'generate'` metadata by itself: it generates the value
// once, without prompting, and saves it in the azd environment (infra.parameters.<name>, as a secret
// for a @secure parameter), then reuses it on every later provision. It does so only for a string
// parameter with no default that main.parameters.json does not set (azure-dev-docs metadata.md;
// Azure/azure-dev cli/azd/pkg/infra/provisioning/bicep/bicep_provider.go, ensureParameters:
// "We generate it once, then save to config for next attempts").
// NOTE: azd's generator draws from a-z, A-Z, 0-9 and, unless noSpecial, ASCII punctuation that
// includes ',' (Azure/azure-dev cli/azd/pkg/password/generator.go). It cannot produce base64 of 32
// random bytes; 64 letters and digits carry about 370 bits, and the app derives its 32-byte keys
// from the text with HKDF-SHA256. noSpecial keeps ',' out, the separator between keys.
@secure()
@minLength(32)
@description('The sealing keys, newest first, separated by commas; each at least 32 characters. Stored in Key Vault as longrun-secret-key and read by the app as LONGRUN_SECRET_KEYS. azd generates one key of 64 letters and digits on the first provision and keeps it in the environment; to rotate, set `<new>,<old>` with `azd env config set infra.parameters.longrunSecretKeys` and provision.')
@metadata({
  azd: {
    type: 'generate'
    config: {
      length: 64
      noSpecial: true
    }
  }
})
param longrunSecretKeys string

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var functionAppName = '${abbrs.webSitesFunctions}api-${resourceToken}'
// The Flex Consumption deployment package lives in its own container, apart from the app's data.
var deploymentContainerName = 'app-package-${resourceToken}'
// The Key Vault secret that holds the sealing keys (LONGRUN_SECRET_KEYS refers to it by name).
var sealingKeySecretName = 'longrun-secret-key'
// NOTE: the issuer of v2.0 access tokens is https://login.microsoftonline.com/<tenant id>/v2.0
// (entra-docs access-token-claims-reference: iss ends in /v2.0 for v2.0 tokens). The host is
// written out: environment().authentication.loginEndpoint is https://login.windows.net/ in Azure's
// public cloud (bicep-functions-deployment, environment() example), not the issuer's host.
var entraIssuer = 'https://login.microsoftonline.com/${tenant().tenantId}/v2.0'

resource rg 'Microsoft.Resources/resourceGroups@2021-04-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

// The one identity the app uses for storage, the deployment package and Application Insights.
module identity 'br/public:avm/res/managed-identity/user-assigned-identity:0.4.1' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'br/public:avm/res/storage/storage-account:0.8.3' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    allowSharedKeyAccess: false // identity only: no account key, no SAS signed with one
    // NOTE: no object replication to accounts of other Entra tenants; the module's default is true
    // (avm/res/storage/storage-account 0.8.3 main.bicep: allowCrossTenantReplication bool = true).
    allowCrossTenantReplication: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    dnsEndpointType: 'Standard'
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
    blobServices: {
      containers: [
        {
          name: deploymentContainerName
        }
      ]
    }
  }
}

// The app's tables, queues (each with its -poison twin) and the payloads container.
module storageEntities 'app/storage-entities.bicep' = {
  name: 'storage-entities'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
  }
}

// The sealing keys leave the storage account: a vault with RBAC authorization, read by the app's
// identity through a Key Vault reference in its settings (app/api.bicep).
module keyVault 'br/public:avm/res/key-vault/vault:0.13.3' = {
  name: 'key-vault'
  scope: rg
  params: {
    name: '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
    sku: 'standard' // secrets only: no HSM-backed keys needed
    // NOTE: data access by Azure RBAC role assignments, not access policies; soft delete and purge
    // protection on, 90 days: the module's defaults (avm/res/key-vault/vault 0.13.3 main.bicep:
    // enableRbacAuthorization, enableSoftDelete, enablePurgeProtection = true,
    // softDeleteRetentionInDays = 90), stated here so a module upgrade cannot change them.
    // With purge protection the vault's name stays taken for 90 days after `azd down`.
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    // The module enables all three by default; nothing here deploys VMs, disks or templates from it.
    enableVaultForDeployment: false
    enableVaultForTemplateDeployment: false
    enableVaultForDiskEncryption: false
    // Public endpoint, as for the storage account: access needs an Entra token and a data role.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
    secrets: [
      {
        name: sealingKeySecretName
        value: longrunSecretKeys
        contentType: 'text/plain; comma-separated sealing keys, newest first'
      }
    ]
  }
}

module entra 'app/entra.bicep' = if (entraAuth) {
  name: 'entra'
  scope: rg
  params: {
    uniqueName: 'longrun-api-${resourceToken}'
    displayName: 'Longrun API (${environmentName})'
  }
}

module logAnalytics 'br/public:avm/res/operational-insights/workspace:0.11.1' = {
  name: 'log-analytics'
  scope: rg
  params: {
    name: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    location: location
    tags: tags
    dataRetention: 30
  }
}

module appInsights 'br/public:avm/res/insights/component:0.6.0' = {
  name: 'app-insights'
  scope: rg
  params: {
    name: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
    workspaceResourceId: logAnalytics.outputs.resourceId
    disableLocalAuth: true // telemetry only with an Entra token (the identity's Monitoring Metrics Publisher role)
  }
}

// Alerts on dead deliveries, poison messages and the job failure rate, over the app's telemetry.
module alerts 'app/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    location: location
    tags: tags
    appInsightsName: appInsights.outputs.name
    alertEmail: alertEmail
  }
}

module plan 'br/public:avm/res/web/serverfarm:0.1.1' = {
  name: 'plan'
  scope: rg
  params: {
    name: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    sku: {
      name: 'FC1'
      tier: 'FlexConsumption'
    }
    reserved: true // Linux
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    appInsightsName: appInsights.outputs.name
    keyVaultName: keyVault.outputs.name
    identityPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    location: location
    tags: tags
    planId: plan.outputs.resourceId
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    appInsightsName: appInsights.outputs.name
    identityId: identity.outputs.resourceId
    identityClientId: identity.outputs.clientId
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    keyVaultName: keyVault.outputs.name
    sealingKeySecretName: sealingKeySecretName
    entraAuth: entraAuth
    entraIssuer: entraIssuer
    entraAudience: entraAuth ? entra!.outputs.clientId : ''
    entraRole: entraAuth ? entra!.outputs.roleValue : ''
  }
  // NOTE: the host reads its queues and the deployment package as soon as the app starts, and the
  // platform resolves the Key Vault reference with the identity; the roles, the entities and the
  // secret must exist first, or the first start fails with 403/404 or an unresolved reference.
  dependsOn: [
    rbac
    storageEntities
  ]
}

// Outputs azd stores in .azure/<env>/.env (and the README's commands read).
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = api.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output APPLICATIONINSIGHTS_CONNECTION_STRING string = appInsights.outputs.connectionString
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output LONGRUN_ALERT_ACTION_GROUP_ID string = alerts.outputs.actionGroupId
// How callers authenticate, and with entraAuth what a workflow needs to call Longrun: the audience
// of its token (the client id), the role it must hold, and the ids that grant it the role.
output LONGRUN_AUTH string = entraAuth ? 'entra' : 'key'
output LONGRUN_ENTRA_ISSUER string = entraAuth ? entraIssuer : ''
output LONGRUN_ENTRA_AUDIENCE string = entraAuth ? entra!.outputs.clientId : ''
output LONGRUN_ENTRA_APP_ID string = entraAuth ? entra!.outputs.clientId : ''
output LONGRUN_ENTRA_ROLE string = entraAuth ? entra!.outputs.roleValue : ''
output LONGRUN_ENTRA_ROLE_ID string = entraAuth ? entra!.outputs.roleId : ''
output LONGRUN_ENTRA_SERVICE_PRINCIPAL_ID string = entraAuth ? entra!.outputs.servicePrincipalId : ''
