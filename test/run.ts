// Runs every compiled test file with node's test runner. `npm test` calls this after build and lint;
// extra arguments filter by path substring: `node dist/test/run.js unit/http`.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

function findTests(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'fixtures' ? [] : findTests(path);
    return name.endsWith('.test.js') ? [path] : [];
  });
}

const root = __dirname;
const filters = process.argv.slice(2);
// Unit tests first: they fail fastest. Then integration (Azurite), then end to end (stand-in host).
const order = ['unit', 'integration', 'e2e'];
const files = findTests(root)
  .filter((f) => filters.length === 0 || filters.some((p) => relative(root, f).includes(p)))
  .sort((a, b) => {
    const rank = (f: string) => order.findIndex((o) => relative(root, f).startsWith(o));
    return rank(a) - rank(b) || a.localeCompare(b);
  });
if (files.length === 0) {
  console.error(`No test files match ${filters.join(' ')}`);
  process.exit(1);
}
// TAP as before, then a summary of the failures and the slowest files at the very end.
const reporters = ['--test-reporter=tap', '--test-reporter-destination=stdout'];
reporters.push(`--test-reporter=${join(root, 'support', 'failureSummary.js')}`, '--test-reporter-destination=stdout');
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...reporters, ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
