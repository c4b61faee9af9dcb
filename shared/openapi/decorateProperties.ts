import type { SwaggerSchema } from './SwaggerDocument';
import { toDisplayName } from './toDisplayName';

/** How properties are labelled for the designer. */
export interface DecorateOptions {
  /**
   * Set `x-ms-visibility` on properties that have none: `important` when required, `advanced`
   * when optional. For inputs only; outputs are shown as dynamic content. Default false.
   */
  readonly visibility?: boolean;
}

/**
 * Gives every property, at every depth, an `x-ms-summary`: its schema's `title` (from zod
 * `.meta({ title })`) or else its name in sentence case. The title is moved, not copied: the
 * designer reads `x-ms-summary`. A summary or visibility already present is kept.
 */
export function decorateProperties(schema: SwaggerSchema, options: DecorateOptions = {}): SwaggerSchema {
  const out: SwaggerSchema = { ...schema };
  if (schema.properties !== undefined) {
    const required = new Set(schema.required ?? []);
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([name, property]) => {
        const { title, ...rest } = decorateProperties(property, options);
        const decorated: SwaggerSchema = { ...rest, 'x-ms-summary': rest['x-ms-summary'] ?? title ?? toDisplayName(name) };
        if (options.visibility === true && decorated['x-ms-visibility'] === undefined) {
          decorated['x-ms-visibility'] = required.has(name) ? 'important' : 'advanced';
        }
        return [name, decorated];
      }),
    );
  }
  if (schema.items !== undefined) out.items = decorateProperties(schema.items, options);
  if (typeof schema.additionalProperties === 'object') {
    out.additionalProperties = decorateProperties(schema.additionalProperties, options);
  }
  if (schema.allOf !== undefined) out.allOf = schema.allOf.map((part) => decorateProperties(part, options));
  return out;
}
