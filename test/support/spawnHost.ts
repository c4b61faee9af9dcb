import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

/** The stand-in host running as a child process (`node dist/test/host/cli.js <appRoot>`). */
export interface SpawnedHost {
  /** `http://localhost:<port>`, no route prefix. */
  readonly baseUrl: string;
  readonly port: number;
  readonly process: ChildProcess;
  /** Everything the host wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM and wait for exit (SIGKILL after 10 s). */
  stop(): Promise<void>;
  /** SIGKILL: a crash, for tests of recovery. */
  kill(): void;
}

/** How to spawn the host. */
export interface SpawnHostOptions {
  readonly appRoot: string;
  /** Merged onto process.env for the child. */
  readonly env?: Readonly<Record<string, string>>;
  /** Default: 0, a free port the host picks itself and names in its ready line (no pick-then-bind race). */
  readonly port?: number;
}

const READY = /^Longrun host listening on (http:\/\/localhost:\d+)$/m;
const READY_TIMEOUT_MS = 30_000;
const CLI = join(__dirname, '..', 'host', 'cli.js');

/**
 * Spawns the stand-in host and resolves once it prints its ready line; rejects with the collected
 * output when it exits first or is not ready within 30 s.
 */
export async function spawnHost(options: SpawnHostOptions): Promise<SpawnedHost> {
  const requestedPort = options.port ?? 0;
  const child = spawn(process.execPath, [CLI, options.appRoot], {
    env: { ...process.env, ...options.env, PORT: String(requestedPort) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);

  const baseUrl = await new Promise<string>((ready, failed) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      failed(new Error(`The host was not ready within ${READY_TIMEOUT_MS} ms. Output:\n${output}`));
    }, READY_TIMEOUT_MS);
    const onData = (): void => {
      const match = READY.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('exit', onExit);
      ready(match[1]);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      clearTimeout(timer);
      // Let the last piped output arrive before reporting it.
      setImmediate(() => failed(new Error(`The host exited (${signal ?? `code ${code}`}) before it was ready. Output:\n${output}`)));
    };
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  });

  const exited = (): boolean => child.exitCode !== null || child.signalCode !== null;
  return {
    baseUrl,
    port: Number(new URL(baseUrl).port),
    process: child,
    output: () => output,
    async stop() {
      if (exited()) return;
      const exit = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    },
    kill() {
      if (!exited()) child.kill('SIGKILL');
    },
  };
}
