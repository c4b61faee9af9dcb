/** A connection parameter of apiProperties.json (primitive form). */
export interface ConnectionParameter {
  type: 'string' | 'securestring' | 'int' | 'bool';
  uiDefinition: {
    displayName: string;
    description: string;
    tooltip: string;
    constraints: { required: 'true' | 'false'; clearText?: boolean; tabIndex?: number };
  };
}

/** The connector properties file (apiProperties.json), per reference/powerplatform-apiProperties.schema.json. */
export interface ApiProperties {
  properties: {
    connectionParameters: Record<string, ConnectionParameter>;
    iconBrandColor: string;
    capabilities: string[];
    publisher: string;
    stackOwner: string;
  };
}

/** What apiProperties.json is built from. */
export interface ApiPropertiesOptions {
  /** Who publishes the connector. Default `Longrun`. */
  readonly publisher?: string;
  /** Who runs the service behind it. Default: the publisher. */
  readonly stackOwner?: string;
  /** Icon background. Default `#0F6CBD`. */
  readonly iconBrandColor?: string;
}

/**
 * Builds apiProperties.json: one connection parameter, `api_key`, named like the definition's
 * security scheme so the platform sends it as the `x-functions-key` header.
 */
export function buildApiProperties(options: ApiPropertiesOptions = {}): ApiProperties {
  const publisher = options.publisher ?? 'Longrun';
  return {
    properties: {
      connectionParameters: {
        api_key: {
          type: 'securestring',
          uiDefinition: {
            displayName: 'Function key',
            description: 'The function key of the Longrun Function App',
            tooltip: 'A function key or the default host key from the Function App (App keys in the portal)',
            constraints: { required: 'true', clearText: false, tabIndex: 2 },
          },
        },
      },
      iconBrandColor: options.iconBrandColor ?? '#0F6CBD',
      capabilities: [],
      publisher,
      stackOwner: options.stackOwner ?? publisher,
    },
  };
}
