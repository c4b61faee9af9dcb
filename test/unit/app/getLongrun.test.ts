import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { getLongrun, getLongrunConfig, getLongrunStorage, resetLongrun } from '../../../shared/app/getLongrun';
import { ConfigError } from '../../../shared/config';
import { deriveTriggerStateKey } from '../../../shared/events/deriveTriggerStateKey';
import { SecretSealer } from '../../../shared/storage/SecretSealer';
import { toSealingKey } from '../../../shared/storage/toSealingKey';
import { toAzuriteConnectionString } from '../../support/azurite';
import { useAppEnv } from '../../support/appEnv';

/** The key blob the stand-in account holds (LONGRUN_SECRET_KEY unset: the app loads it from there). */
const KEY = Buffer.alloc(32, 9);
const KEY_PATH = '/payloads/keys/secret-sealing.key';

/**
 * A stand-in storage account on one port: it records every request and answers each as created,
 * holds the key blob, and refuses (403, which the SDK does not retry) what `refuse` matches.
 */
interface StandIn {
  readonly server: Server;
  readonly requests: string[];
  refuse: (path: string) => boolean;
}

async function startStandIn(): Promise<StandIn> {
  const standIn: StandIn = { server: createServer(), requests: [], refuse: () => false };
  standIn.server.on('request', (req, res) => {
    const path = (req.url ?? '').split('?')[0]?.replace(/^\/devstoreaccount1/, '') ?? '';
    standIn.requests.push(`${req.method ?? ''} ${path}`);
    req.resume();
    req.on('end', () => {
      if (standIn.refuse(path)) return void res.writeHead(403, { 'x-ms-error-code': 'AuthorizationFailure' }).end();
      if (path === KEY_PATH && req.method === 'PUT') return void res.writeHead(409, { 'x-ms-error-code': 'BlobAlreadyExists' }).end();
      if (path === KEY_PATH) {
        const headers = { 'content-length': '32', 'content-type': 'application/octet-stream', 'x-ms-blob-type': 'BlockBlob', etag: '"k"' };
        return void res.writeHead(200, headers).end(req.method === 'GET' ? KEY : undefined);
      }
      res.writeHead(req.method === 'POST' ? 204 : 201).end();
    });
  });
  standIn.server.listen(0, '127.0.0.1');
  await once(standIn.server, 'listening');
  return standIn;
}

