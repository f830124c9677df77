// Key Vault Secrets User for the app identity on the one vault that holds this environment's secrets
// (GitHub token, notification webhook URLs). Deployed into the vault's resource group.
@description('Name of the existing Key Vault (RBAC authorization mode).')
param keyVaultName string

@description('Principal id of the app identity.')
param principalId string

@description('Environment name, for the assignment description.')
param environmentName string

var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource readSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalId, keyVaultSecretsUserRoleId)
  scope: vault
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    description: 'DevOpsFeedback ${environmentName}: resolve Key Vault references in app settings'
  }
}

output vaultUri string = vault.properties.vaultUri
