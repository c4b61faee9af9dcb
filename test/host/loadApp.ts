import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { getRegistrations, resetFunctionsCore, type FunctionRegistration } from './functionsCore';
import { installFunctionsCore } from './installFunctionsCore';

const packageJsonSchema = z.object({ main: z.string().min(1) }).loose();

function toPattern(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\?]/g, '\\$&').replace(/\*/g, '[^/]*');
  return new RegExp(`^${escaped}$`);
}

/** The app's `main` from `<appRoot>/package.json`, unless overridden. */
export function readMain(appRoot: string): string {
  const file = join(appRoot, 'package.json');
  if (!existsSync(file)) throw new Error(`${file} not found: the app root needs a package.json with "main"`);
  const parsed = packageJsonSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: "main" must name the entry file(s), e.g. "dist/functions/*.js"`);
  return parsed.data.main;
}

/**
 * The files `main` names, relative to the app root; `*` is allowed in the last segment only
 * (`dist/functions/*.js`), matches are sorted. Throws when nothing matches.
 */
export function resolveMainFiles(appRoot: string, main: string): string[] {
  const full = resolve(appRoot, main);
  const directory = dirname(full);
  const pattern = basename(full);
  if (directory.includes('*')) throw new Error(`main "${main}": "*" is supported in the last path segment only`);
  const files = pattern.includes('*')
    ? (existsSync(directory) ? readdirSync(directory) : []).filter((name) => toPattern(pattern).test(name)).sort().map((name) => join(directory, name))
    : existsSync(full) ? [full] : [];
  if (files.length === 0) throw new Error(`main "${main}" matched no files under ${appRoot} (was the app built?)`);
  return files;
}

/**
 * Requires every entry file with `@azure/functions-core` provided, and returns what the app
 * registered. An error thrown while loading (e.g. invalid configuration) propagates with the
 * file named.
 */
export function loadApp(appRoot: string, main: string = readMain(appRoot)): readonly FunctionRegistration[] {
  installFunctionsCore();
  resetFunctionsCore();
  for (const file of resolveMainFiles(appRoot, main)) {
    // A second load in the same process (tests) must register again.
    delete require.cache[file];
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the entry files are only known at run time
      require(file);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`Worker was unable to load entry point "${file}": ${message}`, { cause: error });
    }
  }
  return getRegistrations();
}
