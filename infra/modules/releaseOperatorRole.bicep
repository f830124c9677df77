// The custom least-privilege role the app identity holds on each managed target app: read the site, its slots
// and their config; list app settings; write config (routing rules, sticky names); swap, preview and cancel a swap;
// diff slots; restart; poll the swap operation; read the app's platform metrics. No plan, no delete, no publish.
// The action list is exactly the one documented for the ARM slot and metrics adapters; a test pins it.
@description('Environment name; part of the role name so that environments never share a role.')
param environmentName string

@description('Name prefix shared by every resource of this deployment.')
param namePrefix string

@description('Resource group ids where target apps live; the role can be assigned only there.')
param assignableScopes array

resource role 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, namePrefix, environmentName, 'dfb-release-operator')
  properties: {
    roleName: '${namePrefix}-${environmentName} DevOpsFeedback release operator'
    description: 'Read App Service apps and slots, list settings, set routing rules and swap slots; read their metrics. Assigned per target app.'
    type: 'customRole'
    assignableScopes: assignableScopes
    permissions: [
      {
        actions: [
          'Microsoft.Web/sites/Read'
          'Microsoft.Web/sites/slots/Read'
          'Microsoft.Web/sites/config/Read'
          'Microsoft.Web/sites/slots/config/Read'
          'Microsoft.Web/sites/config/list/Action'
          'Microsoft.Web/sites/slots/config/list/Action'
          'Microsoft.Web/sites/config/Write'
          'Microsoft.Web/sites/slots/config/Write'
          'Microsoft.Web/sites/slotsswap/Action'
          'Microsoft.Web/sites/slots/slotsswap/Action'
          'Microsoft.Web/sites/applySlotConfig/Action'
          'Microsoft.Web/sites/slots/applySlotConfig/Action'
          'Microsoft.Web/sites/resetSlotConfig/Action'
          'Microsoft.Web/sites/slots/resetSlotConfig/Action'
          'Microsoft.Web/sites/slotsdiffs/Action'
          'Microsoft.Web/sites/slots/slotsdiffs/Action'
          'Microsoft.Web/sites/restart/Action'
          'Microsoft.Web/sites/slots/restart/Action'
          'Microsoft.Web/sites/operationresults/Read'
          'Microsoft.Web/sites/slots/operationresults/Read'
          'Microsoft.Web/sites/operations/Read'
          'Microsoft.Web/sites/slots/operations/Read'
          'Microsoft.Insights/metrics/Read'
        ]
        notActions: []
        dataActions: []
        notDataActions: []
      }
    ]
  }
}

output roleDefinitionId string = role.id
