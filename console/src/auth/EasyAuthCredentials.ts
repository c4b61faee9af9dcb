import type { Credentials } from './Credentials';

interface TokenStoreEntry {
  readonly provider_name?: string;
  readonly access_token?: string;
  readonly expires_on?: string;
}

/** Why there is no token: the operator is not signed in, or the token store holds no access token. */
export type SignInState = 'signedIn' | 'signedOut' | 'noAccessToken';

const REFRESH_BEFORE_MS = 5 * 60_000;

/**
 * Entra mode: the operator signs in with App Service Authentication (`/.auth/login/aad`); the
 * browser then carries the session cookie, and `/.auth/me` answers the token store's entry,
 * whose access token (audience: the Longrun app registration) goes out as `Authorization: Bearer`,
 * the way every management caller is checked. Near its expiry (or on a 401) `/.auth/refresh`
 * renews it once.
 */
// NOTE: "Work with OAuth tokens in Azure App Service authentication": in-browser JavaScript reads
// the provider's tokens with GET /.auth/me (token store enabled; access tokens only when the
// provider is configured with a client secret) and renews them with GET /.auth/refresh.
// "Customize sign-in and sign-out in Azure App Service authentication": sign-in at
// /.auth/login/<provider>, back to the page through post_login_redirect_uri.
export class EasyAuthCredentials implements Credentials {
  private token: { value: string; expiresAt: number } | undefined;
  state: SignInState = 'signedOut';

  constructor(private readonly fetcher: typeof fetch = (input, init) => fetch(input, init)) {}

  async headers(): Promise<Record<string, string> | undefined> {
    if (!this.token || this.token.expiresAt - Date.now() < REFRESH_BEFORE_MS) await this.load(this.token !== undefined);
    return this.token ? { authorization: `Bearer ${this.token.value}` } : undefined;
  }

  async refused(): Promise<boolean> {
    const had = this.token !== undefined;
    this.token = undefined;
    if (had) await this.load(true);
    return this.token !== undefined;
  }

  private async load(refresh: boolean): Promise<void> {
    if (refresh) await this.fetcher('/.auth/refresh', { credentials: 'same-origin' }).catch(() => undefined);
    const response = await this.fetcher('/.auth/me', { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (!response.ok) {
      this.token = undefined;
      this.state = 'signedOut';
      return;
    }
    const entries = (await response.json()) as unknown;
    const entry = Array.isArray(entries) ? (entries as TokenStoreEntry[]).find((e) => e.provider_name === 'aad') : undefined;
    if (!entry?.access_token) {
      this.token = undefined;
      this.state = entry ? 'noAccessToken' : 'signedOut';
      return;
    }
    const expiresAt = Date.parse(entry.expires_on ?? '');
    this.token = { value: entry.access_token, expiresAt: Number.isFinite(expiresAt) ? expiresAt : Date.now() + REFRESH_BEFORE_MS * 2 };
    this.state = 'signedIn';
  }
}
