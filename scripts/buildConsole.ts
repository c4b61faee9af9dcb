// `npm run build` (after tsc): bundles the operations console (console/src, plain TypeScript DOM)
// into dist/console with esbuild — one minified script and one stylesheet — and copies its page and
// icon beside them. dist/console ships in the deployed package; console/ (the sources) does not.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = join(__dirname, '..', '..');
const out = join(root, 'dist', 'console');

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  // Browsers of the last few years; nothing is polyfilled, nothing loads from elsewhere.
  const common = { bundle: true, minify: true, legalComments: 'none' as const, target: ['chrome109', 'edge109', 'firefox115', 'safari16'], logLevel: 'warning' as const };
  await build({ ...common, entryPoints: [join(root, 'console', 'src', 'main.ts')], outfile: join(out, 'console.js'), format: 'iife', tsconfig: join(root, 'console', 'tsconfig.json') });
  await build({ ...common, entryPoints: [join(root, 'console', 'console.css')], outfile: join(out, 'console.css') });
  for (const file of ['index.html', 'favicon.svg']) copyFileSync(join(root, 'console', file), join(out, file));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
