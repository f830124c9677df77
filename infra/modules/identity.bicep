// The one identity the DevOpsFeedback Function App runs as. Every grant in this template goes to it,
// each scoped to a single resource.
@description('Azure region.')
param location string

@description('Environment name; part of the identity name.')
param environmentName string

@description('Name prefix shared by every resource of this deployment.')
param namePrefix string

@description('Tags for the identity.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${namePrefix}-${environmentName}-id'
  location: location
  tags: tags
}

output id string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
output name string = identity.name
