import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { once } from 'node:events';
import { join } from 'node:path';
import { getFreePort } from '../../support/azurite';
import { REPO_ROOT } from '../../support/startApp';

const isListening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

/** Runs the launcher behind `npm start` on `port` with no storage configured; its output as it comes. */
function launchStart(port: number): { child: ChildProcess; output: () => string } {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port) };
  delete env.AzureWebJobsStorage;
  const child = spawn(process.execPath, [join(REPO_ROOT, 'dist', 'scripts', 'start.js')], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  return { child, output: () => output };
}

describe('npm start (the launcher behind it)', () => {
  test('serves the API on PORT with an embedded Azurite, answers /api/health, and stops Azurite on Ctrl-C', { timeout: 90_000 }, async () => {
    const port = await getFreePort();
    const { child, output: outputSoFar } = launchStart(port);
    const deadline = Date.now() + 60_000;
    while (!outputSoFar().includes('Longrun is ready') && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
    const output = outputSoFar();
    assert.match(output, new RegExp(`Longrun is ready: http://localhost:${port}/api`), output);
    const health = await fetch(`http://localhost:${port}/api/health`);
    assert.equal(health.status, 200);
    const azuritePorts = /blob (\d+), queue (\d+), table (\d+)/.exec(output)?.slice(1).map(Number) ?? [];
    assert.equal(azuritePorts.length, 3, output);
    child.kill('SIGINT');
    await once(child, 'exit');
    for (const azurite of azuritePorts) assert.equal(await isListening(azurite), false, `Azurite still listens on ${azurite}`);
    assert.equal(await isListening(port), false, 'the API still listens');
  });

  test('refuses a port another program holds: names the port and PORT, never says ready, exits non-zero', { timeout: 60_000 }, async () => {
    // Something that answers 200 to anything, as a health check would see it.
    const squatter = createServer((socket) => {
      socket.on('error', () => undefined);
      socket.end('HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n');
    });
    squatter.listen(0);
    await once(squatter, 'listening');
    const address = squatter.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const { child, output: outputSoFar } = launchStart(port);
      const [code] = (await once(child, 'exit')) as [number | null];
      const output = outputSoFar();
      assert.notEqual(code, 0, output);
      assert.doesNotMatch(output, /Longrun is ready/);
      assert.match(output, new RegExp(`port ${port} is already taken`), output);
      assert.match(output, /PORT=\d+ npm start/, output);
      assert.doesNotMatch(output, /Embedded Azurite/, 'nothing starts before the port is checked');
    } finally {
      squatter.close();
    }
  });
});
