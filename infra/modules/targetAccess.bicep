// Grants the app identity the release-operator role on ONE target app (scope: the site; slots inherit), after
// checking at deployment time that the site is tagged with this environment. Deployed into the target's resource group.
@description('Name of the existing App Service app.')
param siteName string

@description('Environment this deployment serves; the site must carry tag environment=<this>.')
param environmentName string

@description('Principal id of the app identity.')
param principalId string

@description('Resource id of the custom release-operator role.')
param roleDefinitionId string

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: siteName
}

var siteEnvironment = toLower(site.tags[?'environment'] ?? '')
var guardMessage = 'Cross-environment guard: target app ${siteName} has tag environment=\'${siteEnvironment}\', expected \'${environmentName}\'.'
var guardedDescription = siteEnvironment == toLower(environmentName) ? 'DevOpsFeedback ${environmentName}: release operator on ${siteName}' : fail(guardMessage)

resource releaseOperator 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(site.id, principalId, roleDefinitionId)
  scope: site
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: roleDefinitionId
    description: guardedDescription
  }
}

output siteId string = site.id
output defaultHostName string = site.properties.defaultHostName
