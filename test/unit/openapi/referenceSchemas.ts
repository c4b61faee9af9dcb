// The Power Platform's own schemas for connector files, copied from microsoft/PowerPlatformConnectors
// (MIT, licence beside them in reference/) so the repository tests on its own. JSON with comments.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

const REFERENCE = process.env.LONGRUN_REFERENCE_DIR ?? join(__dirname, '..', '..', '..', '..', 'test', 'unit', 'openapi', 'reference');

function readJsonc(file: string): Record<string, unknown> {
  const errors: ParseError[] = [];
  const value = parse(readFileSync(join(REFERENCE, file), 'utf8'), errors, { allowTrailingComma: true });
  if (errors.length > 0) {
    throw new Error(`${file}: ${errors.map((e) => `${printParseErrorCode(e.error)} at ${e.offset}`).join(', ')}`);
  }
  return value;
}

/**
 * apiDefinition.swagger.schema.json is draft-04 and refers to the draft-04 meta-schema by URL
 * (`http://json-schema.org/draft-04/schema#/properties/title`, …): ajv-draft-04 registers that
 * meta-schema under the same id, so every reference resolves without the network. Not strict:
 * the schema carries editor keywords (`defaultSnippets`). Formats are not checked (no ajv-formats;
 * only `uri`/`email` fields this generator does not write use them).
 */
export function apiDefinitionValidator(): ValidateFunction {
  const ajv = new AjvDraft04({ strict: false, allErrors: true, validateFormats: false });
  return ajv.compile(readJsonc('powerplatform-apiDefinition.swagger.schema.json'));
}

/**
 * apiProperties.schema.json declares draft-07 but names itself with draft-04's `id`, which Ajv 8
 * refuses ("use $id"): the name is moved to `$id`, the draft-07 spelling; nothing else changes.
 */
export function apiPropertiesValidator(): ValidateFunction {
  const { id, ...schema } = readJsonc('powerplatform-apiProperties.schema.json');
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  return ajv.compile({ $id: String(id), ...schema });
}

/** Readable errors for an assertion message. */
export function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).slice(0, 10).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`).join('\n');
}
