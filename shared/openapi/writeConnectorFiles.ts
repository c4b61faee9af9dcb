import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApiProperties } from './buildApiProperties';
import type { SwaggerDocument } from './SwaggerDocument';

/** File names a custom connector folder uses (`paconn create --api-def … --api-prop …`). */
export const CONNECTOR_FILES = {
  definition: 'apiDefinition.swagger.json',
  properties: 'apiProperties.json',
} as const;

/** Writes the connector folder (created if missing); returns the paths written. */
export async function writeConnectorFiles(
  directory: string,
  definition: SwaggerDocument,
  properties: ApiProperties,
): Promise<string[]> {
  await mkdir(directory, { recursive: true });
  const written: string[] = [];
  for (const [file, content] of [
    [CONNECTOR_FILES.definition, definition],
    [CONNECTOR_FILES.properties, properties],
  ] as const) {
    const path = join(directory, file);
    await writeFile(path, `${JSON.stringify(content, null, 2)}\n`, 'utf8');
    written.push(path);
  }
  return written;
}
