import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import type { CallerRejection } from '../../../shared/http/CallerRejection';
import { toManagementRoute, type CallerCheck } from '../../../shared/http/toManagementRoute';

function request(headers: Record<string, string> = {}): HttpRequest {
  return new HttpRequest({ method: 'POST', url: 'http://localhost/api/jobs/bake', headers });
}

/** A handler that records it ran. */
function recordingHandler(): { ran: number; handler: () => Promise<HttpResponseInit> } {
  const state = { ran: 0, handler: (): Promise<HttpResponseInit> => (state.ran++, Promise.resolve({ status: 202 })) };
  return state;
}

/** A check that answers `verdict` and records the Authorization header it saw. */
function fakeCheck(verdict: CallerRejection | undefined): CallerCheck & { seen: (string | null)[] } {
  const seen: (string | null)[] = [];
  return { seen, check: (authorization) => (seen.push(authorization), Promise.resolve(verdict)) };
}

describe('toManagementRoute', () => {
  test('key mode: authLevel function, no caller check, the handler answers', async () => {
    const recorded = recordingHandler();
    let built = 0;
    const route = toManagementRoute('key', () => (built++, fakeCheck(undefined)), recorded.handler);
    assert.equal(route.authLevel, 'function');
    assert.equal((await route.handler(request(), new InvocationContext())).status, 202);
    assert.equal(built, 0, 'the caller check is never built in key mode');
  });

  test('entra mode: authLevel anonymous, and an accepted caller reaches the handler', async () => {
    const recorded = recordingHandler();
    const check = fakeCheck(undefined);
    const route = toManagementRoute('entra', () => check, recorded.handler);
    assert.equal(route.authLevel, 'anonymous');
    assert.equal((await route.handler(request({ authorization: 'Bearer abc' }), new InvocationContext())).status, 202);
    assert.deepEqual(check.seen, ['Bearer abc']);
    assert.equal(recorded.ran, 1);
  });

  test('entra mode: a refused caller gets problem+json and the handler never runs', async () => {
    const cases: [CallerRejection, number][] = [
      [{ kind: 'noToken' }, 401],
      [{ kind: 'invalidToken', reason: 'the token has expired' }, 401],
      [{ kind: 'missingRole', role: 'Longrun.Caller' }, 403],
      [{ kind: 'keysUnavailable', reason: 'the key set answered 500' }, 503],
    ];
    for (const [rejection, status] of cases) {
      const recorded = recordingHandler();
      const route = toManagementRoute('entra', () => fakeCheck(rejection), recorded.handler);
      const response = await route.handler(request(), new InvocationContext());
      assert.equal(response.status, status, rejection.kind);
      assert.equal((response.headers as Record<string, string>)['Content-Type'], 'application/problem+json');
      assert.equal(recorded.ran, 0, `${rejection.kind}: the handler did not run`);
    }
  });
});
