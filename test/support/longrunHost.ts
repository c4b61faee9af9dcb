import { join } from 'node:path';
import { spawnHost, type SpawnedHost } from './spawnHost';

/** The repository root: the Longrun app itself (package.json `main` = dist/functions/*.js, host.json). */
export const REPO_ROOT = join(__dirname, '..', '..', '..');

/** How to spawn a host for the Longrun app. */
export interface LongrunHostOptions {
  /** The storage account (an Azurite's connection string). */
  readonly connectionString: string;
  /** Extra settings (LONGRUN_*, LONGRUN_HOST_*). */
  readonly env?: Readonly<Record<string, string>>;
  /** Another app root (a fixture that embeds Longrun's functions). Default: {@link REPO_ROOT}. */
  readonly appRoot?: string;
}

/**
 * Spawns the stand-in host serving Longrun (or a fixture app) against the given storage. Settings
 * a developer's shell may carry (a public base URL) are blanked so every Location points at this host.
 */
export function spawnLongrunHost(options: LongrunHostOptions): Promise<SpawnedHost> {
  return spawnHost({
    appRoot: options.appRoot ?? REPO_ROOT,
    env: { LONGRUN_PUBLIC_BASE_URL: '', AzureWebJobsStorage: options.connectionString, ...options.env },
  });
}

/** The job id in a status URL (`.../api/jobs/<id>?token=...`). */
export function toJobId(statusUrl: string): string {
  const id = new URL(statusUrl).pathname.split('/').pop() ?? '';
  if (!/^[0-9a-f]{32}$/.test(id)) throw new Error(`not a status URL: ${new URL(statusUrl).pathname}`);
  return id;
}
