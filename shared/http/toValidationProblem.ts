import type { z } from 'zod';
import type { Problem } from '../model/errors';
import { ValidationIssues } from '../model/ValidationIssues';

/**
 * Turns zod issues into a 400 problem listing the first failing paths (MAX_REPORTED_ERRORS) and
 * the count of all of them, so the answer stays small whatever the body.
 */
export function toValidationProblem(error: z.ZodError, what: string, prefix: readonly (string | number)[] = []): Problem {
  const issues = new ValidationIssues();
  issues.add(error.issues, prefix);
  return issues.toProblem(what);
}

/** Parses unknown data with a schema or throws the 400 problem. */
export function parseOrProblem<T>(schema: z.ZodType<T>, data: unknown, what: string, prefix: readonly (string | number)[] = []): T {
  const result = schema.safeParse(data);
  if (!result.success) throw toValidationProblem(result.error, what, prefix);
  return result.data;
}
