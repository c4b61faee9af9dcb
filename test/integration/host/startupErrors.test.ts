import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { startHost } from '../../host/startHost';
import { spawnHost } from '../../support/spawnHost';

const FIXTURES = join(__dirname, '..', '..', '..', '..', 'test', 'host', 'fixtures');

describe('stand-in host: start-up errors', () => {
  test('two registrations whose routes overlap for one method make the host refuse to start, naming both', async () => {
    await assert.rejects(spawnHost({ appRoot: join(FIXTURES, 'overlap') }), (error: Error) => {
      assert.match(error.message, /exited \(code 1\) before it was ready/);
      assert.match(error.message, /"jobsStart" \(api\/jobs\/\{kind\}\)/);
      assert.match(error.message, /"jobsList" \(api\/jobs\/list\)/);
      assert.match(error.message, /POST/);
      return true;
    });
  });

  test('startHost rejects on overlapping routes as well', async () => {
    await assert.rejects(startHost({ appRoot: join(FIXTURES, 'overlap'), port: 0 }), /jobsStart.*jobsList/s);
  });

  test('a configuration error thrown by the app while loading stops the host with the message', async () => {
    await assert.rejects(spawnHost({ appRoot: join(FIXTURES, 'throwing'), env: { FIXTURE_REQUIRED_SETTING: '' } }), (error: Error) => {
      assert.match(error.message, /Longrun host failed to start: .*FIXTURE_REQUIRED_SETTING is required/);
      return true;
    });
  });

  test('the same app starts once the setting is provided', async () => {
    const host = await spawnHost({ appRoot: join(FIXTURES, 'throwing'), env: { FIXTURE_REQUIRED_SETTING: 'yes' } });
    try {
      assert.equal((await fetch(`${host.baseUrl}/api/fine`)).status, 200);
    } finally {
      await host.stop();
    }
    assert.equal(host.process.exitCode, 0, 'SIGTERM stops the host gracefully');
  });
});
