import { resetLongrun } from '../../shared/app/getLongrun';

/** Points the in-process app at a storage account and settings, forgetting cached config and clients. */
export function useAppEnv(env: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetLongrun();
}
