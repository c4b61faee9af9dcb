import { after, before } from 'node:test';
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

/**
 * Registers a suite's hooks around startApp: before all, Azurite and the app start; after all,
 * both stop. The returned object reads the running app (only inside the suite's tests).
 */
export function useApp(env: Record<string, string> = {}, appRoot = REPO_ROOT): RunningApp {
  const state: { app?: RunningApp } = {};
  before(async () => {
    state.app = await startApp(env, appRoot);
  });
  after(async () => {
    await state.app?.stop();
  });
  const need = (): RunningApp => {
    if (!state.app) throw new Error('useApp: the app is read outside the suite’s tests');
    return state.app;
  };
  return {
    get azurite() {
      return need().azurite;
    },
    get baseUrl() {
      return need().baseUrl;
    },
    get host() {
      return need().host;
    },
    stop: () => need().stop(),
  };
}
