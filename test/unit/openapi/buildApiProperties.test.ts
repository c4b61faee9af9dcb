import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApiProperties } from '../../../shared/openapi/buildApiProperties';
import { buildConnectorDefinition } from '../../../shared/openapi/buildConnectorDefinition';
import { apiPropertiesValidator, describeErrors } from './referenceSchemas';
import { fixtureKinds, fixtureTopics } from './fixtures';

describe('buildApiProperties', () => {
  test('apiProperties validates against the Power Platform apiProperties schema', () => {
    const validate = apiPropertiesValidator();
    const properties = buildApiProperties({ publisher: 'Contoso', iconBrandColor: '#123456' });
    assert.equal(validate(properties), true, describeErrors(validate.errors));
    assert.equal(validate(buildApiProperties()), true, describeErrors(validate.errors));
  });

  test('the schema check would catch a malformed connection parameter', () => {
    const validate = apiPropertiesValidator();
    const properties = structuredClone(buildApiProperties()) as unknown as { properties: { connectionParameters: { api_key: { type: string } } } };
    properties.properties.connectionParameters.api_key.type = 'password';
    assert.equal(validate(properties), false);
  });

  test('the connection parameter is a secure string named like the security scheme', () => {
    const definition = buildConnectorDefinition({ kinds: fixtureKinds, topics: fixtureTopics, host: 'h.example', version: '1' });
    const { connectionParameters } = buildApiProperties().properties;
    assert.deepEqual(Object.keys(connectionParameters), Object.keys(definition.securityDefinitions));
    assert.equal(connectionParameters.api_key?.type, 'securestring');
    assert.ok(connectionParameters.api_key?.uiDefinition.displayName);
  });

  test('the next-link policy names the pageable operations of the definition and their next-link property', () => {
    const definition = buildConnectorDefinition({ kinds: fixtureKinds, topics: fixtureTopics, host: 'h.example', version: '1' });
    const pageable = Object.values(definition.paths).flatMap((item) => [item.get, item.post, item.delete]).filter((op) => op?.['x-ms-pageable']);
    const [policy, ...others] = buildApiProperties().properties.policyTemplateInstances;
    assert.equal(others.length, 0);
    assert.equal(policy?.templateId, 'updatenextlink');
    assert.deepEqual(policy?.parameters['x-ms-apimTemplate-operationName'], pageable.map((op) => op?.operationId));
    assert.deepEqual([policy?.parameters['x-ms-apimTemplateParameter.nextLinkPropertyName']], [...new Set(pageable.map((op) => op?.['x-ms-pageable']?.nextLinkName))]);
  });

  test('the stack owner defaults to the publisher', () => {
    const { properties } = buildApiProperties({ publisher: 'Contoso' });
    assert.deepEqual([properties.publisher, properties.stackOwner, properties.capabilities], ['Contoso', 'Contoso', []]);
  });
  test('the Entra variant validates against the Power Platform apiProperties schema: an aad OAuth setting whose resourceUri is the audience', () => {
    const validate = apiPropertiesValidator();
    const properties = buildApiProperties({ entra: { audience: 'api://longrun', clientId: '0a1b2c3d-0000-4000-8000-000000000002' } });
    assert.equal(validate(properties), true, describeErrors(validate.errors));
    const token = properties.properties.connectionParameters.token;
    assert.ok(token && token.type === 'oauthSetting');
    assert.equal(token.oAuthSettings.identityProvider, 'aad');
    assert.equal(token.oAuthSettings.clientId, '0a1b2c3d-0000-4000-8000-000000000002');
    assert.equal(token.oAuthSettings.customParameters.resourceUri.value, 'api://longrun');
    assert.deepEqual(Object.keys(properties.properties.connectionParameters), ['token', 'token:TenantId']);
  });

  test('the schema check would catch an aad setting without its resourceUri', () => {
    const validate = apiPropertiesValidator();
    const properties = structuredClone(buildApiProperties({ entra: { audience: 'api://longrun', clientId: 'c' } })) as any;
    delete properties.properties.connectionParameters.token.oAuthSettings.customParameters.resourceUri;
    assert.equal(validate(properties), false);
  });
});
