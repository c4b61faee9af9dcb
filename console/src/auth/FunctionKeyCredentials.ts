import type { Credentials } from './Credentials';

const STORAGE_KEY = 'longrun.functionKey';

/**
 * Key mode: the function key, asked for once and kept in sessionStorage (gone with the tab), sent
 * as the `x-functions-key` header and never in a URL the console requests.
 */
export class FunctionKeyCredentials implements Credentials {
  constructor(private readonly storage: Storage) {}

  get key(): string | undefined {
    return this.storage.getItem(STORAGE_KEY) ?? undefined;
  }

  set(key: string): void {
    this.storage.setItem(STORAGE_KEY, key);
  }

  headers(): Promise<Record<string, string> | undefined> {
    const key = this.key;
    return Promise.resolve(key ? { 'x-functions-key': key } : undefined);
  }

  refused(): Promise<boolean> {
    this.storage.removeItem(STORAGE_KEY);
    return Promise.resolve(false);
  }
}
