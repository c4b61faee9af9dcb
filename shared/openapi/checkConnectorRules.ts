import {
  assertRules,
  ConnectorRuleError,
  descriptionViolations,
  operationIdViolations,
  summaryViolations,
} from './connectorRules';
import type { SwaggerDocument, SwaggerOperation } from './SwaggerDocument';

/**
 * Checks a whole definition against the rules the certification validator applies, naming the
 * operation and the rule: operationIds unique and PascalCase; summaries within the rules;
 * descriptions of operations, parameters, responses, headers and notification content as sentences;
 * `x-ms-url-encoding` on every path parameter; no schema on `default` answers; a response with a
 * schema on every visible operation; `info.contact`.
 */
export function checkConnectorRules(document: SwaggerDocument): void {
  const contact = document.info.contact;
  if (!contact?.name || !(contact.url || contact.email)) {
    throw new ConnectorRuleError('The definition needs info.contact with a name and a URL or email');
  }
  const seen = new Set<string>();
  for (const [path, item] of Object.entries(document.paths)) {
    const notification = item['x-ms-notification-content'];
    if (notification) assertRules(`The notification content description of ${path}`, notification.description, descriptionViolations(notification.description));
    for (const operation of [item.get, item.post, item.delete].filter((op): op is SwaggerOperation => op !== undefined)) {
      const { operationId, summary } = operation;
      assertRules(`The operationId of ${path}`, operationId, operationIdViolations(operationId));
      if (seen.has(operationId)) throw new ConnectorRuleError(`Two kinds or topics give the same operationId ${operationId}: rename one`);
      seen.add(operationId);
      assertRules(`The summary of ${operationId} (${path})`, summary, summaryViolations(summary));
      checkOperation(`${operationId} (${path})`, operation);
    }
  }
}

function checkOperation(where: string, operation: SwaggerOperation): void {
  assertRules(`The description of ${where}`, operation.description, descriptionViolations(operation.description));
  for (const parameter of operation.parameters) {
    if (parameter.in !== 'body') {
      assertRules(`The description of parameter ${parameter.name} of ${where}`, parameter.description ?? '', descriptionViolations(parameter.description));
    }
    if (parameter.in === 'path' && !parameter['x-ms-url-encoding']) {
      throw new ConnectorRuleError(`The path parameter ${parameter.name} of ${where} needs x-ms-url-encoding`);
    }
  }
  for (const [status, response] of Object.entries(operation.responses)) {
    assertRules(`The description of the ${status} answer of ${where}`, response.description, descriptionViolations(response.description));
    if (status === 'default' && response.schema) throw new ConnectorRuleError(`The default answer of ${where} must not have a schema`);
    for (const [name, header] of Object.entries(response.headers ?? {})) {
      assertRules(`The description of header ${name} of the ${status} answer of ${where}`, header.description, descriptionViolations(header.description));
    }
  }
  const described = Object.entries(operation.responses).some(([status, response]) => /^2\d\d$/.test(status) && response.schema);
  if (!described && operation['x-ms-visibility'] !== 'internal') {
    throw new ConnectorRuleError(`${where} needs a success answer with a schema (its outputs in the designer)`);
  }
}
