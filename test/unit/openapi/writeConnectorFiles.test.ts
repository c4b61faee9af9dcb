import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApiProperties } from '../../../shared/openapi/buildApiProperties';
import { buildConnectorDefinition } from '../../../shared/openapi/buildConnectorDefinition';
import { CONNECTOR_FILES, writeConnectorFiles } from '../../../shared/openapi/writeConnectorFiles';
import { fixtureKinds, fixtureTopics } from './fixtures';

describe('writeConnectorFiles', () => {
  test('writes apiDefinition.swagger.json and apiProperties.json into a new folder', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'longrun-connector-'));
    try {
      const directory = join(parent, 'connector');
      const definition = buildConnectorDefinition({ kinds: fixtureKinds, topics: fixtureTopics, host: 'h.example', version: '1' });
      const properties = buildApiProperties();
      const written = await writeConnectorFiles(directory, definition, properties);
      assert.deepEqual(written, [join(directory, CONNECTOR_FILES.definition), join(directory, CONNECTOR_FILES.properties)]);
      assert.deepEqual(JSON.parse(await readFile(written[0] ?? '', 'utf8')), definition);
      assert.deepEqual(JSON.parse(await readFile(written[1] ?? '', 'utf8')), properties);
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});
