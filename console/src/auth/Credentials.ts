/** What the console adds to a management request, and what it does when the API refuses it. */
export interface Credentials {
  /** Headers that authenticate the next request; undefined when the operator has to sign in first. */
  headers(): Promise<Record<string, string> | undefined>;
  /** The API answered 401: forget what was refused. Answers whether trying again may help. */
  refused(): Promise<boolean>;
}
