/** Where a field shows in the Logic Apps / Power Automate designer. */
export type Visibility = 'important' | 'advanced' | 'internal';

/**
 * A Swagger 2.0 Schema Object as the Power Platform accepts it: a draft-04 subset with no
 * `anyOf`/`oneOf`/`const`, nullability as `x-nullable`, and the `x-ms-*` extensions.
 */
export interface SwaggerSchema {
  type?: string;
  format?: string;
  title?: string;
  description?: string;
  properties?: Record<string, SwaggerSchema>;
  required?: string[];
  items?: SwaggerSchema;
  additionalProperties?: SwaggerSchema | boolean;
  allOf?: SwaggerSchema[];
  enum?: unknown[];
  default?: unknown;
  $ref?: string;
  'x-ms-summary'?: string;
  'x-ms-visibility'?: Visibility;
  'x-ms-notification-url'?: boolean;
  'x-nullable'?: boolean;
  [keyword: string]: unknown;
}

/** A response header (Location, Retry-After). */
export interface SwaggerHeader {
  type: 'string' | 'integer';
  description: string;
  'x-ms-summary'?: string;
}

/** A body, header, path or query parameter. */
export interface SwaggerParameter {
  name: string;
  in: 'body' | 'header' | 'path' | 'query';
  required: boolean;
  description?: string;
  type?: 'string' | 'integer';
  schema?: SwaggerSchema;
  default?: unknown;
  enum?: string[];
  format?: string;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  'x-ms-summary'?: string;
  'x-ms-visibility'?: Visibility;
  /** Path parameters: how the platform encodes the value into the path (certification asks for it). */
  'x-ms-url-encoding'?: 'single' | 'double';
}

/** One answer of an operation. */
export interface SwaggerResponse {
  description: string;
  schema?: SwaggerSchema;
  headers?: Record<string, SwaggerHeader>;
}

/** One method on one path: an action, a trigger or an internal operation. */
export interface SwaggerOperation {
  operationId: string;
  summary: string;
  description: string;
  parameters: SwaggerParameter[];
  responses: Record<string, SwaggerResponse>;
  'x-ms-visibility'?: Visibility;
  'x-ms-trigger'?: 'batch' | 'single';
  'x-ms-trigger-metadata'?: { kind: 'query'; mode: 'polling' };
  /** A list whose answer names its next page in `nextLinkName` (the platform follows it when paging is on). */
  'x-ms-pageable'?: { nextLinkName: string };
}

/** A path and its operations; webhook triggers add `x-ms-notification-content`. */
export interface SwaggerPathItem {
  get?: SwaggerOperation;
  post?: SwaggerOperation;
  delete?: SwaggerOperation;
  'x-ms-notification-content'?: { description: string; schema: SwaggerSchema };
}

/** `info.contact`: who answers for the connector (the certification asks for it). */
export interface ConnectorContact {
  name: string;
  url?: string;
  email?: string;
}

/** A Security Scheme Object: the function key header, or Microsoft Entra ID's OAuth 2.0 code flow. */
export type SecurityScheme =
  | { type: 'apiKey'; in: 'header'; name: string; description?: string }
  | { type: 'oauth2'; flow: 'accessCode'; authorizationUrl: string; tokenUrl: string; scopes: Record<string, string>; description?: string };

/** The connector definition (apiDefinition.swagger.json). */
export interface SwaggerDocument {
  swagger: '2.0';
  info: { title: string; description: string; version: string; contact: ConnectorContact };
  host: string;
  basePath: string;
  schemes: ['https'] | ['http'];
  consumes: string[];
  produces: string[];
  paths: Record<string, SwaggerPathItem>;
  definitions: Record<string, SwaggerSchema>;
  securityDefinitions: Record<string, SecurityScheme>;
  security: Record<string, string[]>[];
  'x-ms-connector-metadata': { propertyName: string; propertyValue: string }[];
}

/** Paths and the definitions they refer to, built for one kind or topic and merged into the document. */
export interface ConnectorFragment {
  paths: Record<string, SwaggerPathItem>;
  definitions: Record<string, SwaggerSchema>;
}
