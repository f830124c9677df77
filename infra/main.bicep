// DevOpsFeedback: the release orchestrator for Azure App Service apps, deployed into one resource group per
// environment. One user-assigned identity runs the Function App; every grant it gets is scoped to one resource.
// Cross-environment guard: the environment name is part of every resource name, and the deployment fails when a
// target app or a workspace of another environment is passed in (by name here, by the target's tag at deploy time).
targetScope = 'resourceGroup'

@description('Environment this deployment serves. Part of every resource name.')
@allowed([
  'dev'
  'test'
  'prod'
])
param environmentName string

@description('Short lower-case prefix for resource names (letters and digits).')
@minLength(2)
@maxLength(8)
param namePrefix string = 'dfb'

@description('Azure region for regional resources.')
param location string = resourceGroup().location

@description('Target App Service apps DevOpsFeedback releases. Each name must carry the environment token (e.g. contoso-web-dev).')
param targetApps targetAppRef[] = []

@description('Create a sample target app (with a staging slot) in this resource group and manage it too.')
param deploySampleTarget bool = false

@description('Resource id of an existing Log Analytics workspace of this environment; empty creates one.')
param existingWorkspaceId string = ''

@description('Days to keep workspace data when the workspace is created here.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Existing Key Vault (RBAC mode) that holds this environment\'s secrets; its name must carry the environment token.')
param keyVaultName string

@description('Resource group of that Key Vault.')
param keyVaultResourceGroup string = resourceGroup().name

@description('How Azure Monitor authenticates to /api/alerts.')
@allowed([
  'secureWebhook'
  'functionKey'
])
param alertAuth string

@description('functionKey mode: the alerts key, read from Key Vault by the parameter file with az.getSecret. Never a literal.')
@secure()
param alertsFunctionKey string = ''

@description('secureWebhook mode: object id of the app registration protecting the API.')
param webhookAppObjectId string = ''

@description('secureWebhook mode: Application ID URI of that app registration.')
param webhookIdentifierUri string = ''

@description('Name of the target apps\' setting carrying the deployed version (not sticky).')
param versionSettingName string = 'DFB_VERSION'

@description('Name of the target apps\' setting carrying the deployed commit (not sticky).')
param commitSettingName string = 'DFB_COMMIT'

@description('Name of the target apps\' staging slot.')
param stagingSlotName string = 'staging'

@description('Release policy used when a request names none.')
param defaultReleasePolicy string = 'default'

@description('NCRONTAB schedule of production health checks between releases (default every 5 minutes).')
param healthCheckSchedule string = '0 */5 * * * *'

@description('Key Vault secret name of the GitHub token (used only when a target names its repository).')
param githubTokenSecretName string = 'github-token'

@description('Key Vault secret name of the generic notification webhook URL; empty disables that sink.')
param notificationWebhookSecretName string = ''

@description('Key Vault secret name of the Microsoft Teams workflow URL; empty disables that sink.')
param teamsWebhookSecretName string = ''

@description('Key Vault secret name of the Slack incoming-webhook URL; empty disables that sink.')
param slackWebhookSecretName string = ''

@description('Key Vault secret name of the salt user references in feedback are hashed with (at least 32 characters).')
param feedbackSaltSecretName string = 'dfb-feedback-salt'

@description('NCRONTAB schedule of the weekly planning digest (default Mondays 07:00 UTC; it does nothing until a sink is configured).')
param planningDigestSchedule string = '0 0 7 * * 1'

@description('Public base URL of the DevOpsFeedback API for links in notifications (no /api); empty uses the Function App\'s default host name.')
param notificationBaseUrl string = ''

@description('Apps whose notifications the sinks hear: app names, or * for every managed app.')
param notificationApps string[] = [
  '*'
]

@description('Notification kinds each sink hears: wire names (queued, blocked, approval-needed, swapped, verdict-changed, rolled-back, rollback-failed, succeeded, backout, incident-fired, incident-resolved, humans-paged, ...) or * for all.')
param notificationKinds notificationKindsBySink = {
  webhook: [
    '*'
  ]
  teams: [
    '*'
  ]
  slack: [
    '*'
  ]
}

@description('HTTP 5xx count in 5 minutes that fires the alert on a target.')
@minValue(1)
param http5xxThreshold int = 10

