import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Node } from 'web-tree-sitter';
import { readBicepFile, type BicepFile } from './bicepFile';
import { identifiersIn, property, propertyPath, stringValue } from './bicepQuery';
import { repoPaths } from './repoPaths';

const isoDuration = /^PT\d+[MH]$/;

/** The text of a var's value: a multi-line '''…''' string is taken as written. */
function varText(file: BicepFile, name: string): string {
  const value = file.get('var', name).value;
  return stringValue(value) ?? value?.text ?? '';
}

/** The query a rule runs: a var, or format(<var>, …) over one. */
function queryOf(file: BicepFile, condition: Node | undefined): string {
  const query = property(condition, 'query');
  const names = [...identifiersIn(query)].filter((n) => file.declarations.some((d) => d.kind === 'var' && d.name === n));
  assert.equal(names.length, 1, `a rule's query must come from one var: ${query?.text ?? ''}`);
  return varText(file, names[0] ?? '');
}

function firstCondition(rule: { value: Node | undefined }): Node | undefined {
  const allOf = propertyPath(rule.value, ['properties', 'criteria', 'allOf']);
  return allOf?.namedChildren.find((c): c is Node => c?.type === 'object');
}

/** Every string literal the telemetry code writes as an event name. */
function emittedEventNames(): string {
  return readdirSync(repoPaths.telemetrySource).map((f) => readFileSync(join(repoPaths.telemetrySource, f), 'utf8')).join('\n');
}

