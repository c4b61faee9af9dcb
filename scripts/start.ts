// `npm start`: storage (embedded Azurite unless configured), then `func start` when Azure Functions
// Core Tools are installed, otherwise the stand-in host. Prints the base URL once /api/health answers.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { startAzurite, type Azurite } from '../test/support/azurite';

const root = join(__dirname, '..', '..');
const port = Number(process.env.PORT ?? 7071);

function localSetting(name: string): string | undefined {
  const file = join(root, 'local.settings.json');
  if (!existsSync(file)) return undefined;
  const values = (JSON.parse(readFileSync(file, 'utf8')) as { Values?: Record<string, string> }).Values ?? {};
  return values[name];
}

function configuredStorage(): string | undefined {
  const value = process.env.AzureWebJobsStorage ?? localSetting('AzureWebJobsStorage');
  // "UseDevelopmentStorage=true" means "the local emulator": the embedded Azurite provides it.
  return value && !/UseDevelopmentStorage=true/i.test(value) ? value : undefined;
}

function hasFunc(): boolean {
  return spawnSync(process.platform === 'win32' ? 'where' : 'which', ['func'], { stdio: 'ignore' }).status === 0;
}

async function waitForHealth(child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const response = await fetch(`http://localhost:${port}/api/health`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(child.exitCode === null ? 'the API did not become healthy in 120 s' : `the host exited with code ${child.exitCode}`);
}

/**
 * Whether something already serves on the port: a connection to it is accepted, or binding it fails.
 * Checked before anything starts: otherwise /api/health could be answered by whatever holds the port.
 */
async function isPortTaken(): Promise<boolean> {
  const accepted = await new Promise<boolean>((resolve) => {
    const socket = connect(port, 'localhost');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
  if (accepted) return true;
  const server = createServer();
  return new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(true));
    server.listen(port, () => server.close(() => resolve(false)));
  });
}

async function main(): Promise<void> {
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    console.error(`PORT must be a TCP port number (1-65535), got "${process.env.PORT}".`);
    process.exit(1);
  }
  if (await isPortTaken()) {
    console.error(`Longrun did not start: port ${port} is already taken by another program. Choose another port with PORT, e.g. PORT=${port === 65535 ? 7072 : port + 1} npm start`);
    process.exit(1);
  }
  let azurite: Azurite | undefined;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    // Local runs call back to receivers on this machine over http.
    LONGRUN_CALLBACK_HTTPS_ONLY: process.env.LONGRUN_CALLBACK_HTTPS_ONLY ?? localSetting('LONGRUN_CALLBACK_HTTPS_ONLY') ?? 'false',
    LONGRUN_CALLBACK_ALLOWED_NETWORKS:
      process.env.LONGRUN_CALLBACK_ALLOWED_NETWORKS ?? localSetting('LONGRUN_CALLBACK_ALLOWED_NETWORKS') ?? '127.0.0.0/8,::1/128',
  };
  if (!configuredStorage()) {
    azurite = await startAzurite();
    env.AzureWebJobsStorage = azurite.connectionString;
    console.log(`Embedded Azurite (in memory): blob ${azurite.blobPort}, queue ${azurite.queuePort}, table ${azurite.tablePort}`);
  }
  const useFunc = hasFunc();
  const child = useFunc
    ? spawn('func', ['start', '--port', String(port)], { cwd: root, env, stdio: 'inherit' })
    : spawn(process.execPath, [join(root, 'dist', 'test', 'host', 'cli.js'), root], { cwd: root, env, stdio: 'inherit' });
  console.log(useFunc ? 'Running func start (Azure Functions Core Tools).' : 'Core Tools not found: running the stand-in host.');

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    // The host drains its invocations first; past 10 s it is killed. Then storage goes.
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await azurite?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  child.on('exit', (code) => void stop(code ?? 1));

  try {
    await waitForHealth(child);
    console.log(`Longrun is ready: http://localhost:${port}/api (health: http://localhost:${port}/api/health, console: http://localhost:${port}/api/console)`);
  } catch (error) {
    console.error(`Longrun did not start: ${error instanceof Error ? error.message : String(error)}`);
    await stop(1);
  }
}

void main();
