// Entra ID callers (optional, main.bicep deploys this only when entraAuth is true): an app
// registration that stands for the Longrun API, with one app role, Longrun.Caller, that only
// applications (managed identities, service principals) can hold, and its service principal.
// A caller such as a Logic App's managed identity is granted the role (infra/README.md shows how),
// asks Entra for a token whose audience is this app's client id, and Longrun checks the token.
// These are tenant objects, not resources of the resource group: `azd down` leaves them in place.

// NOTE: Microsoft Graph resources need the Graph Bicep extension; the alias is defined in
// infra/bicepconfig.json (graph/templates "Use dynamic types"; msgraph-bicep-types quickstarts).
extension microsoftGraphV1

@description('Immutable alternate key of the app registration in the tenant: the same name updates the same app on every provision.')
param uniqueName string

@description('Display name of the app registration and its service principal.')
param displayName string

// The app role callers must hold; Longrun compares it with the token's `roles` claim.
var callerRoleValue = 'Longrun.Caller'
// NOTE: an app role id is a GUID the template supplies (Graph types: appRole.id "When creating a
// new app role, a new GUID identifier must be provided"); it must never change, or every existing
// assignment points at a role that no longer exists. guid() of fixed inputs gives the same id on
// every provision.
var callerRoleId = guid(uniqueName, callerRoleValue)

resource application 'Microsoft.Graph/applications@v1.0' = {
  uniqueName: uniqueName
  displayName: displayName
  // NOTE: single tenant: only identities of this tenant get tokens for the API (Graph types:
  // signInAudience, AzureADMyOrg is the default, stated here so it cannot drift).
  signInAudience: 'AzureADMyOrg'
  api: {
    // NOTE: v2.0 access tokens: `iss` is https://login.microsoftonline.com/<tenant>/v2.0 and `aud`
    // is always the client id (appId) of this app, whatever audience string the caller asked for
    // (entra-docs access-token-claims-reference: aud, iss; Graph types:
    // api.requestedAccessTokenVersion, null means v1.0 tokens issued by sts.windows.net).
    requestedAccessTokenVersion: 2
  }
  // NOTE: no identifierUris: api://<appId> is not added by default and cannot refer to this
  // app's own appId in the same resource (microsoftgraph/msgraph-bicep-types#239). Callers use the
  // client id as the audience; a managed identity can ask for a token with the application id as
  // its resource (api-management authentication-managed-identity-policy: resource is "the
  // application ID of the target web API").
  appRoles: [
    {
      id: callerRoleId
      // NOTE: 'Application' only: the role is an application permission, granted to service
      // principals and managed identities, never to users (Graph types: appRole.allowedMemberTypes).
      allowedMemberTypes: [
        'Application'
      ]
      value: callerRoleValue
      displayName: 'Longrun caller'
      description: 'Start, poll and cancel Longrun jobs and manage its subscriptions.'
      isEnabled: true
    }
  ]
}

resource servicePrincipal 'Microsoft.Graph/servicePrincipals@v1.0' = {
  appId: application.appId
  // NOTE: Entra issues a token for this API only to principals granted one of its app roles
  // (Graph types: servicePrincipal.appRoleAssignmentRequired); Longrun still checks the role itself.
  appRoleAssignmentRequired: true
}

@description('Client id (appId) of the app registration: the audience of the tokens Longrun accepts.')
output clientId string = application.appId

@description('Object id of the service principal: the resourceId of an app role assignment.')
output servicePrincipalId string = servicePrincipal.id

@description('Value of the app role callers must hold (the `roles` claim).')
output roleValue string = callerRoleValue

@description('Id of the app role: the appRoleId of an app role assignment.')
output roleId string = callerRoleId
