import type { JobKind } from '../jobs/defineJob';
import { jobEnvelopeSchema } from './connectorSchemas';
import { definitionRef, pollingHeaders, problemResponse } from './responseParts';
import type { ConnectorFragment, SwaggerParameter } from './SwaggerDocument';
import { toPascalCase } from './toPascalCase';
import { toSentence } from './toSentence';
import { toSwaggerSchema } from './toSwaggerSchema';

const STATUS_URL = 'Absolute status URL of the job (with its token); poll it until it answers 200.';

/**
 * The `Start<Kind>` action on `POST /jobs/<kind>`: the asynchronous polling pattern (202 +
 * Location + Retry-After, then the status URL until 200). The path is literal because one path
 * can hold one POST, so `/jobs/{kind}` could describe one kind only.
 */
export function jobKindFragment(kind: JobKind): ConnectorFragment {
  const name = toPascalCase(kind.name);
  return {
    paths: {
      [`/jobs/${kind.name}`]: {
        post: {
          operationId: `Start${name}`,
          summary: kind.summary,
          description: toSentence(kind.description ?? kind.summary),
          parameters: [
            { name: 'body', in: 'body', required: true, 'x-ms-summary': 'Input', schema: definitionRef(`${name}Input`) },
            idempotencyKeyParameter(),
            preferParameter(),
          ],
          responses: {
            '200': { description: 'The job ended within the wait asked for in Prefer.', schema: definitionRef(`${name}Job`) },
            '202': {
              description: 'The job is queued or running.',
              headers: pollingHeaders(STATUS_URL),
              schema: definitionRef(`${name}Job`),
            },
            default: problemResponse(),
          },
        },
      },
    },
    definitions: {
      [`${name}Input`]: toSwaggerSchema(kind.input, { io: 'input', visibility: true }),
      [`${name}Job`]: toSwaggerSchema(jobEnvelopeSchema(kind)),
    },
  };
}

/**
 * `GetJob` and `CancelJob` on the status URL, internal: the engine follows `Location` by URL,
 * so they document the contract and never show in the designer.
 */
export function jobStatusFragment(): ConnectorFragment {
  const parameters = (): SwaggerParameter[] => [
    { name: 'id', in: 'path', required: true, type: 'string', 'x-ms-url-encoding': 'single', 'x-ms-summary': 'Job ID', description: 'The job id.' },
    { name: 'token', in: 'query', required: true, type: 'string', 'x-ms-summary': 'Token', description: 'The job token from the status URL.' },
  ];
  return {
    paths: {
      '/jobs/{id}': {
        get: {
          operationId: 'GetJob',
          summary: 'Get the status of a job',
          description: 'Answers 202 while the job is queued or running, 200 with the envelope when it succeeded, a problem when it failed (409 when cancelled).',
          'x-ms-visibility': 'internal',
          parameters: parameters(),
          responses: {
            '200': { description: 'The job succeeded.', schema: definitionRef('Job') },
            '202': { description: 'The job is queued or running.', headers: pollingHeaders(STATUS_URL), schema: definitionRef('Job') },
            default: problemResponse(),
          },
        },
        delete: {
          operationId: 'CancelJob',
          summary: 'Cancel a job',
          description: 'Asks the job to stop: 202 while the cancel is pending, 200 once the job has ended.',
          'x-ms-visibility': 'internal',
          parameters: parameters(),
          responses: {
            '200': { description: 'The job has ended.', schema: definitionRef('Job') },
            '202': { description: 'The cancel is pending.', headers: pollingHeaders(STATUS_URL), schema: definitionRef('Job') },
            default: problemResponse(),
          },
        },
      },
    },
    definitions: { Job: toSwaggerSchema(jobEnvelopeSchema()) },
  };
}

function idempotencyKeyParameter(): SwaggerParameter {
  // NOTE: advanced, so a maker can enter @{workflow().run.name}-@{action().name}: the platform's
  // retry of a start is then answered with the same job instead of a second one.
  return {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    type: 'string',
    'x-ms-visibility': 'advanced',
    'x-ms-summary': 'Idempotency key',
    description: 'The same key with the same input answers the existing job instead of starting another: the run name and action name, plus the iteration index inside a loop.',
  };
}

function preferParameter(): SwaggerParameter {
  return {
    name: 'Prefer',
    in: 'header',
    required: false,
    type: 'string',
    pattern: '^wait=[0-9]{1,2}$',
    'x-ms-visibility': 'advanced',
    'x-ms-summary': 'Wait preference',
    description: 'wait=N (N at most 60): answer with the result when the job ends within N seconds.',
  };
}
