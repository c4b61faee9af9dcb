/** One failing field of a request, for validation problems. */
export interface ProblemFieldError {
  /** Where in the input, e.g. `input.minutes` or `(root)`. */
  readonly path: string;
  readonly message: string;
}

/** The body of an `application/problem+json` answer (RFC 9457). */
export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly errors?: readonly ProblemFieldError[];
  /** How many errors were found in all, when `errors` lists only the first of them. */
  readonly errorCount?: number;
}

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  424: 'Failed Dependency',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * An error with an HTTP meaning: thrown anywhere below a handler, mapped to problem+json in one
 * place (toProblemResponse). `headers` carries answers such as Retry-After on 429.
 */
export class Problem extends Error {
  /** The problem type URI; `about:blank` (the status says it all) unless a caller names one. */
  readonly type: string;
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly errors?: readonly ProblemFieldError[];
  readonly errorCount?: number;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    detail: string,
    options: { type?: string; title?: string; errors?: readonly ProblemFieldError[]; errorCount?: number; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = 'Problem';
    this.type = options.type ?? 'about:blank';
    this.status = status;
    this.title = options.title ?? TITLES[status] ?? 'Error';
    this.detail = detail;
    if (options.errors) this.errors = options.errors;
    if (options.errorCount !== undefined) this.errorCount = options.errorCount;
    this.headers = options.headers ?? {};
  }

  toBody(): ProblemBody {
    return {
      type: this.type,
      title: this.title,
      status: this.status,
      detail: this.detail,
      ...(this.errors ? { errors: this.errors } : {}),
      ...(this.errorCount !== undefined ? { errorCount: this.errorCount } : {}),
    };
  }
}

/** Narrows an unknown thrown value to Problem, or undefined. */
export function isProblem(error: unknown): error is Problem {
  return error instanceof Problem;
}

/**
 * Thrown by a job kind to fail the job with a 4xx of its choosing (its input was wrong).
 * The job fails at once, without retries, and the status URL answers with this status, except
 * 408 and 429, which the engines would retry: those become 422 (see kindFailure).
 */
export class JobError extends Error {
  readonly status: number;
  readonly title: string;

  constructor(status: number, detail: string, title = 'Job failed') {
    if (!Number.isInteger(status) || status < 400 || status > 499) {
      throw new RangeError(`JobError status must be a 4xx, got ${status}`);
    }
    super(detail);
    this.name = 'JobError';
    this.status = status;
    this.title = title;
  }
}

/**
 * An unknown thrown value as one line for logs and rows: `Name: message` for an Error, the value
 * as a string otherwise. Never includes a stack.
 */
export function toErrorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
