import type { Credentials } from '../auth/Credentials';
import { ApiError } from './ApiError';

/** An answer read as text (its signature, to notice a change) and as JSON. */
export interface ApiAnswer<T> {
  readonly status: number;
  readonly body: T;
  readonly text: string;
  readonly location: string | null;
}

/**
 * The console's one way to the API: relative to the app's route prefix (`/api/`), on its own
 * origin only, with the credentials' headers (never a key in a URL), `cache: no-store`.
 */
export class ApiClient {
  /** Called when there are no credentials (undefined) or the API refused them (its problem's detail). */
  onSignInNeeded: (detail: string | undefined) => void = () => undefined;

  constructor(
    readonly base: URL,
    private readonly credentials: Credentials | undefined,
  ) {}

  /** The URL of an API path, refusing anything that leaves the console's origin. */
  url(path: string, query: Record<string, string | undefined> = {}): URL {
    const url = new URL(path, this.base);
    if (url.origin !== this.base.origin) throw new Error('The console calls its own origin only.');
    for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== '') url.searchParams.set(name, value);
    return url;
  }

  get<T>(path: string, query: Record<string, string | undefined> = {}, authenticated = true): Promise<ApiAnswer<T>> {
    return this.send<T>('GET', this.url(path, query), undefined, authenticated);
  }

  post<T>(path: string, body?: unknown): Promise<ApiAnswer<T>> {
    return this.send<T>('POST', this.url(path), body, true);
  }

  delete(path: string): Promise<ApiAnswer<unknown>> {
    return this.send('DELETE', this.url(path), undefined, true);
  }

  /**
   * A URL the API handed out: a capability URL (a replay's status URL, no credentials) or a
   * management route (a job's resultUrl, with them). Same origin only.
   */
  getUrl<T>(absolute: string, authenticated: boolean): Promise<ApiAnswer<T>> {
    const url = new URL(absolute, this.base);
    if (url.origin !== this.base.origin) return Promise.reject(new Error('The console calls its own origin only.'));
    return this.send<T>('GET', url, undefined, authenticated);
  }

  private async send<T>(method: string, url: URL, body: unknown, authenticated: boolean, retried = false): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (authenticated && this.credentials) {
      const auth = await this.credentials.headers();
      if (!auth) {
        this.onSignInNeeded(undefined);
        throw new ApiError(401, 'Sign-in needed', '', false);
      }
      Object.assign(headers, auth);
    }
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(url, {
      method,
      headers,
      cache: 'no-store',
      credentials: 'same-origin',
      redirect: 'error',
      referrerPolicy: 'no-referrer',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    if (response.status === 401 && authenticated && this.credentials) {
      if (!retried && (await this.credentials.refused())) return this.send(method, url, body, authenticated, true);
      const problem = readProblem(text);
      this.onSignInNeeded(problem.detail);
      throw new ApiError(401, problem.title || 'Unauthorized', problem.detail, problem.isProblem);
    }
    if (!response.ok) {
      const isProblem = (response.headers.get('content-type') ?? '').includes('problem+json');
      const problem = isProblem ? readProblem(text) : { title: response.statusText, detail: '', isProblem: false };
      throw new ApiError(response.status, problem.title || response.statusText, problem.detail, isProblem);
    }
    return { status: response.status, body: readJson(text) as T, text, location: response.headers.get('location') };
  }
}

/** The body as JSON, or the text itself when it is not JSON (a receiver's answer, a result stream). */
function readJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function readProblem(text: string): { title: string; detail: string; isProblem: boolean } {
  try {
    const body = JSON.parse(text) as { title?: unknown; detail?: unknown };
    return { title: typeof body.title === 'string' ? body.title : '', detail: typeof body.detail === 'string' ? body.detail : '', isProblem: true };
  } catch {
    return { title: '', detail: '', isProblem: false };
  }
}
