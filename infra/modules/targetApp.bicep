// Optional: a target App Service app ready for DevOpsFeedback releases: a 'staging' slot, a health-check path,
// the version and commit settings (not sticky: they travel with the code on a swap) and environment-bound
// settings (sticky: they stay with the slot, so staging never points at production resources after a swap).
@description('Azure region.')
param location string

@description('Environment name; part of every resource name and the environment tag the guard checks.')
param environmentName string

@description('Name prefix shared by every resource of this deployment.')
param namePrefix string

@description('Short app name; the site is <prefix>-<app>-<environment>.')
@minLength(2)
@maxLength(30)
param appName string

@description('Tags for the plan and the site (environment is added).')
param tags object

@description('App Service plan SKU; slots need Standard (S1) or better.')
@allowed([
  'S1'
  'S2'
  'P0v3'
  'P1v3'
  'P2v3'
])
param skuName string

@description('Health-check path the platform probes and the release smoke test calls.')
param healthCheckPath string

@description('Name of the app setting that carries the deployed version (not sticky).')
param versionSettingName string

@description('Name of the app setting that carries the deployed commit (not sticky).')
param commitSettingName string

@description('Environment-bound settings for production (sticky): name to value. Values are Key Vault references, not secrets.')
param productionSettings object

@description('Environment-bound settings for the staging slot (sticky): name to value.')
param stagingSettings object

@description('Linux runtime stack of the target, e.g. DOTNETCORE|10.0.')
param linuxFxVersion string

var siteTags = union(tags, { environment: environmentName })

// Guard: both slots bind the same setting names, and no environment-bound setting has the same value in staging as
// in production (a staging slot that reaches the production database is the outage this prevents).
var productionNames = objectKeys(productionSettings)
var stagingNames = objectKeys(stagingSettings)
var unpairedNames = union(
  filter(productionNames, n => !contains(stagingSettings, n)),
  filter(stagingNames, n => !contains(productionSettings, n))
)
var sharedValueNames = filter(productionNames, n => contains(stagingSettings, n) && stagingSettings[n] == productionSettings[n])
var unpairedMessage = 'Sticky settings must exist in both slots; unpaired: ${join(unpairedNames, ', ')}.'
var sharedMessage = 'Staging would share production resources; same value in both slots for: ${join(sharedValueNames, ', ')}.'
// The version and commit settings travel with the code on a swap: they must never be among the sticky settings.
var releaseNamesMadeSticky = filter([versionSettingName, commitSettingName], n => contains(productionSettings, n) || contains(stagingSettings, n))
var releaseNamesMessage = 'The version and commit settings must not be sticky; remove ${join(releaseNamesMadeSticky, ', ')} from the environment-bound settings.'
var pairedNames = !empty(releaseNamesMadeSticky) ? fail(releaseNamesMessage) : (empty(unpairedNames) ? productionNames : fail(unpairedMessage))
var stickyNames = empty(sharedValueNames) ? pairedNames : fail(sharedMessage)

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${namePrefix}-${appName}-${environmentName}-plan'
  location: location
  tags: siteTags
  kind: 'linux'
  sku: {
    name: skuName
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: '${namePrefix}-${appName}-${environmentName}'
  location: location
  tags: siteTags
  kind: 'app,linux'
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: linuxFxVersion
      healthCheckPath: healthCheckPath
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      alwaysOn: true
    }
  }
}

resource productionAppSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(releaseSettings, productionSettings)
}

resource staging 'Microsoft.Web/sites/slots@2024-04-01' = {
  parent: site
  name: 'staging'
  location: location
  tags: siteTags
  kind: 'app,linux'
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: linuxFxVersion
      healthCheckPath: healthCheckPath
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      alwaysOn: true
    }
  }
}

resource stagingAppSettings 'Microsoft.Web/sites/slots/config@2024-04-01' = {
  parent: staging
  name: 'appsettings'
  properties: union(releaseSettings, stagingSettings)
}

// Sticky (slot) settings: the environment-bound ones. The version and commit settings are deliberately absent.
resource slotConfigNames 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'slotConfigNames'
  properties: {
    appSettingNames: stickyNames
  }
}

output name string = site.name
output id string = site.id
output resourceGroupName string = resourceGroup().name
