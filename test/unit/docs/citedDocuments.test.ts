import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { repoPaths } from '../infra/repoPaths';

const root = repoPaths.root;
const FOLDERS = ['functions', 'shared', 'scripts', 'test', 'infra', 'docs', '.ci'];

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'fixtures' || name === 'reference') return [];
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

const files = [...FOLDERS.flatMap((f) => listFiles(join(root, f))), join(root, 'README.md')].filter((f) => /\.(ts|md|bicep|json|sh)$|\/run$/.test(f));

describe('documents the code cites', () => {
  test('every Markdown document a file cites is in the repository (docs/, the root, or beside the citing file)', () => {
    const missing: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\b([A-Z][A-Za-z-]*\.md)\b/g)) {
        const name = match[1] ?? '';
        const found = [join(root, name), join(root, 'docs', name), join(file, '..', name)].some((p) => existsSync(p));
        if (!found) missing.push(`${relative(root, file).split(sep).join('/')} cites ${name}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  test('no file cites sections of the first round\'s design document, which the repository lacks', () => {
    // Built from parts so that this file does not cite it itself.
    const oldCitation = new RegExp(`\\b${'DES'}IGN §`);
    const stale = files.filter((file) => oldCitation.test(readFileSync(file, 'utf8'))).map((f) => relative(root, f).split(sep).join('/'));
    assert.deepEqual(stale, []);
  });
});
