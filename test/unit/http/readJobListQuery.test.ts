import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpRequest } from '@azure/functions';
import { readJobListQuery } from '../../../shared/http/readJobListQuery';
import { readJobListSkipToken, toJobListSkipToken } from '../../../shared/http/jobListSkipToken';
import { isProblem } from '../../../shared/model/errors';

const NOW = Date.parse('2026-12-01T12:00:00.000Z');
const read = (query: Record<string, string>) =>
  readJobListQuery(new HttpRequest({ method: 'GET', url: 'https://longrun.example/api/manage/jobs', query }), 7, NOW);
const is400 = (error: unknown) => isProblem(error) && error.status === 400;

describe('the job list query', () => {
  test('without a range it reads the retention window up to a little past now, 100 at a time', () => {
    const { filter, top, continuation } = read({});
    assert.equal(filter.from, NOW - 7 * 86_400_000);
    assert.ok(filter.to > NOW && filter.to <= NOW + 10 * 60_000);
    assert.equal(top, 100);
    assert.equal(continuation, undefined);
  });

  test('reads every filter, times with any offset; workflow values are cut to 200 characters as the headers were when recorded', () => {
    const { filter, top } = read({
      status: 'succeeded',
      kind: 'bake',
      from: '2026-12-01T10:00:00Z',
      to: '2026-12-01T12:30:00+01:00',
      clientTrackingId: ` ${'c'.repeat(250)} `,
      workflowRunId: '08585',
      top: '2',
      code: 'a function key the host reads, ignored here',
    });
    assert.deepEqual(filter, {
      from: Date.parse('2026-12-01T10:00:00Z'),
      to: Date.parse('2026-12-01T11:30:00Z'),
      status: 'succeeded',
      kind: 'bake',
      clientTrackingId: 'c'.repeat(200),
      workflowRunId: '08585',
    });
    assert.equal(top, 2);
  });

  test('each bad value is a 400 problem: status, kind, top out of 1..1000, a time that does not parse, an empty range, a forged skiptoken', () => {
    const bad: Record<string, string>[] = [
      { status: 'done' },
      { kind: 'Not A Kind' },
      { top: '0' },
      { top: '1001' },
      { top: '2.5' },
      { from: 'yesterday' },
      { to: '2026-13-01T00:00:00Z' },
      { from: '2026-12-01T10:00:00Z', to: '2026-12-01T10:00:00Z' },
      { from: '1969-12-31T23:59:59Z' },
      { skiptoken: 'not base64url!' },
      { skiptoken: Buffer.from('{"p":"a b"}').toString('base64url') },
      { skiptoken: Buffer.from('{"p":"' + 'a'.repeat(32) + '","x":1}').toString('base64url') },
      { skiptoken: '' },
      { clientTrackingId: '   ' },
    ];
    for (const query of bad) assert.throws(() => read(query), is400, JSON.stringify(query));
  });

  test('a skiptoken gives back the continuation it was made from', () => {
    const next = { partitionKey: 'fe6'.padEnd(32, '0'), rowKey: 'job' };
    assert.deepEqual(readJobListSkipToken(toJobListSkipToken(next)), next);
    assert.deepEqual(read({ skiptoken: toJobListSkipToken(next) }).continuation, next);
  });
});
