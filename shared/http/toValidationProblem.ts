import type { z } from 'zod';
import { Problem, type ProblemFieldError } from '../model/errors';

/** Turns zod issues into a 400 problem listing every failing path. */
export function toValidationProblem(error: z.ZodError, what: string, prefix: readonly (string | number)[] = []): Problem {
  const errors: ProblemFieldError[] = error.issues.map((issue) => {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    return { path: path.length ? path.join('.') : '(root)', message: issue.message };
  });
  const first = errors[0];
  const summary = first ? ` First: ${first.path}: ${first.message}` : '';
  return new Problem(400, `The ${what} does not match its schema (${errors.length} error(s)).${summary}`, { errors });
}

/** Parses unknown data with a schema or throws the 400 problem. */
export function parseOrProblem<T>(schema: z.ZodType<T>, data: unknown, what: string, prefix: readonly (string | number)[] = []): T {
  const result = schema.safeParse(data);
  if (!result.success) throw toValidationProblem(result.error, what, prefix);
  return result.data;
}
