// Log Analytics Reader for the app identity on one existing workspace (a shared one of the same environment).
@description('Name of the existing workspace in this resource group.')
param workspaceName string

@description('Principal id of the app identity.')
param principalId string

@description('Environment name, for the assignment description.')
param environmentName string

var logAnalyticsReaderRoleId = '73c42c96-874c-492b-b04d-ab87d138a893'

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: workspaceName
}

resource readTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(workspace.id, principalId, logAnalyticsReaderRoleId)
  scope: workspace
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', logAnalyticsReaderRoleId)
    description: 'DevOpsFeedback ${environmentName}: query release telemetry'
  }
}
