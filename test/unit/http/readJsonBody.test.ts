import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpRequest } from '@azure/functions';
import { readJsonBody } from '../../../shared/http/readJsonBody';
import { Problem } from '../../../shared/model/errors';

const request = (body: string, contentType?: string) =>
  new HttpRequest({
    method: 'POST',
    url: 'http://localhost/api/x',
    body: { string: body },
    headers: contentType ? { 'content-type': contentType } : {},
  });

async function problemOf(promise: Promise<unknown>): Promise<Problem> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof Problem, `expected a Problem, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the body to be refused');
}

describe('readJsonBody', () => {
  test('parses a JSON body with a JSON content type, including charset and +json types', async () => {
    assert.deepEqual(await readJsonBody(request('{"a":1}', 'application/json; charset=utf-8'), 100), { a: 1 });
    assert.deepEqual(await readJsonBody(request('[1]', 'application/vnd.x+json'), 100), [1]);
  });
  test('a wrong content type is 415', async () => {
    assert.equal((await problemOf(readJsonBody(request('{}', 'text/plain'), 100))).status, 415);
    assert.equal((await problemOf(readJsonBody(request('{}'), 100))).status, 415);
  });
  test('a body over the limit is 413', async () => {
    assert.equal((await problemOf(readJsonBody(request(`"${'x'.repeat(200)}"`, 'application/json'), 100))).status, 413);
  });
  test('malformed JSON is 400 and says so', async () => {
    const problem = await problemOf(readJsonBody(request('{"a":', 'application/json'), 100));
    assert.equal(problem.status, 400);
    assert.match(problem.detail, /not valid JSON/);
  });
  test('an empty body is 400', async () => {
    assert.equal((await problemOf(readJsonBody(request('', 'application/json'), 100))).status, 400);
  });
});
