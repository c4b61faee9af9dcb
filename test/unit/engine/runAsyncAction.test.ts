import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CallbackReceiver, type Answer, type ReceivedCall } from '../../engine/CallbackReceiver';
import { runAsyncAction } from '../../engine/runAsyncAction';

const TIME_SCALE = 0.01;

describe('engine simulator: the HTTP action with the asynchronous pattern (local server)', () => {
  const script: { answers: Answer[] } = { answers: [] };
  let server: CallbackReceiver;
  let seen = 0;
  before(async () => {
    server = await CallbackReceiver.start((n) => script.answers[n - seen] ?? { status: 500 });
  });
  after(() => server.stop());
  const next = (answers: Answer[]): (() => ReceivedCall[]) => {
    seen = server.calls.length;
    script.answers = answers;
    return () => server.calls.slice(seen);
  };
  const accepted = (n: number): Answer => ({ status: 202, headers: { location: `${server.origin}/status/${n}?sig=self`, 'retry-after': '1' } });
  const done: Answer = { status: 200, headers: { 'content-type': 'application/json' }, body: '{"status":"succeeded"}' };
  const start = {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-functions-key': 'the-key' },
    body: '{}',
    authentication: { type: 'ManagedServiceIdentity', audience: 'api://longrun', token: 'the-token' } as const,
  };

  test('Logic Apps polls the Location with GET until a non-202, sending the authentication again but not the function key', async () => {
    const calls = next([accepted(1), accepted(1), done]);
    const action = await runAsyncAction({ ...start, url: `${server.origin}/jobs/bake` }, { timeScale: TIME_SCALE });
    assert.equal(action.status, 'Succeeded');
    assert.deepEqual(action.body, { status: 'succeeded' });
    assert.deepEqual(action.polls, [202, 200]);
    const [first, ...polls] = calls();
    assert.equal(first?.headers['x-functions-key'], 'the-key');
    assert.deepEqual(polls.map((c) => [c.method, c.path]), [
      ['GET', '/status/1?sig=self'],
      ['GET', '/status/1?sig=self'],
    ]);
    for (const poll of polls) {
      assert.equal(poll.headers['x-functions-key'], undefined, 'a custom header is not replayed on polls');
      assert.equal(poll.headers.authorization, 'Bearer the-token', 'Logic Apps replays the authentication setting');
    }
  });

  test('Power Automate polls with no credentials at all', async () => {
    const calls = next([accepted(2), done]);
    const action = await runAsyncAction({ ...start, url: `${server.origin}/jobs/bake` }, { flavour: 'powerAutomate', timeScale: TIME_SCALE });
    assert.equal(action.status, 'Succeeded');
    const poll = calls()[1];
    assert.equal(poll?.headers['x-functions-key'], undefined);
    assert.equal(poll?.headers.authorization, undefined);
  });

  test('a Standard stateless workflow returns the 202 as is and never polls', async () => {
    const calls = next([accepted(3), done]);
    const action = await runAsyncAction({ ...start, url: `${server.origin}/jobs/bake` }, { workflow: 'stateless', timeScale: TIME_SCALE });
    assert.equal(action.status, 'Succeeded');
    assert.equal(action.code, 202);
    assert.deepEqual(action.polls, []);
    assert.equal(calls().length, 1);
  });

  test('a DELETE answered 202 + Location is followed like any other method', async () => {
    const calls = next([accepted(4), done]);
    const action = await runAsyncAction({ method: 'DELETE', url: `${server.origin}/jobs/1` }, { timeScale: TIME_SCALE });
    assert.equal(action.status, 'Succeeded');
    assert.deepEqual(calls().map((c) => c.method), ['DELETE', 'GET']);
  });

  test('a final 4xx fails the action with its body; Retry-After sets the wait between polls', async () => {
    const calls = next([{ status: 202, headers: { location: `${server.origin}/status/5`, 'retry-after': '20' } }, { status: 422, body: '{"title":"Cake burned"}' }]);
    const action = await runAsyncAction({ method: 'POST', url: `${server.origin}/jobs/bake` }, { timeScale: TIME_SCALE });
    assert.equal(action.status, 'Failed');
    assert.equal(action.code, 422);
    assert.deepEqual(action.body, { title: 'Cake burned' });
    const [first, poll] = calls();
    const gap = (poll?.at ?? 0) - (first?.at ?? 0);
    assert.ok(gap >= 200 - 2 && gap < 300, `polled after ${gap} ms, Retry-After 20 s × ${TIME_SCALE}`);
  });

  test('past limit.timeout the action ends Cancelled with ActionTimedOut', async () => {
    next([accepted(6), accepted(6), accepted(6), accepted(6)]);
    const action = await runAsyncAction({ method: 'POST', url: `${server.origin}/jobs/bake` }, { timeScale: TIME_SCALE, timeoutMs: 25 });
    assert.equal(action.status, 'Cancelled');
    assert.equal(action.errorCode, 'ActionTimedOut');
  });
});