@description('Average response time in seconds that fires the alert on a target.')
@minValue(1)
param responseTimeThresholdSeconds int = 3

@description('Upper bound on Function App instances.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Tags for every resource.')
param tags object = {}

@description('A target app managed by DevOpsFeedback.')
type targetAppRef = {
  @description('App Service app name.')
  @minLength(2)
  @maxLength(60)
  name: string

  @description('Resource group of the app (same subscription).')
  resourceGroup: string

  @description('GitHub repository (owner/name) of the app, for the hotfix-regression audit; omit when not on GitHub.')
  repository: string?
}

@description('Notification kinds per sink type.')
type notificationKindsBySink = {
  webhook: string[]
  teams: string[]
  slack: string[]
}

var allEnvironments = [
  'dev'
  'test'
  'prod'
]
var otherEnvironments = filter(allEnvironments, e => e != environmentName)
var commonTags = union(tags, {
  environment: environmentName
  application: 'devopsfeedback'
})
var deploymentContainerName = 'app-package'
var taskHubName = 'dfb${environmentName}'
var sampleTargetShortName = 'sample'
var sampleTarget = {
  name: '${namePrefix}-${sampleTargetShortName}-${environmentName}'
  resourceGroup: resourceGroup().name
}
var requestedTargets = deploySampleTarget ? concat(targetApps, [sampleTarget]) : targetApps

// --- Cross-environment guard (evaluated before anything is created) -------------------------------------------
func isOfEnvironment(resourceName string, env string, others string[]) bool => contains(split(toLower(resourceName), '-'), env) && empty(intersection(split(toLower(resourceName), '-'), others))

var misnamedTargets = filter(requestedTargets, t => !isOfEnvironment(t.name, environmentName, otherEnvironments))
var misnamedTargetList = join(map(misnamedTargets, t => t.name), ', ')
var managedTargets = empty(misnamedTargets) ? requestedTargets : fail('Cross-environment guard: target app(s) ${misnamedTargetList} do not belong to environment \'${environmentName}\' (the name must contain \'-${environmentName}\' and no other environment).')

var workspaceOk = empty(existingWorkspaceId) || isOfEnvironment(last(split(existingWorkspaceId, '/')), environmentName, otherEnvironments)
var checkedWorkspaceId = workspaceOk ? existingWorkspaceId : fail('Cross-environment guard: workspace ${existingWorkspaceId} does not belong to environment \'${environmentName}\'.')

var keyVaultOk = isOfEnvironment(keyVaultName, environmentName, otherEnvironments)
var checkedKeyVaultName = keyVaultOk ? keyVaultName : fail('Cross-environment guard: Key Vault ${keyVaultName} does not belong to environment \'${environmentName}\'.')

var targetResourceGroups = union(map(managedTargets, t => t.resourceGroup), [])
var targets = map(managedTargets, t => {
  name: t.name
  id: resourceId(t.resourceGroup, 'Microsoft.Web/sites', t.name)
  repository: t.?repository ?? ''
})
var targetsOnGitHub = filter(targets, t => !empty(t.repository))

// --- Resources ---------------------------------------------------------------------------------------------------
module identity 'modules/identity.bicep' = {
  name: 'dfb-${environmentName}-identity'
  params: {
    location: location
    environmentName: environmentName
    namePrefix: namePrefix
    tags: commonTags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'dfb-${environmentName}-storage'
  params: {
    location: location
    environmentName: environmentName
    namePrefix: namePrefix
    tags: commonTags
    principalId: identity.outputs.principalId
    deploymentContainerName: deploymentContainerName
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'dfb-${environmentName}-monitoring'
  params: {
    location: location
    environmentName: environmentName
    namePrefix: namePrefix
    tags: commonTags
    principalId: identity.outputs.principalId
    existingWorkspaceId: checkedWorkspaceId
    retentionInDays: logRetentionInDays
  }
}

module keyVaultAccess 'modules/keyVaultAccess.bicep' = {
  name: 'dfb-${environmentName}-keyvault-access'
  scope: resourceGroup(keyVaultResourceGroup)
  params: {
    keyVaultName: checkedKeyVaultName
    principalId: identity.outputs.principalId
    environmentName: environmentName
  }
}

func keyVaultReference(vault string, secret string) string => '@Microsoft.KeyVault(VaultName=${vault};SecretName=${secret})'

var hostSettings = [
  // Functions host, Durable task hub and deployment: identity-based storage, no connection string.
  { name: 'AzureWebJobsStorage__blobServiceUri', value: storage.outputs.blobEndpoint }
  { name: 'AzureWebJobsStorage__queueServiceUri', value: storage.outputs.queueEndpoint }
  { name: 'AzureWebJobsStorage__tableServiceUri', value: storage.outputs.tableEndpoint }
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'AzureWebJobsStorage__clientId', value: identity.outputs.clientId }
  { name: 'TaskHubName', value: taskHubName }
  // Azure.Identity's DefaultAzureCredential / ManagedIdentityCredential pick the user-assigned identity from this.
  { name: 'AZURE_CLIENT_ID', value: identity.outputs.clientId }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: monitoring.outputs.appInsightsConnectionString }
  { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identity.outputs.clientId};Authorization=AAD' }
]

