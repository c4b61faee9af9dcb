import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpRequest } from '@azure/functions';
import SwaggerParser from '@apidevtools/swagger-parser';
import { openapi } from '../../../functions/openapi';
import { CONNECTOR_VERSION } from '../../../shared/openapi/getConnectorDefinition';
import { apiDefinitionValidator, describeErrors } from './referenceSchemas';
import { useAppEnv } from '../../support/appEnv';

async function served(url: string, headers: Record<string, string> = {}): Promise<any> {
  const response = await openapi(new HttpRequest({ method: 'GET', url, headers }));
  assert.equal(response.status, 200);
  return structuredClone(response.jsonBody);
}

describe('GET /api/openapi.json', () => {
  test('serves a definition for the called host that validates against the Power Platform schema and swagger-parser', async () => {
    useAppEnv({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', LONGRUN_PUBLIC_BASE_URL: undefined });
    const document = await served('https://longrun.example.com/api/openapi.json');
    assert.equal(document.host, 'longrun.example.com');
    assert.equal(document.basePath, '/api');
    assert.deepEqual(document.schemes, ['https']);
    const validate = apiDefinitionValidator();
    assert.ok(validate(document), describeErrors(validate.errors));
    await SwaggerParser.validate(structuredClone(document) as never);
    assert.ok(Buffer.byteLength(JSON.stringify(document)) < 1024 * 1024, 'under 1 MB');
  });

  test('honours LONGRUN_PUBLIC_BASE_URL for host and scheme', async () => {
    useAppEnv({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', LONGRUN_PUBLIC_BASE_URL: 'http://localhost:7071' });
    const document = await served('http://10.1.2.3/api/openapi.json');
    assert.equal(document.host, 'localhost:7071');
    assert.deepEqual(document.schemes, ['http']);
    useAppEnv({ LONGRUN_PUBLIC_BASE_URL: undefined });
  });

  test('every shipped kind is a polling and a callback action and every topic a trigger; built-in topics cannot be published', async () => {
    useAppEnv({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', LONGRUN_PUBLIC_BASE_URL: undefined });
    const document = await served('https://h.example/api/openapi.json');
    const ids = Object.values(document.paths).flatMap((item: any) => Object.values(item).map((op: any) => op.operationId)).filter(Boolean);
    for (const id of ['StartBake', 'StartReconcile', 'StartBakeWithCallback', 'StartReconcileWithCallback', 'OnOrderCreated', 'OnOrderCreatedPolling', 'OnJobCompleted', 'OnJobCompletedPolling', 'PublishOrderCreated']) {
      assert.ok(ids.includes(id), `${id} in ${ids.join(', ')}`);
    }
    assert.ok(!ids.includes('PublishJobCompleted'));
  });

  test('with LONGRUN_AUTH=entra the served definition asks for Entra ID sign-in instead of the function key', async () => {
    useAppEnv({
      AzureWebJobsStorage: 'UseDevelopmentStorage=true',
      LONGRUN_PUBLIC_BASE_URL: undefined,
      LONGRUN_AUTH: 'entra',
      LONGRUN_ENTRA_ISSUER: 'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0',
      LONGRUN_ENTRA_AUDIENCE: 'api://longrun',
    });
    try {
      const document = await served('https://longrun.example.com/api/openapi.json');
      assert.deepEqual(Object.keys(document.securityDefinitions), ['oauth2-auth']);
      const validate = apiDefinitionValidator();
      assert.ok(validate(document), describeErrors(validate.errors));
    } finally {
      useAppEnv({ LONGRUN_AUTH: undefined, LONGRUN_ENTRA_ISSUER: undefined, LONGRUN_ENTRA_AUDIENCE: undefined });
    }
    assert.deepEqual(Object.keys((await served('https://longrun.example.com/api/openapi.json')).securityDefinitions), ['api_key']);
  });

  test('the connector version follows package.json', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8'));
    assert.equal(CONNECTOR_VERSION, pkg.version);
  });
});
