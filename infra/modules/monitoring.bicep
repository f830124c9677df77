// Log Analytics workspace and workspace-based Application Insights. The app writes telemetry with its
// identity (local auth off) and reads release telemetry back with Log Analytics Reader on this workspace only.
@description('Azure region.')
param location string

@description('Environment name; part of every resource name.')
param environmentName string

@description('Name prefix shared by every resource of this deployment.')
param namePrefix string

@description('Tags for every resource.')
param tags object

@description('Principal id of the app identity that reads telemetry and publishes its own.')
param principalId string

@description('Resource id of an existing Log Analytics workspace of the same environment; empty creates one.')
param existingWorkspaceId string

@description('Days to keep workspace data.')
@minValue(30)
@maxValue(730)
param retentionInDays int

var logAnalyticsReaderRoleId = '73c42c96-874c-492b-b04d-ab87d138a893'
var monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'
var createWorkspace = empty(existingWorkspaceId)
var existingWorkspaceName = createWorkspace ? 'unused' : last(split(existingWorkspaceId, '/'))
var existingWorkspaceResourceGroup = createWorkspace ? resourceGroup().name : split(existingWorkspaceId, '/')[4]
var existingWorkspaceSubscription = createWorkspace ? subscription().subscriptionId : split(existingWorkspaceId, '/')[2]

resource newWorkspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = if (createWorkspace) {
  name: '${namePrefix}-${environmentName}-log'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      enableLogAccessUsingOnlyResourcePermissions: true
    }
  }
}

resource sharedWorkspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = if (!createWorkspace) {
  name: existingWorkspaceName
  scope: resourceGroup(existingWorkspaceSubscription, existingWorkspaceResourceGroup)
}

var workspaceId = createWorkspace ? newWorkspace.id : sharedWorkspace.id
var workspaceCustomerId = createWorkspace ? newWorkspace!.properties.customerId : sharedWorkspace!.properties.customerId

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-${environmentName}-appi'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspaceId
    DisableLocalAuth: true
    IngestionMode: 'LogAnalytics'
  }
}

// The app publishes its own telemetry with Entra auth (DisableLocalAuth above): scoped to this component.
resource publishTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, principalId, monitoringMetricsPublisherRoleId)
  scope: appInsights
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisherRoleId)
    description: 'DevOpsFeedback ${environmentName}: publish its own telemetry'
  }
}

// Release telemetry (AppRequests) is read from the workspace: Log Analytics Reader on the new workspace only.
resource readTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (createWorkspace) {
  name: guid(workspaceId, principalId, logAnalyticsReaderRoleId)
  scope: newWorkspace
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', logAnalyticsReaderRoleId)
    description: 'DevOpsFeedback ${environmentName}: query release telemetry'
  }
}

// A shared workspace lives elsewhere: the grant is made on it, by a module scoped to its resource group.
module readSharedTelemetry 'workspaceReader.bicep' = if (!createWorkspace) {
  name: 'dfb-${environmentName}-workspace-reader'
  scope: resourceGroup(existingWorkspaceSubscription, existingWorkspaceResourceGroup)
  params: {
    workspaceName: existingWorkspaceName
    principalId: principalId
    environmentName: environmentName
  }
}

output workspaceResourceId string = workspaceId
output workspaceCustomerId string = workspaceCustomerId
output appInsightsConnectionString string = appInsights.properties.ConnectionString
output appInsightsName string = appInsights.name
