import type { Topic } from '../events/defineTopic';
import type { JobKind } from '../jobs/defineJob';
import { checkConnectorRules } from './checkConnectorRules';
import { assertRules, connectorDescriptionViolations, ConnectorRuleError, summaryViolations, titleViolations } from './connectorRules';
import { eventReceiptSchema, hookSchema } from './connectorSchemas';
import { jobCallbackFragment } from './jobCallbackOperations';
import { jobKindFragment, jobStatusFragment } from './jobOperations';
import { jobListFragment } from './jobListOperations';
import type { ConnectorContact, ConnectorFragment, SwaggerDocument } from './SwaggerDocument';
import { hookFragment, topicFragment } from './topicOperations';
import { toConnectorSecurity, type ConnectorAuth } from './toConnectorSecurity';
import { toSwaggerSchema } from './toSwaggerSchema';

/** What the connector definition is generated from. */
export interface ConnectorDefinitionOptions {
  /** The job kinds: a polling action `Start<Kind>` and a webhook action `Start<Kind>WithCallback` each. */
  readonly kinds: readonly JobKind[];
  /** The topics: a webhook trigger, a polling trigger and a publish action each. */
  readonly topics: readonly Topic[];
  /** Host name and optional port the connector calls, e.g. `longrun.azurewebsites.net`. */
  readonly host: string;
  /** Path of every route. Default `/api`. */
  readonly basePath?: string;
  /** Default `['https']`; `['http']` for a local run only. */
  readonly schemes?: ['https'] | ['http'];
  /** Connector name: at most 30 characters, without "API". Default `Longrun`. */
  readonly title?: string;
  /** Connector version, e.g. the package version. */
  readonly version: string;
  /** Default: a sentence on what Longrun does. */
  readonly description?: string;
  /** `Website` in the connector metadata. Default: the host's root URL. */
  readonly website?: string;
  /** `Privacy policy` in the connector metadata. Default: the website. */
  readonly privacyPolicy?: string;
  /** `info.contact`. Default: the title as name, the website as URL. */
  readonly contact?: ConnectorContact;
  /** How callers authenticate (LONGRUN_AUTH): the function key, or Entra ID OAuth 2.0. Default key. */
  readonly auth?: ConnectorAuth;
}

const DEFAULT_DESCRIPTION =
  'Runs long work as jobs that workflows start and wait for, and fires workflows on events.';
const HOST = /^[^{}/ :\\]+(?::\d+)?$/;

/**
 * Generates the Swagger 2.0 custom connector definition (apiDefinition.swagger.json) from the job
 * kinds and topics. Pure: same options, same document. Throws ConnectorRuleError when a kind or
 * topic breaks a connector naming rule, naming it and the rule.
 */
export function buildConnectorDefinition(options: ConnectorDefinitionOptions): SwaggerDocument {
  const { kinds, topics, host, version } = options;
  const schemes = options.schemes ?? ['https'];
  const title = options.title ?? 'Longrun';
  const description = options.description ?? DEFAULT_DESCRIPTION;
  if (!HOST.test(host)) {
    throw new ConnectorRuleError(`The host ("${host}") must be a host name with an optional port, without scheme or path`);
  }
  assertRules('The connector title', title, titleViolations(title));
  assertRules('The connector description', description, connectorDescriptionViolations(description));
  for (const kind of kinds) assertRules(`The summary of job kind "${kind.name}"`, kind.summary, summaryViolations(kind.summary));
  for (const topic of topics) assertRules(`The summary of topic "${topic.name}"`, topic.summary, summaryViolations(topic.summary));

  const fragments: ConnectorFragment[] = [
    ...kinds.map((kind) => describing(`job kind "${kind.name}"`, () => jobKindFragment(kind))),
    ...kinds.map((kind) => jobCallbackFragment(kind)),
    jobStatusFragment(),
    jobListFragment(),
    ...topics.map((topic) => describing(`topic "${topic.name}"`, () => topicFragment(topic))),
    hookFragment(),
    {
      paths: {},
      definitions: {
        Hook: toSwaggerSchema(hookSchema),
        EventReceipt: toSwaggerSchema(eventReceiptSchema),
      },
    },
  ];
  const website = options.website ?? `${schemes[0]}://${host}/`;
  const document: SwaggerDocument = {
    swagger: '2.0',
    info: { title, description, version, contact: options.contact ?? { name: title, url: website } },
    host,
    basePath: options.basePath ?? '/api',
    schemes,
    consumes: ['application/json'],
    produces: ['application/json'],
    paths: {},
    definitions: {},
    ...toConnectorSecurity(options.auth ?? 'key'),
    'x-ms-connector-metadata': connectorMetadata(website, options.privacyPolicy),
  };
  for (const fragment of fragments) merge(document, fragment);
  checkConnectorRules(document);
  return document;
}

/** Runs a fragment builder; a schema it cannot describe (a recursive one) becomes a clear error. */
function describing(what: string, build: () => ConnectorFragment): ConnectorFragment {
  try {
    return build();
  } catch (error) {
    if (error instanceof ConnectorRuleError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConnectorRuleError(`The schemas of ${what} cannot be described in the connector: ${reason}`, { cause: error });
  }
}

function connectorMetadata(website: string, privacyPolicy = website): SwaggerDocument['x-ms-connector-metadata'] {
  return [
    { propertyName: 'Website', propertyValue: website },
    { propertyName: 'Privacy policy', propertyValue: privacyPolicy },
    { propertyName: 'Categories', propertyValue: 'IT Operations;Productivity' },
  ];
}

/** Adds a fragment; two kinds or topics whose names give the same path or definition collide. */
function merge(document: SwaggerDocument, fragment: ConnectorFragment): void {
  for (const [path, item] of Object.entries(fragment.paths)) {
    if (path in document.paths) throw new ConnectorRuleError(`Two kinds or topics give the same path ${path}`);
    document.paths[path] = item;
  }
  for (const [name, schema] of Object.entries(fragment.definitions)) {
    if (name in document.definitions) {
      throw new ConnectorRuleError(`Two kinds or topics give the same definition name ${name}: rename one`);
    }
    document.definitions[name] = schema;
  }
}
