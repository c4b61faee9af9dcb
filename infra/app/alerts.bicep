// Alerts on what needs a person: deliveries dead-lettered, messages poisoned, and the share of
// jobs that fail. Each is a log search alert over the app's Application Insights telemetry,
// through one action group that mails `alertEmail` when it is given.
// The rules read the structured log records (README "Telemetry"): the message starts with the
// event name whether it came through OpenTelemetry (message = the event, properties in
// customDimensions) or through the host's log (message = `<event> <properties as JSON>`).

@description('Azure region of the alert rules (the action group is global).')
param location string

@description('Tags for every resource.')
param tags object

@description('Name of the Application Insights component the rules query.')
param appInsightsName string

@description('E-mail address the action group notifies. Empty: the group has no receiver (the alerts still fire and show in Azure Monitor).')
param alertEmail string = ''

@description('Share of ended jobs, in percent, that may fail in 15 minutes before the failure-rate alert fires. Default 10.')
@minValue(1)
@maxValue(100)
param jobFailureRatePercent int = 10

@description('Fewest ended jobs in 15 minutes for the failure rate to count (a single failure of two jobs is no rate). Default 5.')
@minValue(1)
param jobFailureRateMinimumJobs int = 5

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

// NOTE: the action group as Azure Verified Modules' avm/res/insights/action-group deploys it:
// Microsoft.Insights/actionGroups@2023-01-01, location `global`, a short name of at most 12
// characters (the one SMS and e-mail show), email receivers {name, emailAddress, useCommonAlertSchema}.
resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-longrun-${uniqueString(resourceGroup().id)}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'longrun'
    enabled: true
    emailReceivers: empty(alertEmail) ? [] : [
      {
        name: 'operator'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

// The three rules share their shape: evaluated every 5 minutes over the last 15, on the component.
var evaluationFrequency = 'PT5M'
var windowSize = 'PT15M'

var deadDeliveriesQuery = '''
traces
| where message startswith "delivery.dead"
'''

var poisonMessagesQuery = '''
traces
| where message startswith "job.poisoned" or message startswith "delivery.poisoned" or message startswith "fanout.poisoned"
'''

var jobFailureRateQuery = '''
traces
| where message startswith "job.ended"
| extend status = coalesce(tostring(customDimensions.status), extract("\"status\":\"([a-z]+)\"", 1, message))
| summarize ended = count(), failed = countif(status == "failed")
| where ended >= {0}
| extend failureRatePercent = 100.0 * failed / ended
'''

// NOTE: log search alert rules as Microsoft.Insights/scheduledQueryRules (kind LogAlert), the
// properties of the "Microsoft.Insights scheduledQueryRules" template reference (2021-08-01 and
// later): criteria.allOf[] of {query, timeAggregation, metricMeasureColumn?, operator, threshold,
// failingPeriods}, evaluationFrequency and windowSize as ISO 8601 durations, scopes, severity 0-4,
// actions.actionGroups. 2023-12-01 is a GA version of the type (Azure Verified Modules'
// avm/res/insights/scheduled-query-rule uses the same properties).
resource deadDeliveries 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-longrun-dead-deliveries-${uniqueString(resourceGroup().id)}'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Longrun: deliveries dead-lettered'
    description: 'A callback or hook delivery was dead-lettered (its retry schedule ran out, or its worker kept failing). Replay it with POST /api/deliveries/{id}/replay once the receiver is fixed.'
    severity: 2
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: evaluationFrequency
    windowSize: windowSize
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: deadDeliveriesQuery
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}

resource poisonMessages 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-longrun-poison-messages-${uniqueString(resourceGroup().id)}'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Longrun: poison messages'
    description: 'The host moved a jobs, deliveries or fanout message to its poison queue after every attempt failed: a job ended failed (424) or deliveries were dead-lettered.'
    severity: 2
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: evaluationFrequency
    windowSize: windowSize
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: poisonMessagesQuery
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}

resource jobFailureRate 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-longrun-job-failure-rate-${uniqueString(resourceGroup().id)}'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Longrun: job failure rate'
    description: 'More than ${jobFailureRatePercent}% of the jobs that ended in the last 15 minutes failed (at least ${jobFailureRateMinimumJobs} ended).'
    severity: 1
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: evaluationFrequency
    windowSize: windowSize
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: format(jobFailureRateQuery, jobFailureRateMinimumJobs)
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'failureRatePercent'
          operator: 'GreaterThan'
          threshold: jobFailureRatePercent
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}

@description('Resource id of the action group the alerts notify.')
output actionGroupId string = actionGroup.id

@description('Names of the alert rules.')
output alertRuleNames array = [
  deadDeliveries.name
  poisonMessages.name
  jobFailureRate.name
]
