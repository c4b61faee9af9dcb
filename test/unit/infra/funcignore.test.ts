import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore from 'ignore';
import { repoPaths } from './repoPaths';

const root = repoPaths.root;

/** Every file of the checkout (node_modules and .git named by their folder only), as `a/b/c`. */
function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const rel = relative(root, path).split(sep).join('/');
    if (name === 'node_modules' || name === '.git') return [`${rel}/`];
    return statSync(path).isDirectory() ? listFiles(path) : [rel];
  });
}

// NOTE: azd deploy and Core Tools' publish leave out what .funcignore names, with .gitignore's
// syntax (functions-run-local, "publish"; Azure-Samples/functions-quickstart-typescript-azd ships one).
const rules = ignore().add(readFileSync(join(root, '.funcignore'), 'utf8'));
const packaged = listFiles(root).filter((file) => !rules.ignores(file));

/** The compiled files a Function entry point loads, following relative require() calls. */
function loadedBy(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const text = readFileSync(join(root, entry), 'utf8');
  for (const match of text.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
    const target = resolve(dirname(join(root, entry)), match[1] ?? '');
    const file = [`${target}.js`, join(target, 'index.js'), target].find((c) => existsSync(c) && statSync(c).isFile());
    if (file) loadedBy(relative(root, file).split(sep).join('/'), seen);
  }
  return seen;
}

describe('the deployed package (.funcignore)', () => {
  test('carries no tests, no stand-in host, no scripts, no sources and no .git', () => {
    const leaked = packaged.filter((f) => /^(test|dist\/test|scripts|dist\/scripts|shared|functions|\.git)\//.test(f) || f === '.git/');
    assert.deepEqual(leaked, []);
  });

  test('carries the built operations console (dist/console) and not its sources', () => {
    for (const file of ['dist/console/index.html', 'dist/console/console.js', 'dist/console/console.css', 'dist/console/favicon.svg']) assert.ok(packaged.includes(file), `${file} is packaged`);
    assert.deepEqual(packaged.filter((f) => /^console\/|^dist\/console\/src\//.test(f)), [], 'no console source and no compiled test import of it');
  });

  test('carries the host files and every compiled Function with everything it loads, none of it test code', () => {
    for (const file of ['host.json', 'package.json', 'package-lock.json', 'node_modules/']) assert.ok(packaged.includes(file), `${file} is packaged`);
    const entries = packaged.filter((f) => /^dist\/functions\/[^/]+\.js$/.test(f));
    assert.ok(entries.length >= 15, `expected the compiled Functions in the package, found ${entries.length}`);
    const loaded = new Set(entries.flatMap((entry) => [...loadedBy(entry)]));
    const missing = [...loaded].filter((f) => !packaged.includes(f));
    assert.deepEqual(missing, [], 'every file a Function loads is in the package');
    assert.deepEqual([...loaded].filter((f) => f.startsWith('dist/test/')), [], 'no Function loads test code');
  });
});
