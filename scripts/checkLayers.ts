// `npm run check:layers`: reads every import of the repository's TypeScript and fails when deployed
// code imports test code, when an import goes up (or sideways) the layer order that
// docs/ARCHITECTURE.md documents, when folders of shared/ import each other in a loop, or when a
// product file outside the job kinds passes 200 lines. The console's browser code (console/) is
// read too: it imports nothing of the server, nothing but tests imports it, and its files keep the
// product's length limit.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { findLayerViolations, type ImportEdge, type LayerViolation } from './layers/findLayerViolations';
import { readLayerOrder } from './layers/readLayerOrder';

const MAX_PRODUCT_LINES = 200;
const root = resolve(process.argv[2] ?? join(__dirname, '..', '..'));

function listTs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(path).isDirectory()) return listTs(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const toRepoPath = (abs: string) => relative(root, abs).split(sep).join('/');

function resolveImport(fromAbs: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(fromAbs), specifier);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return toRepoPath(candidate);
  }
  return undefined;
}

const files = ['functions', 'shared', 'console', 'scripts', 'test'].flatMap((d) => listTs(join(root, d)));
const edges: ImportEdge[] = [];
const tooLong: string[] = [];
for (const abs of files) {
  const text = readFileSync(abs, 'utf8');
  const from = toRepoPath(abs);
  for (const ref of ts.preProcessFile(text, true, true).importedFiles) {
    const to = resolveImport(abs, ref.fileName);
    if (to) edges.push({ from, to });
  }
  const product = from.startsWith('functions/') || from.startsWith('shared/') || from.startsWith('console/');
  const lines = text.split('\n').length;
  if (product && !from.startsWith('shared/jobs/kinds/') && lines > MAX_PRODUCT_LINES) tooLong.push(`${from} has ${lines} lines (at most ${MAX_PRODUCT_LINES})`);
}

const layers = readLayerOrder(readFileSync(join(root, 'docs', 'ARCHITECTURE.md'), 'utf8'));
const describe = (v: LayerViolation): string => {
  switch (v.rule) {
    case 'test-import': return `${v.from} imports test code ${v.to}`;
    case 'upward': return `${v.from} (${v.fromLayer}) imports ${v.to} (${v.toLayer}), which is not below it`;
    case 'unlisted': return `${v.file} is in no layer of docs/ARCHITECTURE.md`;
    case 'cycle': return `folders import each other in a loop: ${v.folders.join(' <-> ')}`;
    case 'browser': return `${v.from} imports ${v.to} across the border of the browser code (console/)`;
  }
};
const problems = [...findLayerViolations(files.map(toRepoPath), edges, layers).map(describe), ...tooLong];
const productFiles = files.map(toRepoPath).filter((f) => f.startsWith('functions/') || f.startsWith('shared/'));
if (problems.length > 0) {
  console.error(`check:layers: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`check:layers: ${productFiles.length} product files, ${edges.length} imports, ${layers.length} layers: no upward import, no folder cycle, no test import, no file over ${MAX_PRODUCT_LINES} lines`);
