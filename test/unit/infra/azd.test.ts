import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { readBicepFile } from './bicepFile';
import { stringValue } from './bicepQuery';
import { repoPaths } from './repoPaths';

const parametersFile = z.object({
  parameters: z.record(z.string(), z.object({ value: z.unknown() })),
});

describe('azd wiring', () => {
  test('azure.yaml names the project longrun and deploys this folder as the TypeScript function service api', () => {
    const yaml = readFileSync(repoPaths.azureYaml, 'utf8');
    assert.match(yaml, /^name: longrun$/m);
    const service = /^services:\n {2}api:\n((?: {4}.+\n?)+)/m.exec(yaml)?.[1] ?? '';
    assert.match(service, /^ {4}project: \.$/m);
    assert.match(service, /^ {4}language: ts$/m);
    assert.match(service, /^ {4}host: function$/m);
  });

  test('main.bicep targets the subscription and creates the resource group', async () => {
    const main = await readBicepFile(repoPaths.mainBicep);
    assert.match(main.source, /^targetScope = 'subscription'$/m);
    assert.equal(main.withTarget('resource', 'Microsoft.Resources/resourceGroups@').length, 1);
  });

  test('main.parameters.json fills every main.bicep parameter without a default, and only known ones', async () => {
    const main = await readBicepFile(repoPaths.mainBicep);
    const params = main.declarations.filter((d) => d.kind === 'param');
    const given = parametersFile.parse(JSON.parse(readFileSync(repoPaths.parameters, 'utf8'))).parameters;
    for (const param of params.filter((p) => p.value === undefined)) {
      assert.ok(param.name in given, `main.parameters.json must set ${param.name}`);
    }
    for (const name of Object.keys(given)) assert.ok(params.some((p) => p.name === name), `${name} is not a main.bicep parameter`);
    assert.deepEqual(given.environmentName, { value: '${AZURE_ENV_NAME}' });
    assert.deepEqual(given.location, { value: '${AZURE_LOCATION}' });
    assert.deepEqual(given.principalId, { value: '${AZURE_PRINCIPAL_ID}' });
    assert.equal(stringValue(main.get('param', 'principalId').value), '', 'principalId must be optional');
  });

  test('main.bicep outputs what azd and the README need', async () => {
    const main = await readBicepFile(repoPaths.mainBicep);
    const outputs = main.declarations.filter((d) => d.kind === 'output').map((d) => d.name);
    for (const name of [
      'AZURE_LOCATION',
      'AZURE_TENANT_ID',
      'AZURE_RESOURCE_GROUP',
      'RESOURCE_GROUP',
      'AZURE_FUNCTION_APP_NAME',
      'SERVICE_API_NAME',
      'SERVICE_API_URI',
      'AZURE_STORAGE_ACCOUNT_NAME',
    ]) {
      assert.ok(outputs.includes(name), `main.bicep must output ${name}`);
    }
    const api = await readBicepFile(repoPaths.apiBicep);
    assert.match(api.get('output', 'uri').value?.text ?? '', /^'https:\/\/\$\{/);
  });

  test('abbreviations.json defines every abbreviation main.bicep uses', async () => {
    const main = await readBicepFile(repoPaths.mainBicep);
    const abbreviations = z.record(z.string(), z.string()).parse(JSON.parse(readFileSync(repoPaths.abbreviations, 'utf8')));
    const used = [...main.source.matchAll(/\babbrs\.(\w+)/g)].map((match) => match[1]!);
    assert.ok(used.length > 0);
    for (const key of used) assert.ok(key in abbreviations, `abbreviations.json lacks ${key}`);
  });
});
