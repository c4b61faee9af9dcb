import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { toCallerProblem } from '../../../shared/http/toCallerProblem';
import { toProblemResponse } from '../../../shared/http/toProblemResponse';

function answer(rejection: Parameters<typeof toCallerProblem>[0]): { status: number; headers: Record<string, string>; body: any } {
  const response = toProblemResponse(toCallerProblem(rejection));
  return { status: response.status ?? 0, headers: response.headers as Record<string, string>, body: response.jsonBody };
}

describe('toCallerProblem (RFC 6750 §3 answers as problem+json)', () => {
  test('no token: 401 with a bare Bearer challenge and no error code', () => {
    const { status, headers, body } = answer({ kind: 'noToken' });
    assert.equal(status, 401);
    assert.equal(headers['WWW-Authenticate'], 'Bearer');
    assert.equal(headers['Content-Type'], 'application/problem+json');
    assert.equal(body.status, 401);
  });

  test('an invalid token: 401 with error="invalid_token" and the failed check in words', () => {
    const { status, headers, body } = answer({ kind: 'invalidToken', reason: 'the token has expired' });
    assert.equal(status, 401);
    assert.equal(headers['WWW-Authenticate'], 'Bearer error="invalid_token", error_description="the token has expired"');
    assert.match(body.detail, /expired/);
  });

  test('a missing role: 403 Forbidden naming the role, with insufficient_scope', () => {
    const { status, headers, body } = answer({ kind: 'missingRole', role: 'Longrun.Caller' });
    assert.equal(status, 403);
    assert.equal(body.title, 'Forbidden');
    assert.match(body.detail, /Longrun\.Caller/);
    assert.match(headers['WWW-Authenticate'] ?? '', /^Bearer error="insufficient_scope"/);
  });

  test('keys that could not be fetched: 503 with Retry-After, the reason kept out of the answer', () => {
    const { status, headers, body } = answer({ kind: 'keysUnavailable', reason: 'the key set answered 500' });
    assert.equal(status, 503);
    assert.equal(headers['Retry-After'], '10');
    assert.doesNotMatch(JSON.stringify(body), /answered 500/);
  });

  test('a reason with quotes or control characters cannot break the challenge header', () => {
    const { headers } = answer({ kind: 'invalidToken', reason: 'bad "x"\r\ny\\' });
    assert.equal(headers['WWW-Authenticate'], 'Bearer error="invalid_token", error_description="bad  x   y "');
  });
});
