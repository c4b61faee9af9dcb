/** A request that did not answer 2xx: its status and the problem+json body's words, if it had one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    /** Whether the answer was application/problem+json (the app's own answer, not the host's). */
    readonly problem: boolean,
  ) {
    super(`${status} ${title}${detail ? `: ${detail}` : ''}`);
    this.name = 'ApiError';
  }

  /** A 404 that is not the app's problem+json: the app serves no such route (not deployed yet). */
  get missingRoute(): boolean {
    return this.status === 404 && !this.problem;
  }
}
