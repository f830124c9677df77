// Storage for the Functions host, the Durable task hub, the deployment package and DevOpsFeedback's tables.
// Shared keys are disabled: everything goes through the app identity, granted data roles on this account only.
@description('Azure region.')
param location string

@description('Environment name; part of the account name.')
param environmentName string

@description('Lower-case letters and digits; the account name is st<prefix><environment><hash>.')
param namePrefix string

@description('Tags for the account.')
param tags object

@description('Principal id of the app identity.')
param principalId string

@description('Blob container that holds the Flex Consumption deployment package.')
param deploymentContainerName string

// Storage Blob Data Owner: the Functions host takes blob leases and writes the package container (documented
// requirement for identity-based AzureWebJobsStorage). Queue and Table Data Contributor: Durable task hub and our tables.
var storageBlobDataOwnerRoleId = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageQueueDataContributorRoleId = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var dataRoles = [
  storageBlobDataOwnerRoleId
  storageQueueDataContributorRoleId
  storageTableDataContributorRoleId
]

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take('st${namePrefix}${environmentName}${uniqueString(resourceGroup().id, environmentName)}', 24)
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource dataAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in dataRoles: {
    name: guid(account.id, principalId, roleId)
    scope: account
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      description: 'DevOpsFeedback ${environmentName}: host, task hub and tables on its own storage'
    }
  }
]

output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainerName}'