describe('getLongrun: the one wiring point', () => {
  let standIn: StandIn;
  const env = () => {
    const address = standIn.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return { AzureWebJobsStorage: toAzuriteConnectionString(port, port, port), LONGRUN_SECRET_KEY: undefined, LONGRUN_JOB_SLICE_SECONDS: undefined };
  };
  const creates = () => standIn.requests.filter((r) => r.startsWith('POST /Tables') || (r.startsWith('PUT ') && !r.endsWith(KEY_PATH)));
  const keyLoads = () => standIn.requests.filter((r) => r === `PUT ${KEY_PATH}`);

  before(async () => {
    standIn = await startStandIn();
  });
  beforeEach(() => {
    useAppEnv(env());
    standIn.requests.length = 0;
    standIn.refuse = () => false;
  });
  after(async () => {
    useAppEnv({ AzureWebJobsStorage: undefined, LONGRUN_SECRET_KEY: undefined, LONGRUN_JOB_SLICE_SECONDS: undefined });
    standIn.server.closeAllConnections();
    standIn.server.close();
    await once(standIn.server, 'close');
  });

  test('the app is built once: concurrent and later calls get the same one, and only the first creates storage and loads the key', async () => {
    const [a, b] = await Promise.all([getLongrun(), getLongrun()]);
    assert.equal(a, b);
    assert.ok(creates().length > 0, 'the first use creates tables, queues and the container');
    assert.equal(keyLoads().length, 1, 'the sealing key is loaded once');
    const seen = standIn.requests.length;
    assert.equal(await getLongrun(), a);
    assert.equal(standIn.requests.length, seen, 'a later call asks storage nothing');
  });

  test('the triggerState MAC key is derived from the one sealing key the sealer uses', async () => {
    const app = await getLongrun();
    assert.deepEqual(app.triggerStateKeys, [deriveTriggerStateKey(KEY)]);
    assert.equal(app.sealer.open(new SecretSealer([KEY]).seal('a secret')), 'a secret');
    assert.equal(keyLoads().length, 1, 'one load serves both');
  });

  test('with LONGRUN_SECRET_KEYS the key ring comes from the setting, loaded once: the key blob is never written (only read, for a key an earlier version generated), and a triggerState key is derived from each key, newest first', async () => {
    const newest = Buffer.alloc(32, 1);
    const older = 'an older secret string of at least thirty-two characters';
    useAppEnv({ ...env(), LONGRUN_SECRET_KEYS: `${newest.toString('base64')}, ${older}` });
    try {
      const app = await getLongrun();
      assert.deepEqual(standIn.requests.filter((r) => r === `PUT ${KEY_PATH}`), [], 'the key blob is not written');
      // The stand-in holds a key an earlier version generated (KEY): it stays as the oldest.
      assert.deepEqual(app.triggerStateKeys, [deriveTriggerStateKey(newest), deriveTriggerStateKey(toSealingKey(older)), deriveTriggerStateKey(KEY)]);
      assert.equal(app.sealer.open(new SecretSealer([KEY]).seal('sealed before the upgrade')), 'sealed before the upgrade');
      assert.equal(new SecretSealer([newest]).open(app.sealer.seal('a secret')), 'a secret', 'the newest key seals');
      assert.equal(app.sealer.open(new SecretSealer([toSealingKey(older)]).seal('old')), 'old', 'the older key still opens');
      assert.equal(await getLongrun(), app);
    } finally {
      useAppEnv({ LONGRUN_SECRET_KEYS: undefined });
    }
  });

  test('a failed build is not kept: the next call builds again', async () => {
    standIn.refuse = () => true;
    await assert.rejects(getLongrun(), (error: Error) => error.name === 'RestError');
    standIn.refuse = () => false;
    const app = await getLongrun();
    assert.equal(app.config.storage.kind, 'connectionString');
  });

  test('a failed key load is not kept, while the storage already created is: the next call only loads the key', async () => {
    standIn.refuse = (path) => path === KEY_PATH;
    await assert.rejects(getLongrun());
    assert.ok(creates().length > 0);
    standIn.requests.length = 0;
    standIn.refuse = () => false;
    await getLongrun();
    assert.deepEqual(creates(), [], 'storage is not created again');
    assert.equal(keyLoads().length, 1);
  });

  test('a bad setting fails with its ConfigError and is not kept either', async () => {
    process.env.LONGRUN_JOB_SLICE_SECONDS = 'soon';
    await assert.rejects(getLongrun(), (error) => error instanceof ConfigError && /LONGRUN_JOB_SLICE_SECONDS/.test(error.message));
    assert.throws(() => getLongrunConfig(), ConfigError);
    process.env.LONGRUN_JOB_SLICE_SECONDS = '30';
    assert.equal((await getLongrun()).config.LONGRUN_JOB_SLICE_SECONDS, 30);
  });

  test('resetLongrun forgets the settings and everything built from them: the next call reads the settings and builds anew', async () => {
    const first = await getLongrun();
    process.env.LONGRUN_JOB_SLICE_SECONDS = '30';
    assert.equal((await getLongrun()).config.LONGRUN_JOB_SLICE_SECONDS, 240, 'without a reset the settings read first stay');
    standIn.requests.length = 0;
    resetLongrun();
    const second = await getLongrun();
    assert.notEqual(second, first);
    assert.notEqual(second.jobStores, first.jobStores);
    assert.equal(second.config.LONGRUN_JOB_SLICE_SECONDS, 30);
    assert.ok(creates().length > 0, 'storage is created again (tests switch accounts)');
    assert.equal(keyLoads().length, 1);
  });

  test('getLongrunStorage creates storage and loads no key (the health check); the app then builds on that storage', async () => {
    const storage = await getLongrunStorage();
    assert.ok(creates().length > 0);
    assert.deepEqual(keyLoads(), []);
    standIn.requests.length = 0;
    const app = await getLongrun();
    assert.equal(app.storage, storage);
    assert.deepEqual(creates(), []);
    assert.equal(keyLoads().length, 1);
  });
});
