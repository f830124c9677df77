// The one identity the DevOpsFeedback Function App runs as. Every grant in this template goes to it,
// each scoped to a single resource.
@description('Azure region.')
param location string

@description('Name of the user-assigned managed identity (contains the environment name).')
param name string

@description('Tags for the identity.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
output name string = identity.name
