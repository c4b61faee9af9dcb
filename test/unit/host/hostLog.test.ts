import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { LineBatch } from '../../../test/host/hostLog';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('the stand-in host\'s log lines: written at the end of the turn that logged them, as the worker streams its logs to the host', () => {
  test('lines added in one turn are not written during it, then go out in one write, in order', async () => {
    const writes: string[] = [];
    const batch = new LineBatch((text) => writes.push(text));
    batch.add('one\n');
    batch.add('two\n');
    batch.add('three\n');
    assert.deepEqual(writes, []);
    await nextTurn();
    await nextTurn();
    assert.deepEqual(writes, ['one\ntwo\nthree\n']);
  });

  test('a later turn\'s lines go out in a write of their own; flush() writes at once; nothing pending writes nothing', async () => {
    const writes: string[] = [];
    const batch = new LineBatch((text) => writes.push(text));
    batch.add('a\n');
    await nextTurn();
    batch.add('b\n');
    batch.flush();
    assert.deepEqual(writes, ['a\n', 'b\n']);
    batch.flush();
    await nextTurn();
    assert.deepEqual(writes, ['a\n', 'b\n']);
  });

  test('a process that exits in the turn it logged still writes its lines to stdout, one per call, levels spelled out', () => {
    const hostLog = join(__dirname, '..', '..', 'host', 'hostLog.js');
    const script = [
      `const { writeLogLine } = require(${JSON.stringify(hostLog)});`,
      `writeLogLine('startJob', 'information', 'job.started {"jobId":"a"}');`,
      `writeLogLine('host', 'error', 'two\\nlines');`,
      'process.exit(3);',
    ].join('\n');
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    assert.equal(child.status, 3);
    assert.equal(child.stdout, '[startJob] job.started {"jobId":"a"}\n[host] error: two\\nlines\n');
  });
});
