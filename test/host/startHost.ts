import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createBackgroundTriggers } from './backgroundTriggers';
import { appHookData, getHooks, type FunctionRegistration } from './functionsCore';
import { readWorkerCapabilities } from './workerCapabilities';
import { readHostSettings, readLocalSettingsValues } from './hostSettings';
import { toErrorMessage, writeLogLine } from './hostLog';
import { createHttpServer, type AdminInvocationResult } from './httpServer';
import { InFlightWork } from './inFlightWork';
import { invokeFunction } from './invokeFunction';
import { loadApp } from './loadApp';
import { toOnDemandInput } from './onDemandInput';
import { toHttpRoutes } from './router';
import { toTriggerType } from './triggerBinding';
import { isFunctionDisabled } from './isFunctionDisabled';

/** How to start the stand-in host. */
export interface StartHostOptions {
  /** The folder with package.json (`main`), host.json and local.settings.json. */
  readonly appRoot: string;
  /** Default: `PORT` from the environment, else 7071; 0 picks a free port. */
  readonly port?: number;
  /** Settings put into process.env before the app loads; they win over the environment and local.settings.json. */
  readonly env?: Readonly<Record<string, string>>;
  /** Replaces package.json `main` (relative to appRoot). */
  readonly main?: string;
  /** How long stop() waits for running invocations. Default 5000 ms. */
  readonly drainTimeoutMs?: number;
}

/** A started host. */
export interface RunningHost {
  /** `http://localhost:<port>` (no route prefix). */
  readonly baseUrl: string;
  readonly port: number;
  /** The names of the registered functions. */
  readonly functionNames: readonly string[];
  /** Stops triggers, waits for running invocations (up to drainTimeoutMs), closes the server. */
  stop(): Promise<void>;
}

function applySettings(appRoot: string, env: Readonly<Record<string, string>> | undefined): void {
  for (const [name, value] of Object.entries(readLocalSettingsValues(appRoot))) process.env[name] ??= value;
  Object.assign(process.env, env ?? {});
  // NOTE: the Functions host tells the worker where the app (and its host.json) lives.
  process.env.AzureWebJobsScriptRoot = appRoot;
}

async function runAppHooks(name: 'appStart' | 'appTerminate', appRoot: string): Promise<void> {
  for (const hook of getHooks(name)) await hook({ hookData: {}, appHookData, functionAppDirectory: appRoot });
}

function toPort(options: StartHostOptions): number {
  const port = options.port ?? Number(process.env.PORT ?? 7071);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a TCP port number, got "${process.env.PORT}"`);
  return port;
}

/**
 * Starts the stand-in for the Azure Functions host (ARCHITECTURE.md §8): loads the app through the real
 * `@azure/functions` registrations, serves its HTTP routes and drives its queue and timer triggers.
 * Rejects on a start-up error: overlapping routes, invalid host.json, an app that throws at load.
 */
export async function startHost(options: StartHostOptions): Promise<RunningHost> {
  const appRoot = resolve(options.appRoot);
  applySettings(appRoot, options.env);
  const port = toPort(options);
  const settings = readHostSettings(appRoot);
  const registrations = loadApp(appRoot, options.main);
  const routes = toHttpRoutes(registrations.filter((r) => !isFunctionDisabled(r.metadata.name, process.env)), settings.routePrefix);
  const inFlight = new InFlightWork();
  const triggers = createBackgroundTriggers({ registrations, queues: settings.queues, env: process.env, inFlight });
  // NOTE: the worker asks for capabilities after loading the app; the library locks app.setup() then.
  const capabilities = await readWorkerCapabilities();
  await runAppHooks('appStart', appRoot);

  const invokeOnDemand = (functionName: string, input: unknown): AdminInvocationResult => {
    const registration = registrations.find((r) => r.metadata.name.toLowerCase() === functionName.toLowerCase());
    if (!registration) return 'unknown';
    if (toTriggerType(registration).toLowerCase() === 'httptrigger') return 'http';
    void runOnDemand(registration, input);
    return 'started';
  };
  const runOnDemand = async (registration: FunctionRegistration, input: unknown): Promise<void> => {
    try {
      await inFlight.run(() => invokeFunction(registration, toOnDemandInput(registration, input)));
    } catch (error) {
      writeLogLine(registration.metadata.name, 'error', `Executed with an error: ${toErrorMessage(error)}`);
    }
  };

  const server = createHttpServer({
    routes,
    functionKey: process.env.LONGRUN_HOST_FUNCTION_KEY || undefined,
    inFlight,
    invokeOnDemand,
    ...(capabilities.httpUri ? { httpUri: capabilities.httpUri } : {}),
  });
  await new Promise<void>((listening, failed) => {
    const onError = (error: Error): void => failed(new Error(`Cannot listen on port ${port}: ${error.message}`));
    server.once('error', onError);
    server.listen(port, () => {
      server.off('error', onError);
      listening();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  triggers.start();

  let stopping: Promise<void> | undefined;
  return {
    baseUrl: `http://localhost:${actualPort}`,
    port: actualPort,
    functionNames: registrations.map((r) => r.metadata.name),
    stop() {
      stopping ??= (async () => {
        await triggers.stop();
        const closed = new Promise<void>((done) => server.close(() => done()));
        server.closeIdleConnections();
        if (!(await inFlight.drain(options.drainTimeoutMs ?? 5000))) {
          writeLogLine('host', 'warning', `Stopped with ${inFlight.size} invocation(s) still running`);
        }
        server.closeAllConnections();
        await closed;
        await capabilities.close();
        await runAppHooks('appTerminate', appRoot);
      })();
      return stopping;
    },
  };
}
