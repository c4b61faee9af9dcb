import type { JobKind } from '../jobs/defineJob';
import { definitionRef, problemResponse } from './responseParts';
import type { ConnectorFragment, SwaggerSchema } from './SwaggerDocument';
import { toPascalCase } from './toPascalCase';
import { toSentence } from './toSentence';

/**
 * The `Start<Kind>WithCallback` action on `POST /jobs/<kind>/subscribe`: the webhook action. The
 * run waits, without polling, until Longrun POSTs the job envelope to the callback URL the
 * platform puts in the body; that envelope is the action's output.
 *
 * NOTE: declared as certified connectors declare a webhook action (microsoft/PowerPlatformConnectors,
 * certified-connectors/CardPlatform `SendApproval`): a body property with `x-ms-notification-url:
 * true` and `x-ms-visibility: internal`, `x-ms-notification-content` on the path item, and a 201.
 * NOTE: the platform unsubscribes a webhook action when it succeeds, when the run is cancelled while
 * it waits and on timeout (connectors-native-webhook). For a connector action it sends DELETE to the
 * 201's Location: undocumented, shown by Microsoft's human-in-the-loop connector sample, whose
 * DELETE on that Location handles "unsubscribe when a flow is cancelled"
 * (microsoft/CopilotStudioSamples#514). Our Location is the job's status URL, so that DELETE is
 * CancelJob: it cancels a job still running and answers 200 for one that has ended.
 */
export function jobCallbackFragment(kind: JobKind): ConnectorFragment {
  const name = toPascalCase(kind.name);
  return {
    paths: {
      [`/jobs/${kind.name}/subscribe`]: {
        'x-ms-notification-content': {
          description: `The ${kind.name} job envelope once the job has ended, its output as result.`,
          schema: definitionRef(`${name}Job`),
        },
        post: {
          operationId: `Start${name}WithCallback`,
          summary: `${kind.summary} with callback`,
          description:
            `${toSentence(kind.description ?? kind.summary)} The run waits without polling until the job ends; ` +
            'the output is the job envelope, whose status says whether the job succeeded.',
          parameters: [{ name: 'body', in: 'body', required: true, 'x-ms-summary': 'Request', schema: subscribeSchema(name) }],
          responses: {
            '201': {
              description: 'The job is started and the run waits for its callback.',
              headers: {
                Location: {
                  type: 'string',
                  description: 'Absolute status URL of the job (with its token); DELETE on it cancels the job.',
                  'x-ms-summary': 'Location',
                },
              },
              schema: definitionRef(`${name}Job`),
            },
            default: problemResponse(),
          },
        },
      },
    },
    definitions: {},
  };
}

/** The subscribe body: the callback URL the platform fills in, and the kind's input. */
function subscribeSchema(name: string): SwaggerSchema {
  return {
    type: 'object',
    required: ['callbackUrl', 'input'],
    properties: {
      callbackUrl: {
        type: 'string',
        description: 'Where Longrun posts the job envelope when the job ends; the platform fills it in.',
        'x-ms-summary': 'Callback URL',
        'x-ms-notification-url': true,
        'x-ms-visibility': 'internal',
      },
      input: definitionRef(`${name}Input`),
    },
  };
}
