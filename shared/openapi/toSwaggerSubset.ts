import { mergeUnionBranches } from './mergeUnionBranches';
import type { SwaggerSchema } from './SwaggerDocument';

type Json = Record<string, unknown>;

// Keywords the Power Platform's Schema Object allows (reference/powerplatform-apiDefinition.swagger.schema.json,
// definitions/schema-dynamic-allowed); everything else is dropped, never passed through.
const SCALAR_KEYWORDS = [
  'type', 'format', 'title', 'description', 'default', 'multipleOf', 'maximum', 'exclusiveMaximum',
  'minimum', 'exclusiveMinimum', 'maxLength', 'minLength', 'pattern', 'maxItems', 'minItems',
  'uniqueItems', 'maxProperties', 'minProperties', 'enum', 'readOnly', 'example',
];
const MS_EXTENSIONS = new Set([
  'x-ms-dynamic-list', 'x-ms-dynamic-values', 'x-ms-dynamic-schema', 'x-ms-dynamic-properties',
  'x-ms-dynamic-tree', 'x-ms-enum', 'x-ms-enum-values', 'x-ms-localizeDefaultValue', 'x-ms-media-kind',
  'x-ms-notification-url', 'x-ms-summary', 'x-ms-test-value', 'x-ms-visibility',
]);
const FORMATS = new Set([
  'int32', 'int64', 'float', 'double', 'byte', 'binary', 'date', 'date-time', 'password', 'date-no-tz',
  'email', 'html', 'uri', 'uuid',
]);

/**
 * Narrows a draft-04 JSON Schema (as `z.toJSONSchema` writes it) to what a Swagger 2.0 connector
 * accepts: `$ref`s inlined, `anyOf`/`oneOf` folded, `null` turned into `x-nullable`, `const` into
 * `enum`, tuples into untyped arrays, unknown formats, `$schema` and `additionalProperties: false`
 * dropped. Throws on a recursive schema, which a connector cannot describe.
 */
export function toSwaggerSubset(root: Json): SwaggerSchema {
  const definitions = { ...asJson(root.definitions), ...asJson(root.$defs) };
  return convert(root, { root, definitions, refs: [] });
}

interface Context {
  readonly root: Json;
  readonly definitions: Json;
  readonly refs: readonly string[];
}

function convert(node: Json, ctx: Context): SwaggerSchema {
  if (typeof node.$ref === 'string') return convert(resolve(node.$ref, ctx), { ...ctx, refs: [...ctx.refs, node.$ref] });
  const union = [...asArray(node.anyOf), ...asArray(node.oneOf)].map(asJson);
  if (union.length > 0) {
    const kept = union.filter((branch) => !isNull(branch));
    const merged = mergeUnionBranches(kept.map((branch) => convert(branch, ctx)));
    const outer = convert({ ...node, anyOf: undefined, oneOf: undefined }, ctx);
    return { ...merged, ...outer, ...(kept.length < union.length ? { 'x-nullable': true } : {}) };
  }
  const out: SwaggerSchema = {};
  for (const keyword of SCALAR_KEYWORDS) if (node[keyword] !== undefined) out[keyword] = node[keyword];
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-') && (!key.startsWith('x-ms-') || MS_EXTENSIONS.has(key))) out[key] = value;
  }
  if (node.const !== undefined) out.enum = [node.const];
  if (node.example === undefined && Array.isArray(node.examples) && node.examples.length > 0) {
    out.example = node.examples[0];
  }
  narrowType(out);
  narrowNumbers(out);
  if (out.format !== undefined && !FORMATS.has(out.format)) delete out.format;
  // zod spells out a regex for every string format; the format says it more briefly.
  else if (out.format !== undefined) delete out.pattern;
  const properties = asJson(node.properties);
  if (node.properties !== undefined) {
    out.properties = Object.fromEntries(
      Object.entries(properties).map(([name, child]) => [name, convert(asJson(child), ctx)]),
    );
    const required = asArray(node.required).filter(
      (name): name is string => typeof name === 'string' && name in properties,
    );
    if (required.length > 0) out.required = required;
  }
  if (isJson(node.additionalProperties) && Object.keys(node.additionalProperties).length > 0) {
    out.additionalProperties = convert(node.additionalProperties, ctx);
  }
  if (Array.isArray(node.allOf)) out.allOf = node.allOf.map((part) => convert(asJson(part), ctx));
  if (out.type === 'array') out.items = isJson(node.items) ? convert(node.items, ctx) : {};
  return out;
}

/** Moves `null` out of `type` and `enum` into `x-nullable`; a type union that remains is dropped. */
function narrowType(out: SwaggerSchema): void {
  if (Array.isArray(out.enum) && out.enum.includes(null)) {
    out.enum = out.enum.filter((value) => value !== null);
    out['x-nullable'] = true;
  }
  const type: unknown = out.type;
  if (!Array.isArray(type)) return;
  const kept = type.filter((name) => name !== 'null');
  if (kept.length < type.length) out['x-nullable'] = true;
  const numeric = kept.length === 2 && kept.includes('integer') && kept.includes('number');
  if (kept.length === 1 && typeof kept[0] === 'string') out.type = kept[0];
  else if (numeric) out.type = 'number';
  else delete out.type;
}

/** Drops the safe-integer bounds zod writes on every integer: they say nothing to a user. */
function narrowNumbers(out: SwaggerSchema): void {
  if (out.minimum === Number.MIN_SAFE_INTEGER) delete out.minimum;
  if (out.maximum === Number.MAX_SAFE_INTEGER) delete out.maximum;
}

function resolve(ref: string, ctx: Context): Json {
  if (ctx.refs.includes(ref)) {
    throw new Error(`The schema is recursive (through "${ref}"): a connector cannot describe it`);
  }
  if (ref === '#') return ctx.root;
  const name = /^#\/(?:definitions|\$defs)\/(.+)$/.exec(ref)?.[1];
  const target = name === undefined ? undefined : ctx.definitions[name];
  if (!isJson(target)) throw new Error(`The schema refers to "${ref}", which it does not define`);
  return target;
}

function isNull(branch: Json): boolean {
  return branch.type === 'null' || (Array.isArray(branch.enum) && branch.enum.every((v) => v === null));
}

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asJson(value: unknown): Json {
  return isJson(value) ? value : {};
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}
