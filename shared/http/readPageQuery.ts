import type { HttpRequest } from '@azure/functions';
import { z } from 'zod';
import { parseOrProblem } from './toValidationProblem';

/** Most items one page of a management list may hold, and how many it holds by default. */
export const MAX_TOP = 1000;
export const DEFAULT_TOP = 100;

/** A list's paging: how many items, and where the previous page stopped (the store's continuation). */
export interface PageQuery {
  readonly top: number;
  readonly continuation?: string;
}

const skiptokenSchema = z
  .string()
  .max(4000)
  .regex(/^[A-Za-z0-9_-]+$/, 'expected the skiptoken of a nextLink')
  .transform((token, ctx) => {
    try {
      const parsed = z.object({ c: z.string().min(1).max(2000) }).strict().safeParse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
      if (parsed.success) return parsed.data.c;
    } catch {
      // reported below
    }
    ctx.addIssue({ code: 'custom', message: 'expected the skiptoken of a nextLink, unchanged' });
    return z.NEVER;
  });

const pageSchema = z.object({
  top: z
    .string()
    .regex(/^\d{1,4}$/, `expected a whole number from 1 to ${MAX_TOP}`)
    .transform(Number)
    .pipe(z.number().int().min(1, `expected a whole number from 1 to ${MAX_TOP}`).max(MAX_TOP, `expected a whole number from 1 to ${MAX_TOP}`))
    .default(DEFAULT_TOP),
  skiptoken: skiptokenSchema.optional(),
});

/** The opaque skiptoken of a continuation: base64url of `{"c": …}` (the store's continuation: keys only, no secret). */
export function toSkiptoken(continuation: string): string {
  return Buffer.from(JSON.stringify({ c: continuation }), 'utf8').toString('base64url');
}

/** The query parameters of a request that are set, as a plain record (parsed by the caller's schema). */
export function toQueryRecord(request: Pick<HttpRequest, 'query'>, names: readonly string[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (const name of names) {
    const value = request.query.get(name);
    if (value !== null && value !== '') record[name] = value;
  }
  return record;
}

/** Reads `top` (1..1000, default 100) and `skiptoken` (a nextLink's, unchanged); 400 problem+json otherwise. */
export function readPageQuery(request: Pick<HttpRequest, 'query'>): PageQuery {
  const { top, skiptoken } = parseOrProblem(pageSchema, toQueryRecord(request, ['top', 'skiptoken']), 'query');
  return skiptoken !== undefined ? { top, continuation: skiptoken } : { top };
}
