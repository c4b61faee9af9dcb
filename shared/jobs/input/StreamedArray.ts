import { z } from 'zod';

/**
 * A top-level array of a job's input that is read record by record: at the start (validated,
 * hashed and staged to blob as it arrives) and in the worker (each record parsed on its own).
 */
export interface StreamedArray {
  /** The property of the input object. */
  readonly name: string;
  /** The kind's own schema of one element. */
  readonly element: z.ZodType;
  /** The array's own length bounds, from its schema (`.min()`, `.max()`, `.length()`). */
  readonly minItems?: number;
  readonly maxItems?: number;
}

/** Reads the length checks zod keeps on an array schema. */
function lengthBounds(array: z.ZodArray): Pick<StreamedArray, 'minItems' | 'maxItems'> {
  let minItems: number | undefined;
  let maxItems: number | undefined;
  for (const check of array._zod.def.checks ?? []) {
    const def = check._zod.def as { check: string; minimum?: number; maximum?: number; length?: number };
    if (def.check === 'min_length' && def.minimum !== undefined) minItems = Math.max(minItems ?? 0, def.minimum);
    if (def.check === 'max_length' && def.maximum !== undefined) maxItems = Math.min(maxItems ?? Infinity, def.maximum);
    if (def.check === 'length_equals' && def.length !== undefined) {
      minItems = def.length;
      maxItems = def.length;
    }
  }
  return { ...(minItems !== undefined ? { minItems } : {}), ...(maxItems !== undefined ? { maxItems } : {}) };
}

/**
 * The streamed arrays a kind declares, checked against its input (or output) schema: it must be a
 * z.object whose named properties are plain z.array()s (not optional, no default, no refinement of
 * the array as a whole besides its length), so each element can be checked alone.
 */
export function toStreamedArrays(input: z.ZodType, names: readonly string[], of: 'input' | 'output' = 'input'): readonly StreamedArray[] {
  if (names.length === 0) return [];
  if (!(input instanceof z.ZodObject)) throw new Error(`Streamed arrays need an ${of} schema that is a z.object()`);
  return names.map((name) => {
    const property: unknown = (input.shape as Record<string, unknown>)[name];
    if (!(property instanceof z.ZodArray)) throw new Error(`Streamed array "${name}" must be a z.array() property of the ${of}`);
    const unsupported = (property._zod.def.checks ?? []).filter((c) => !['min_length', 'max_length', 'length_equals'].includes((c._zod.def as { check: string }).check));
    if (unsupported.length > 0) throw new Error(`Streamed array "${name}" may only have length checks`);
    return { name, element: property.element as z.ZodType, ...lengthBounds(property) };
  });
}

/** Zod's own messages for an array of `count` items outside the bounds (the same words as z.array().min()/.max()). */
export function lengthIssue(array: StreamedArray, count: number): string | undefined {
  if (array.maxItems !== undefined && count > array.maxItems) return `Too big: expected array to have <=${array.maxItems} items`;
  if (array.minItems !== undefined && count < array.minItems) return `Too small: expected array to have >=${array.minItems} items`;
  return undefined;
}
