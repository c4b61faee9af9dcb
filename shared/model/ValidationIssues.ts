import { Problem, type ProblemFieldError } from './errors';

/** The most failing paths a validation problem lists; the rest are counted (`errorCount`). */
export const MAX_REPORTED_ERRORS = 100;

/** A zod issue as far as a report needs it. */
export interface IssueLike {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/**
 * The errors of one validation: the first {@link MAX_REPORTED_ERRORS} paths kept, every one
 * counted, so a body of a million bad records answers with a bounded list and its total.
 */
export class ValidationIssues {
  private readonly kept: ProblemFieldError[] = [];
  private total = 0;

  /** How many errors were found. */
  get count(): number {
    return this.total;
  }

  /** The errors listed (at most {@link MAX_REPORTED_ERRORS}). */
  get errors(): readonly ProblemFieldError[] {
    return this.kept;
  }

  /** Adds zod issues found under `prefix` (path segments joined with `.`, `(root)` for none). */
  add(issues: readonly IssueLike[], prefix: readonly (string | number)[] = []): void {
    for (const issue of issues) {
      this.total++;
      if (this.kept.length >= MAX_REPORTED_ERRORS) continue;
      const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
      this.kept.push({ path: path.length ? path.join('.') : '(root)', message: issue.message });
    }
  }

  /** The 400 problem naming `what` (e.g. "job input"). */
  toProblem(what: string): Problem {
    const first = this.kept[0];
    const summary = first ? ` First: ${first.path}: ${first.message}` : '';
    const listed = this.total > this.kept.length ? `; the first ${this.kept.length} are listed` : '';
    return new Problem(400, `The ${what} does not match its schema (${this.total} error(s)${listed}).${summary}`, {
      errors: this.kept,
      errorCount: this.total,
    });
  }
}