var productSettings = [
  // DevOpsFeedback options (Section__Property). Tables: our state, on the same storage account.
  { name: 'Tables__ServiceUri', value: storage.outputs.tableEndpoint }
  // AppService: the ARM endpoint of this cloud and the release conventions (the managed apps follow below).
  { name: 'AppService__ArmEndpoint', value: environment().resourceManager }
  { name: 'AppService__VersionSettingName', value: versionSettingName }
  { name: 'AppService__CommitSettingName', value: commitSettingName }
  { name: 'AppService__StagingSlotName', value: stagingSlotName }
  // Telemetry: Log Analytics (App Insights AppRequests) and platform metrics through ARM.
  { name: 'LogAnalytics__WorkspaceId', value: monitoring.outputs.workspaceCustomerId }
  { name: 'Metrics__Endpoint', value: environment().resourceManager }
  // Policy, schedules, auth.
  { name: 'Release__DefaultPolicy', value: defaultReleasePolicy }
  { name: 'Release__TelemetrySource', value: 'LogAnalytics' }
  { name: 'Release__ManagedIdentityClientId', value: identity.outputs.clientId }
  { name: 'HealthChecks__Schedule', value: healthCheckSchedule }
  // Feedback: user references are stored only as an HMAC with this secret salt; the digest's timer schedule.
  { name: 'Feedback__UserRefSalt', value: keyVaultReference(checkedKeyVaultName, feedbackSaltSecretName) }
  { name: 'PlanningDigest__Schedule', value: planningDigestSchedule }
]

// Per managed app: its site for the slot adapter and for platform metrics (app name -> ARM id of the site).
var appMapSettings = [
  for t in targets: {
    name: 'AppService__Apps__${t.name}'
    value: t.id
  }
]
var metricsSiteSettings = [
  for t in targets: {
    name: 'Metrics__Sites__${t.name}'
    value: t.id
  }
]

// GitHub: app -> owner/repo for the apps that name one, and the token as a Key Vault reference.
var githubRepositorySettings = [
  for t in targetsOnGitHub: {
    name: 'GitHub__Repositories__${t.name}'
    value: t.repository
  }
]
var githubTokenSetting = [
  { name: 'GitHub__Token', value: keyVaultReference(checkedKeyVaultName, githubTokenSecretName) }
]
var githubSettings = empty(targetsOnGitHub) ? [] : concat(githubRepositorySettings, githubTokenSetting)

// Notifications (section Notifications, bound to NotificationOptions): one sink per secret name given, its URL a Key Vault
// reference. App-setting names may hold only letters, digits, '.' and '_', so each sink carries its route as values
// (Sinks__<sink>__Apps__<i>, Sinks__<sink>__Kinds__<i>) instead of Routes__<app>__<kind> keys, which would need '*' and '-'.
var notificationSinks = filter([
  { name: 'webhook', secret: notificationWebhookSecretName, kinds: notificationKinds.webhook }
  { name: 'teams', secret: teamsWebhookSecretName, kinds: notificationKinds.teams }
  { name: 'slack', secret: slackWebhookSecretName, kinds: notificationKinds.slack }
], n => !empty(n.secret))
var notificationSinkSettings = flatten(map(notificationSinks, n => concat([
  { name: 'Notifications__Sinks__${n.name}__Type', value: n.name }
  { name: 'Notifications__Sinks__${n.name}__Url', value: keyVaultReference(checkedKeyVaultName, n.secret) }
], map(range(0, length(notificationApps)), i => { name: 'Notifications__Sinks__${n.name}__Apps__${i}', value: notificationApps[i] }), map(range(0, length(n.kinds)), i => { name: 'Notifications__Sinks__${n.name}__Kinds__${i}', value: n.kinds[i] }))))
var notificationBaseSetting = [
  { name: 'Notifications__BaseUrl', value: empty(notificationBaseUrl) ? 'https://${namePrefix}-${environmentName}-func.azurewebsites.net' : notificationBaseUrl }
]
var notificationSettings = empty(notificationSinks) ? [] : concat(notificationBaseSetting, notificationSinkSettings)

