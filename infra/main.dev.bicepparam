// Development environment. No secret appears here: the alerts key is read from this environment's Key Vault at
// deployment time, and the subscription id comes from the environment (azd / az login set AZURE_SUBSCRIPTION_ID).
using './main.bicep'

param environmentName = 'dev'
param namePrefix = 'dfb'
param keyVaultName = 'kv-dfb-dev'
param keyVaultResourceGroup = 'rg-dfb-dev'

param targetApps = [
  {
    name: 'contoso-web-dev'
    resourceGroup: 'rg-contoso-web-dev'
    repository: 'contoso/web'
  }
]
param deploySampleTarget = true

param alertAuth = 'functionKey'
param alertsFunctionKey = az.getSecret(readEnvironmentVariable('AZURE_SUBSCRIPTION_ID'), 'rg-dfb-dev', 'kv-dfb-dev', 'dfb-alerts-function-key')

param http5xxThreshold = 20
param responseTimeThresholdSeconds = 5
param maximumInstanceCount = 10
param healthCheckSchedule = '0 */5 * * * *'
param tags = {
  costCenter: 'platform-dev'
}
