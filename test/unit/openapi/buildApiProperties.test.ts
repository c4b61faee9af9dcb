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

  test('the stack owner defaults to the publisher', () => {
    const { properties } = buildApiProperties({ publisher: 'Contoso' });
    assert.deepEqual([properties.publisher, properties.stackOwner, properties.capabilities], ['Contoso', 'Contoso', []]);
  });
});
