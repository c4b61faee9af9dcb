import { z } from 'zod';
import { decorateProperties, type DecorateOptions } from './decorateProperties';
import type { SwaggerSchema } from './SwaggerDocument';
import { toSwaggerSubset } from './toSwaggerSubset';

/** How a zod schema is described. */
export interface SwaggerSchemaOptions extends DecorateOptions {
  /**
   * Which side of a transform or default to describe: `input` for what a caller sends (a field
   * with a default is optional), `output` for what the API answers. Default `output`.
   */
  readonly io?: 'input' | 'output';
}

/**
 * Describes a zod schema as a Swagger 2.0 Schema Object for a custom connector: draft-04 JSON
 * Schema from `z.toJSONSchema`, narrowed to the subset the Power Platform accepts, with an
 * `x-ms-summary` on every property (and, for inputs, `x-ms-visibility`). A type with no JSON form
 * (a Date, a function) becomes an untyped field rather than an error: the server validates anyway.
 */
export function toSwaggerSchema(schema: z.ZodType, options: SwaggerSchemaOptions = {}): SwaggerSchema {
  const json = z.toJSONSchema(schema, {
    target: 'draft-04',
    io: options.io ?? 'output',
    unrepresentable: 'any',
    cycles: 'ref',
    reused: 'inline',
  });
  return decorateProperties(toSwaggerSubset(json), options);
}