describe('alerts (infra/app/alerts.bicep)', () => {
  test('main.bicep deploys the alerts on the Application Insights component, with an optional alertEmail that azd fills from LONGRUN_ALERT_EMAIL', async () => {
    const main = await readBicepFile(repoPaths.mainBicep);
    const alertEmail = main.get('param', 'alertEmail');
    assert.equal(stringValue(alertEmail.value), '', 'alertEmail defaults to empty: e-mail is optional');
    const [alerts, ...others] = main.withTarget('module', 'app/alerts.bicep');
    assert.ok(alerts && others.length === 0, 'main.bicep must deploy app/alerts.bicep once');
    const params = property(alerts.value, 'params');
    assert.equal(property(params, 'alertEmail')?.text, 'alertEmail');
    assert.equal(property(params, 'appInsightsName')?.text, 'appInsights.outputs.name');
    const parameters = JSON.parse(readFileSync(repoPaths.parameters, 'utf8')) as { parameters: Record<string, { value: string }> };
    assert.equal(parameters.parameters.alertEmail?.value, '${LONGRUN_ALERT_EMAIL=}');
  });

  test('one action group, global, with a short name of at most 12 characters, mails alertEmail only when it is given', async () => {
    const file = await readBicepFile(repoPaths.alertsBicep);
    const [group, ...others] = file.withTarget('resource', 'Microsoft.Insights/actionGroups@');
    assert.ok(group && others.length === 0);
    assert.equal(stringValue(property(group.value, 'location')), 'global');
    const shortName = stringValue(propertyPath(group.value, ['properties', 'groupShortName'])) ?? '';
    assert.ok(shortName.length >= 1 && shortName.length <= 12, `groupShortName "${shortName}"`);
    const receivers = propertyPath(group.value, ['properties', 'emailReceivers']);
    assert.equal(receivers?.type, 'ternary_expression', 'no receiver without an address');
    assert.match(receivers?.text ?? '', /^empty\(alertEmail\) \? \[\] :/);
    assert.match(receivers?.text ?? '', /emailAddress: alertEmail/);
    assert.match(receivers?.text ?? '', /useCommonAlertSchema: true/);
    assert.equal(file.get('param', 'alertEmail').value?.text, "''");
  });

  test('three log search rules on the component (dead deliveries, poison messages, job failure rate), each through the action group', async () => {
    const file = await readBicepFile(repoPaths.alertsBicep);
    const rules = file.withTarget('resource', 'Microsoft.Insights/scheduledQueryRules@');
    assert.deepEqual(rules.map((r) => r.name).sort(), ['deadDeliveries', 'jobFailureRate', 'poisonMessages']);
    for (const rule of rules) {
      assert.equal(stringValue(property(rule.value, 'kind')), 'LogAlert', rule.name);
      const properties = property(rule.value, 'properties');
      assert.deepEqual(property(properties, 'scopes')?.namedChildren.map((c) => c?.text), ['appInsights.id'], `${rule.name} scopes`);
      assert.deepEqual(propertyPath(properties, ['actions', 'actionGroups'])?.namedChildren.map((c) => c?.text), ['actionGroup.id'], `${rule.name} actions`);
      const severity = Number(property(properties, 'severity')?.text);
      assert.ok(severity >= 0 && severity <= 4, `${rule.name} severity ${severity}`);
      for (const duration of ['evaluationFrequency', 'windowSize']) {
        const name = property(properties, duration)?.text ?? '';
        assert.match(varText(file, name), isoDuration, `${rule.name} ${duration}`);
      }
      const condition = firstCondition(rule);
      for (const key of ['query', 'timeAggregation', 'operator', 'threshold']) assert.ok(property(condition, key), `${rule.name} criteria lacks ${key}`);
      assert.equal(stringValue(property(condition, 'operator')), 'GreaterThan', rule.name);
    }
  });

  test("the rules query the event names the telemetry code writes, in both forms (OpenTelemetry's customDimensions and the host log's JSON)", async () => {
    const file = await readBicepFile(repoPaths.alertsBicep);
    const rule = (name: string) => file.get('resource', name);
    const emitted = emittedEventNames();
    const dead = queryOf(file, firstCondition(rule('deadDeliveries')));
    assert.match(dead, /message startswith "delivery\.dead"/);
    assert.match(emitted, /'delivery\.dead'/);
    const poison = queryOf(file, firstCondition(rule('poisonMessages')));
    for (const what of ['job', 'delivery', 'fanout']) assert.match(poison, new RegExp(`message startswith "${what}\\.poisoned"`));
    assert.match(emitted, /`\$\{what\}\.poisoned`/);
    for (const handler of ['jobsPoison', 'deliveriesPoison', 'fanoutPoison']) {
      const source = readFileSync(join(repoPaths.root, 'functions', `${handler}.ts`), 'utf8');
      assert.match(source, /recordPoisonMessage\(QUEUES\.\w+, '(job|delivery|fanout)'/, handler);
    }
    assert.equal(stringValue(property(firstCondition(rule('deadDeliveries')), 'timeAggregation')), 'Count');
    assert.equal(property(firstCondition(rule('deadDeliveries')), 'threshold')?.text, '0');
  });

  test('the failure rate is the share of job.ended records with status failed, over a minimum of ended jobs, compared with a parameter', async () => {
    const file = await readBicepFile(repoPaths.alertsBicep);
    const condition = firstCondition(file.get('resource', 'jobFailureRate'));
    const query = queryOf(file, condition);
    assert.match(query, /message startswith "job\.ended"/);
    assert.match(emittedEventNames(), /'job\.ended'/);
    assert.match(query, /tostring\(customDimensions\.status\)/, 'the OpenTelemetry form');
    assert.match(query, /extract\("\\"status\\":\\"\(\[a-z\]\+\)\\"", 1, message\)/, 'the host-log form');
    assert.match(query, /countif\(status == "failed"\)/);
    assert.match(query, /where ended >= \{0\}/);
    const column = stringValue(property(condition, 'metricMeasureColumn')) ?? '';
    assert.match(query, new RegExp(`extend ${column} = 100\\.0 \\* failed / ended`));
    assert.equal(property(condition, 'threshold')?.text, 'jobFailureRatePercent');
    assert.match(property(condition, 'query')?.text ?? '', /^format\(jobFailureRateQuery, jobFailureRateMinimumJobs\)$/);
    const percent = file.get('param', 'jobFailureRatePercent');
    assert.ok(percent.decorators.includes('minValue') && percent.decorators.includes('maxValue'));
  });
});
