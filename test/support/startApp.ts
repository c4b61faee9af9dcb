import { startAzurite, type Azurite } from './azurite';
import { spawnLongrunHost, REPO_ROOT } from './longrunHost';
import type { SpawnedHost } from './spawnHost';

export { REPO_ROOT };

/** The real app on the stand-in host over a fresh Azurite, as the end-to-end tests run it. */
export interface RunningApp {
  readonly azurite: Azurite;
  readonly baseUrl: string;
  readonly host: SpawnedHost;
  stop(): Promise<void>;
}

/**
 * Starts Azurite and the app with settings for local callbacks (http, loopback allowed) and
 * the given overrides; `appRoot` picks a fixture app instead of the real one.
 */
export async function startApp(env: Record<string, string> = {}, appRoot = REPO_ROOT): Promise<RunningApp> {
  const azurite = await startAzurite();
  try {
    const host = await spawnLongrunHost({
      connectionString: azurite.connectionString,
      appRoot,
      env: { LONGRUN_CALLBACK_HTTPS_ONLY: 'false', LONGRUN_CALLBACK_ALLOWED_NETWORKS: '127.0.0.0/8', ...env },
    });
    return {
      azurite,
      baseUrl: host.baseUrl,
      host,
      async stop() {
        await host.stop();
        await azurite.stop();
      },
    };
  } catch (error) {
    await azurite.stop();
    throw error;
  }
}
