import type { SwaggerSchema } from './SwaggerDocument';

/**
 * Folds the branches of an `anyOf`/`oneOf` (which Swagger 2.0 lacks) into one schema the designer
 * can show: literal unions become one `enum`, object unions one object holding every branch's
 * properties (required only where every branch requires them), same-type branches that type.
 * Anything else becomes an untyped schema: the server still validates with the real zod schema.
 */
export function mergeUnionBranches(branches: SwaggerSchema[]): SwaggerSchema {
  const [first, ...rest] = branches;
  if (first === undefined) return {};
  if (rest.length === 0) return first;
  const types = new Set(branches.map((branch) => branch.type));
  if (types.size !== 1 || first.type === undefined) return {};
  const type = first.type;
  if (branches.every((branch) => Array.isArray(branch.enum))) {
    const values = branches.flatMap((branch) => branch.enum ?? []);
    return { type, enum: [...new Set(values)] };
  }
  if (type === 'object') return mergeObjects(branches);
  if (type === 'array') return { type, items: mergeUnionBranches(branches.map((b) => b.items ?? {})) };
  const formats = new Set(branches.map((branch) => branch.format));
  const format = formats.size === 1 ? first.format : undefined;
  return format === undefined ? { type } : { type, format };
}

function mergeObjects(branches: SwaggerSchema[]): SwaggerSchema {
  const byName = new Map<string, SwaggerSchema[]>();
  for (const branch of branches) {
    for (const [name, property] of Object.entries(branch.properties ?? {})) {
      byName.set(name, [...(byName.get(name) ?? []), property]);
    }
  }
  const properties: Record<string, SwaggerSchema> = {};
  for (const [name, schemas] of byName) {
    // Keep the first branch's title and description: every branch names the same field.
    const { title, description } = schemas[0] ?? {};
    properties[name] = {
      ...mergeUnionBranches(schemas),
      ...(title === undefined ? {} : { title }),
      ...(description === undefined ? {} : { description }),
    };
  }
  const required = [...byName.keys()].filter((name) =>
    branches.every((branch) => branch.required?.includes(name) === true),
  );
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
}