module functionApp 'modules/functionApp.bicep' = {
  name: 'dfb-${environmentName}-functionapp'
  params: {
    location: location
    environmentName: environmentName
    namePrefix: namePrefix
    tags: commonTags
    identityId: identity.outputs.id
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    appSettings: concat(hostSettings, productSettings, appMapSettings, metricsSiteSettings, githubSettings, notificationSettings)
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: 2048
  }
  dependsOn: [
    keyVaultAccess
  ]
}

module sampleTargetApp 'modules/targetApp.bicep' = if (deploySampleTarget) {
  name: 'dfb-${environmentName}-sample-target'
  params: {
    location: location
    environmentName: environmentName
    namePrefix: namePrefix
    appName: sampleTargetShortName
    tags: commonTags
    skuName: 'S1'
    healthCheckPath: '/healthz'
    versionSettingName: versionSettingName
    commitSettingName: commitSettingName
    linuxFxVersion: 'DOTNETCORE|10.0'
    productionSettings: {
      Orders__Database: 'orders-${environmentName}'
      ASPNETCORE_ENVIRONMENT: 'Production'
    }
    stagingSettings: {
      Orders__Database: 'orders-${environmentName}-staging'
      ASPNETCORE_ENVIRONMENT: 'Staging'
    }
  }
}

// The custom role is created in the first target resource group and can be assigned only in the targets' groups.
module releaseOperatorRole 'modules/releaseOperatorRole.bicep' = if (!empty(managedTargets)) {
  name: 'dfb-${environmentName}-release-operator-role'
  scope: resourceGroup(empty(targetResourceGroups) ? resourceGroup().name : targetResourceGroups[0])
  params: {
    environmentName: environmentName
    namePrefix: namePrefix
    assignableScopes: map(targetResourceGroups, rg => '${subscription().id}/resourceGroups/${rg}')
  }
  dependsOn: [
    sampleTargetApp
  ]
}

module targetAccess 'modules/targetAccess.bicep' = [
  for t in managedTargets: {
    name: 'dfb-${environmentName}-access-${uniqueString(t.resourceGroup, t.name)}'
    scope: resourceGroup(t.resourceGroup)
    params: {
      siteName: t.name
      environmentName: environmentName
      principalId: identity.outputs.principalId
      roleDefinitionId: releaseOperatorRole!.outputs.roleDefinitionId
    }
    dependsOn: [
      sampleTargetApp
    ]
  }
]

module alerts 'modules/alerts.bicep' = {
  name: 'dfb-${environmentName}-alerts'
  params: {
    environmentName: environmentName
    namePrefix: namePrefix
    tags: commonTags
    functionAppName: functionApp.outputs.name
    functionAppHostName: functionApp.outputs.defaultHostName
    alertAuth: alertAuth
    alertsFunctionKey: alertsFunctionKey
    webhookAppObjectId: webhookAppObjectId
    webhookIdentifierUri: webhookIdentifierUri
    targets: targets
    http5xxThreshold: http5xxThreshold
    responseTimeThresholdSeconds: responseTimeThresholdSeconds
  }
  dependsOn: [
    targetAccess
  ]
}

output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output DFB_API_BASE_URL string = 'https://${functionApp.outputs.defaultHostName}/api'
output AZURE_CLIENT_ID string = identity.outputs.clientId
output STORAGE_ACCOUNT_NAME string = storage.outputs.name
output LOG_ANALYTICS_WORKSPACE_ID string = monitoring.outputs.workspaceResourceId
output MANAGED_TARGETS array = map(targets, t => t.id)
