import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { startJobHandler } from '../../../functions/startJob';
import { getJobHandler } from '../../../functions/getJob';
import { withProblems } from '../../../shared/http/withProblems';
import { useCountedStorage } from '../../support/useCountedStorage';

const start = withProblems(startJobHandler);
const status = withProblems(getJobHandler);

function post(kind: string, body: string, contentType = 'application/json'): HttpRequest {
  return new HttpRequest({
    method: 'POST',
    url: `http://localhost/api/jobs/${kind}`,
    params: { kind },
    headers: { 'content-type': contentType },
    body: { string: body },
  });
}

describe('bad input gets a 4xx problem and leaves nothing behind', () => {
  const storage = useCountedStorage({ LONGRUN_MAX_BODY_BYTES: '2048' });

  function refused(response: HttpResponseInit, expected: number): any {
    assert.equal(response.status, expected);
    assert.equal((response.headers as Record<string, string>)['Content-Type'], 'application/problem+json');
    const writes = storage.counter.calls.filter((c) => c.method !== 'GET' && c.method !== 'HEAD');
    assert.deepEqual(writes, [], 'no row, message or blob was written');
    return response.jsonBody;
  }

  test('malformed JSON is 400', async () => {
    await refused(await start(post('bake', '{"flavor":'), new InvocationContext()), 400);
  });
  test('a wrong content type is 415', async () => {
    await refused(await start(post('bake', '{}', 'text/plain'), new InvocationContext()), 415);
  });
  test('a body over LONGRUN_MAX_BODY_BYTES is 413', async () => {
    const big = JSON.stringify({ flavor: 'vanilla', minutes: 1, pad: 'x'.repeat(4096) });
    await refused(await start(post('bake', big), new InvocationContext()), 413);
  });
  test('an unknown kind is 404', async () => {
    await refused(await start(post('no-such-kind', '{}'), new InvocationContext()), 404);
  });
  test('a schema violation is 400 and the problem lists every failing path', async () => {
    const body = await refused(await start(post('bake', '{"flavor":"pistachio","minutes":-1}'), new InvocationContext()), 400);
    const paths = (body.errors as { path: string }[]).map((e) => e.path).sort();
    assert.deepEqual(paths, ['flavor', 'minutes']);
  });
  test('a bad Idempotency-Key is 400', async () => {
    const request = post('bake', '{"flavor":"vanilla","minutes":0}');
    request.headers.set('idempotency-key', 'x'.repeat(300));
    await refused(await start(request, new InvocationContext()), 400);
  });
  test('a status URL with a missing token is 404, an id that does not parse is 400', async () => {
    const get = (url: string, id: string) =>
      status(new HttpRequest({ method: 'GET', url, params: { id }, query: Object.fromEntries(new URL(url).searchParams) }), new InvocationContext());
    await refused(await get(`http://localhost/api/jobs/${'a'.repeat(32)}`, 'a'.repeat(32)), 404);
    await refused(await get('http://localhost/api/jobs/zzz?token=t', 'zzz'), 400);
  });
});
