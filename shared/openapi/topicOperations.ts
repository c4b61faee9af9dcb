import type { Topic } from '../events/defineTopic';
import { eventSchema } from './connectorSchemas';
import { definitionRef, pollingHeaders, problemResponse } from './responseParts';
import type { ConnectorFragment, SwaggerParameter } from './SwaggerDocument';
import { toPascalCase } from './toPascalCase';
import { toDisplayName } from './toDisplayName';
import { toSentence } from './toSentence';
import { toSwaggerSchema } from './toSwaggerSchema';

/** Events one poll returns at most; always sent, since the 200 answer is declared as an array. */
export const POLLING_BATCH_SIZE = 20;

/**
 * For one topic: the webhook trigger `On<Topic>` (`POST /hooks/<topic>`, preferred: instant and no
 * billed polls), the polling trigger `On<Topic>Polling` (`GET /triggers/<topic>`) and the action
 * `Publish<Topic>` (`POST /events/<topic>`). The paths are literal: one path holds one POST.
 */
export function topicFragment(topic: Topic): ConnectorFragment {
  const name = toPascalCase(topic.name);
  const description = toSentence(topic.description ?? topic.summary);
  return {
    paths: {
      [`/hooks/${topic.name}`]: {
        'x-ms-notification-content': { description: `A ${topic.name} event.`, schema: definitionRef(`${name}Event`) },
        post: {
          operationId: `On${name}`,
          summary: topic.summary,
          description: `${description} Webhook: the event arrives as soon as it is published.`,
          'x-ms-trigger': 'single',
          parameters: [{ name: 'body', in: 'body', required: true, schema: callbackSchema() }],
          responses: {
            '201': {
              description: 'Subscribed; DELETE the Location to unsubscribe.',
              headers: { Location: { type: 'string', description: 'Absolute URL of the subscription (with its token).' } },
              schema: definitionRef('Hook'),
            },
            default: problemResponse(),
          },
        },
      },
      [`/triggers/${topic.name}`]: {
        get: {
          operationId: `On${name}Polling`,
          summary: `${topic.summary} by polling`,
          description: `${description} Polling: each poll reads the events published since the last one.`,
          'x-ms-trigger': 'batch',
          'x-ms-trigger-metadata': { kind: 'query', mode: 'polling' },
          parameters: pollingParameters(),
          responses: {
            '200': {
              description: 'New events, oldest first.',
              headers: pollingHeaders('Absolute URL of the next poll, with the advanced cursor; it needs no key.'),
              schema: { type: 'array', items: definitionRef(`${name}Event`) },
            },
            '202': { description: 'No new event.', headers: pollingHeaders('Absolute URL of the next poll; it needs no key.') },
            default: problemResponse(),
          },
        },
      },
      // Built-in topics (job.completed) are published by Longrun itself, never by a caller.
      ...(topic.builtIn
        ? {}
        : {
          [`/events/${topic.name}`]: {
            post: {
              operationId: `Publish${name}`,
              summary: `Publish ${toDisplayName(topic.name).toLowerCase()} event`,
              description: `Publishes an event on the ${topic.name} topic: every trigger of the topic fires.`,
              parameters: [{ name: 'body', in: 'body', required: true, 'x-ms-summary': 'Data', schema: definitionRef(`${name}Data`) }],
              responses: {
                '202': { description: 'The event is in the feed.', schema: definitionRef('EventReceipt') },
                default: problemResponse(),
              },
            },
          },
          }),
    },
    definitions: {
      [`${name}Event`]: toSwaggerSchema(eventSchema(topic)),
      ...(topic.builtIn ? {} : { [`${name}Data`]: toSwaggerSchema(topic.schema, { io: 'input', visibility: true }) }),
    },
  };
}

/** `DeleteHook`, internal: the platform sends DELETE to the subscription's Location by URL. */
export function hookFragment(): ConnectorFragment {
  return {
    paths: {
      '/hooks/{id}': {
        delete: {
          operationId: 'DeleteHook',
          summary: 'Delete a webhook trigger subscription',
          description: 'Removes the subscription; the platform calls it when the trigger or flow is removed.',
          'x-ms-visibility': 'internal',
          parameters: [
            { name: 'id', in: 'path', required: true, type: 'string', 'x-ms-url-encoding': 'single', 'x-ms-summary': 'Hook ID', description: 'The subscription id.' },
            { name: 'token', in: 'query', required: true, type: 'string', 'x-ms-summary': 'Token', description: 'The subscription token from the Location.' },
          ],
          responses: { '200': { description: 'Unsubscribed.' }, default: problemResponse() },
        },
      },
    },
    definitions: {},
  };
}

function callbackSchema() {
  return {
    type: 'object',
    required: ['callbackUrl'],
    properties: {
      callbackUrl: {
        type: 'string',
        description: 'Where to POST each event; the platform fills it in.',
        'x-ms-summary': 'Callback URL',
        'x-ms-notification-url': true,
        'x-ms-visibility': 'internal' as const,
      },
    },
  };
}

function pollingParameters(): SwaggerParameter[] {
  return [
    {
      name: 'triggerState',
      in: 'query',
      required: false,
      type: 'string',
      'x-ms-visibility': 'internal',
      'x-ms-summary': 'Trigger state',
      description: 'The cursor; the engine carries it from one Location to the next.',
    },
    {
      // NOTE: without `batch` the API answers one event, not an array; the trigger is declared
      // `x-ms-trigger: batch` with an array answer, so the value is required and always sent.
      name: 'batch',
      in: 'query',
      required: true,
      type: 'integer',
      minimum: 1,
      default: POLLING_BATCH_SIZE,
      'x-ms-visibility': 'internal',
      'x-ms-summary': 'Batch size',
      description: 'Most events one poll returns.',
    },
  ];
}
