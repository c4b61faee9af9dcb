import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { readBicepFile } from './bicepFile';
import { callsOf } from './bicepQuery';
import { findSyntaxProblems, listBicepFiles } from './bicepSyntax';
import { repoPaths } from './repoPaths';

const bicepFiles = listBicepFiles(repoPaths.infra);
const avmReference = /^br\/public:(avm\/[a-z0-9/-]+):(\d+\.\d+\.\d+)$/;

describe('every Bicep file under infra/', () => {
  test('there are Bicep files to check (main.bicep and the app modules)', () => {
    assert.ok(bicepFiles.includes(repoPaths.mainBicep));
    assert.ok(bicepFiles.length >= 4, `found only ${bicepFiles.join(', ')}`);
  });

  for (const path of bicepFiles) {
    const name = relative(repoPaths.root, path);

    test(`${name} parses with no ERROR or MISSING node`, async () => {
      assert.deepEqual(await findSyntaxProblems(readFileSync(path, 'utf8')), []);
    });

    test(`${name} never reads an account key (no listKeys(, no AccountKey=)`, async () => {
      const file = await readBicepFile(path);
      assert.doesNotMatch(file.source, /listKeys\s*\(/i);
      assert.doesNotMatch(file.source, /AccountKey=/i);
      assert.deepEqual(callsOf(file.root, 'listKeys'), []);
    });

    test(`${name} gives every parameter a @description`, async () => {
      const file = await readBicepFile(path);
      const undocumented = file.declarations
        .filter((d) => d.kind === 'param' && !d.decorators.includes('description'))
        .map((d) => d.name);
      assert.deepEqual(undocumented, []);
    });

    test(`${name} pins every registry module to an Azure Verified Module version and every local module exists`, async () => {
      const file = await readBicepFile(path);
      for (const module of file.declarations.filter((d) => d.kind === 'module')) {
        const target = module.target ?? '';
        if (target.startsWith('br')) assert.match(target, avmReference, `module ${module.name}`);
        else assert.ok(existsSync(join(dirname(path), target)), `module ${module.name}: ${target} does not exist`);
      }
    });
  }

  test('infra/README.md names every Azure Verified Module the Bicep uses', async () => {
    const readme = readFileSync(repoPaths.infraReadme, 'utf8');
    const used = new Set<string>();
    for (const path of bicepFiles) {
      for (const module of (await readBicepFile(path)).declarations) {
        const match = module.kind === 'module' ? avmReference.exec(module.target ?? '') : null;
        if (match) used.add(`${match[1]}:${match[2]}`);
      }
    }
    assert.ok(used.size > 0);
    for (const module of used) assert.ok(readme.includes(module), `infra/README.md does not mention ${module}`);
  });
});
