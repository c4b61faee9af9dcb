import { join } from 'node:path';
import { startAzurite, type Azurite } from './azurite';
import { spawnHost } from './spawnHost';

/** The real app on the stand-in host over a fresh Azurite, as the end-to-end tests run it. */
export interface RunningApp {
  readonly azurite: Azurite;
  readonly baseUrl: string;
  readonly host: Awaited<ReturnType<typeof spawnHost>>;
  stop(): Promise<void>;
}

/** The repository root (the compiled file sits in dist/test/support). */
export const REPO_ROOT = join(__dirname, '..', '..', '..');

/**
 * Starts Azurite and the app with settings for local callbacks (http, loopback allowed) and
 * the given overrides; `appRoot` picks a fixture app instead of the real one.
 */
export async function startApp(env: Record<string, string> = {}, appRoot = REPO_ROOT): Promise<RunningApp> {
  const azurite = await startAzurite();
  try {
    const host = await spawnHost({
      appRoot,
      env: {
        AzureWebJobsStorage: azurite.connectionString,
        LONGRUN_CALLBACK_HTTPS_ONLY: 'false',
        LONGRUN_CALLBACK_ALLOWED_NETWORKS: '127.0.0.0/8',
        ...env,
      },
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
