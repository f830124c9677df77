// Metric alerts on each target app (HTTP 5xx, response time) and one action group that posts the Azure Monitor
// common alert schema to DevOpsFeedback's /api/alerts. Authentication is either a secure webhook (Entra token, no
// shared secret) or a function key whose value comes from Key Vault through the parameter file (never a literal).
@description('Environment name; part of every resource name.')
param environmentName string

@description('Name prefix shared by every resource of this deployment.')
param namePrefix string

@description('Tags for every resource.')
param tags object

@description('Name of the DevOpsFeedback Function App in this resource group.')
param functionAppName string

@description('Default host name of the DevOpsFeedback Function App.')
param functionAppHostName string

@description('secureWebhook: Entra token from Azure Monitor; functionKey: a key from Key Vault in the query string.')
@allowed([
  'secureWebhook'
  'functionKey'
])
param alertAuth string

@description('functionKey mode: the key value, read from Key Vault by the parameter file (az.getSecret).')
@secure()
param alertsFunctionKey string = ''

@description('secureWebhook mode: object id of the app registration that protects the API.')
param webhookAppObjectId string = ''

@description('secureWebhook mode: Application ID URI of that app registration.')
param webhookIdentifierUri string = ''

@description('Target apps to watch: name and full resource id.')
param targets array

@description('Fire when HTTP 5xx responses in 5 minutes exceed this count.')
@minValue(1)
param http5xxThreshold int

@description('Fire when the average response time over 5 minutes exceeds this many seconds.')
@minValue(1)
param responseTimeThresholdSeconds int

var useFunctionKey = alertAuth == 'functionKey'
var keyName = 'alerts'
var alertsUrl = 'https://${functionAppHostName}/api/alerts'

// The guard is evaluated before anything is created: each mode needs its own inputs.
var missingKey = empty(alertsFunctionKey)
var missingAppRegistration = empty(webhookAppObjectId) || empty(webhookIdentifierUri)
var missingKeyMessage = 'alertsFunctionKey is required when alertAuth is functionKey (read it from Key Vault with az.getSecret).'
var missingAppRegistrationMessage = 'webhookAppObjectId and webhookIdentifierUri are required when alertAuth is secureWebhook.'
// One expression, so that only the chosen mode's check runs (ARM evaluates only the taken branch).
var checkedAuth = useFunctionKey ? (missingKey ? fail(missingKeyMessage) : 'functionKey') : (missingAppRegistration ? fail(missingAppRegistrationMessage) : 'secureWebhook')

var functionKeyReceiver = {
  name: 'devopsfeedback-alerts'
  serviceUri: '${alertsUrl}?code=${alertsFunctionKey}'
  useCommonAlertSchema: true
  useAadAuth: false
}
var secureWebhookReceiver = {
  name: 'devopsfeedback-alerts'
  serviceUri: alertsUrl
  useCommonAlertSchema: true
  useAadAuth: true
  objectId: webhookAppObjectId
  identifierUri: webhookIdentifierUri
  tenantId: tenant().tenantId
}
var webhookReceiver = checkedAuth == 'functionKey' ? functionKeyReceiver : secureWebhookReceiver

resource functionApp 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

// Host-level key named 'alerts', whose value is the Key Vault secret: rotating the secret and redeploying rotates it.
resource functionHost 'Microsoft.Web/sites/host@2024-04-01' existing = {
  parent: functionApp
  name: 'default'
}

resource alertsKey 'Microsoft.Web/sites/host/functionKeys@2024-04-01' = if (useFunctionKey) {
  parent: functionHost
  name: keyName
  properties: {
    name: keyName
    value: alertsFunctionKey
  }
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${namePrefix}-${environmentName}-ag-dfb'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: take('dfb${environmentName}', 12)
    enabled: true
    webhookReceivers: [
      webhookReceiver
    ]
  }
  dependsOn: [
    alertsKey
  ]
}

resource http5xx 'Microsoft.Insights/metricAlerts@2018-03-01' = [
  for target in targets: {
    name: '${namePrefix}-${environmentName}-${target.name}-http5xx'
    location: 'global'
    tags: tags
    properties: {
      description: 'HTTP 5xx on ${target.name} (${environmentName}); DevOpsFeedback rolls back a release in its bake.'
      severity: 1
      enabled: true
      scopes: [
        target.id
      ]
      evaluationFrequency: 'PT1M'
      windowSize: 'PT5M'
      autoMitigate: true
      criteria: {
        'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
        allOf: [
          {
            criterionType: 'StaticThresholdCriterion'
            name: 'Http5xx'
            metricNamespace: 'Microsoft.Web/sites'
            metricName: 'Http5xx'
            operator: 'GreaterThan'
            threshold: http5xxThreshold
            timeAggregation: 'Total'
          }
        ]
      }
      actions: [
        {
          actionGroupId: actionGroup.id
        }
      ]
    }
  }
]

resource responseTime 'Microsoft.Insights/metricAlerts@2018-03-01' = [
  for target in targets: {
    name: '${namePrefix}-${environmentName}-${target.name}-latency'
    location: 'global'
    tags: tags
    properties: {
      description: 'Average response time on ${target.name} (${environmentName}) above ${responseTimeThresholdSeconds}s.'
      severity: 2
      enabled: true
      scopes: [
        target.id
      ]
      evaluationFrequency: 'PT1M'
      windowSize: 'PT5M'
      autoMitigate: true
      criteria: {
        'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
        allOf: [
          {
            criterionType: 'StaticThresholdCriterion'
            name: 'HttpResponseTime'
            metricNamespace: 'Microsoft.Web/sites'
            metricName: 'HttpResponseTime'
            operator: 'GreaterThan'
            threshold: responseTimeThresholdSeconds
            timeAggregation: 'Average'
          }
        ]
      }
      actions: [
        {
          actionGroupId: actionGroup.id
        }
      ]
    }
  }
]

output actionGroupId string = actionGroup.id
