import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HttpResponseInit } from '@azure/functions';
import { Problem } from '../model/errors';

/**
 * The operations console's files, as `npm run build` writes them into dist/console (which ships:
 * .funcignore leaves it in). Nothing else under that folder is served.
 */
const ASSETS: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'console.js': 'text/javascript; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
};

// NOTE: the console runs no inline script or style and loads nothing from elsewhere, so the policy
// allows only its own origin (CSP Level 3: 'self'; base-uri/form-action/frame-ancestors are not
// covered by default-src and are set to 'none' explicitly). nosniff makes the browser honour the
// Content-Type (Fetch standard, "X-Content-Type-Options"); no-referrer keeps the console's URL out of
// any request it makes (Referrer Policy).
export const CONSOLE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

interface ConsoleFile {
  readonly body: string;
  readonly etag: string;
}

const cache = new Map<string, ConsoleFile>();

/** Where the built console lives beside the compiled app: dist/console. */
export const CONSOLE_DIR = join(__dirname, '..', '..', 'console');

function readConsoleFile(name: string, dir: string): ConsoleFile {
  const key = join(dir, name);
  let file = cache.get(key);
  if (!file) {
    let body: string;
    try {
      body = readFileSync(key, 'utf8');
    } catch {
      throw new Problem(404, 'The console is not built: `npm run build` writes it into dist/console.');
    }
    file = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
    cache.set(key, file);
  }
  return file;
}

/** What the console's HTML carries besides its static text: how to sign in, and the names it offers as filters. */
export interface ConsolePageSettings {
  readonly auth: 'key' | 'entra';
  readonly kinds: readonly string[];
  readonly topics: readonly string[];
}

/**
 * One of the console's files with its security headers: `index.html` gets the settings filled in
 * (names only: the page holds no data), the script and style revalidate by ETag. Any other name is 404.
 */
export function toConsoleResponse(
  name: string,
  options: { readonly ifNoneMatch?: string | null; readonly page?: ConsolePageSettings; readonly dir?: string } = {},
): HttpResponseInit {
  const contentType = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
  if (!contentType) throw new Problem(404, 'The console has no such file.');
  const file = readConsoleFile(name, options.dir ?? CONSOLE_DIR);
  const headers = { ...CONSOLE_SECURITY_HEADERS, 'Content-Type': contentType };
  if (name === 'index.html') {
    const page = options.page ?? { auth: 'key', kinds: [], topics: [] };
    const body = file.body
      .replace('{{auth}}', page.auth)
      .replace('{{kinds}}', toAttribute(page.kinds.join(' ')))
      .replace('{{topics}}', toAttribute(page.topics.join(' ')));
    return { status: 200, headers: { ...headers, 'Cache-Control': 'no-store' }, body };
  }
  const cached = { ...headers, 'Cache-Control': 'no-cache', ETag: file.etag };
  if (options.ifNoneMatch === file.etag) return { status: 304, headers: cached };
  return { status: 200, headers: cached, body: file.body };
}

/** Names follow NAME_PATTERN (lowercase letters, digits, `-` and `.`); escaped anyway, as an attribute value. */
function toAttribute(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
