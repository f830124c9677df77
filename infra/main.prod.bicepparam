// Production environment. Azure Monitor authenticates to /api/alerts with an Entra token (secure webhook): no
// shared key exists at all. The app registration's ids come from the environment of the deploying pipeline.
using './main.bicep'

param environmentName = 'prod'
param namePrefix = 'dfb'
param keyVaultName = 'kv-dfb-prod'
param keyVaultResourceGroup = 'rg-dfb-prod'

param targetApps = [
  {
    name: 'contoso-web-prod'
    resourceGroup: 'rg-contoso-web-prod'
    repository: 'contoso/web'
  }
]
param deploySampleTarget = false

param alertAuth = 'secureWebhook'
param webhookAppObjectId = readEnvironmentVariable('DFB_WEBHOOK_APP_OBJECT_ID')
param webhookIdentifierUri = readEnvironmentVariable('DFB_WEBHOOK_IDENTIFIER_URI')

param githubTokenSecretName = 'github-token'
param teamsWebhookSecretName = 'teams-release-channel-url'
// The release channel hears what people act on or must know; a generic webhook or Slack, when added, hears everything.
param notificationKinds = {
  webhook: [
    '*'
  ]
  teams: [
    'approval-needed'
    'blocked'
    'swapped'
    'rolled-back'
    'rollback-failed'
    'humans-paged'
    'succeeded'
    'backout'
    'incident-fired'
    'incident-resolved'
  ]
  slack: [
    '*'
  ]
}

param logRetentionInDays = 90
param http5xxThreshold = 10
param responseTimeThresholdSeconds = 3
param maximumInstanceCount = 40
param tags = {
  costCenter: 'platform'
}
