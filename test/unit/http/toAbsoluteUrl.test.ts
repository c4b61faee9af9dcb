import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { toAbsoluteUrl, toPublicBaseUrl } from '../../../shared/http/toAbsoluteUrl';
import { toRetryAfter } from '../../../shared/http/toRetryAfter';
import { getLongrunConfig } from '../../../shared/app/getLongrun';
import { useAppEnv } from '../../support/appEnv';

// The base as a function computes it: from the request and the app's LONGRUN_PUBLIC_BASE_URL.
const req = (url: string, headers: Record<string, string> = {}) => toPublicBaseUrl({ url, headers: new Headers(headers) }, getLongrunConfig().LONGRUN_PUBLIC_BASE_URL);

describe('absolute URLs', () => {
  test('use the request URL by default', () => {
    useAppEnv({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', LONGRUN_PUBLIC_BASE_URL: undefined });
    assert.equal(toAbsoluteUrl(req('http://localhost:7071/api/jobs/bake'), 'jobs/1', { token: 'a b' }), 'http://localhost:7071/api/jobs/1?token=a+b');
  });
  test('honour X-Forwarded-Proto and X-Forwarded-Host', () => {
    useAppEnv({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', LONGRUN_PUBLIC_BASE_URL: undefined });
    const url = toAbsoluteUrl(req('http://10.0.0.4/api/x', { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'api.example.com, proxy' }), 'jobs/1');
    assert.equal(url, 'https://api.example.com/api/jobs/1');
  });
  test('LONGRUN_PUBLIC_BASE_URL wins over forwarded headers', () => {
    useAppEnv({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', LONGRUN_PUBLIC_BASE_URL: 'https://longrun.example.com/' });
    const url = toAbsoluteUrl(req('http://x/api/y', { 'x-forwarded-host': 'evil.example' }), 'hooks/2', { token: 't' });
    assert.equal(url, 'https://longrun.example.com/api/hooks/2?token=t');
  });
  test('Retry-After is a whole number of seconds', () => {
    assert.equal(toRetryAfter(2.1), '3');
    assert.equal(toRetryAfter(-4), '0');
  });
});
