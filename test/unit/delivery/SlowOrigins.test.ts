import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SlowOrigins, toOrigin } from '../../../shared/delivery/SlowOrigins';

/** A clock the test moves by hand. */
function clock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let at = start;
  return { now: () => at, advance: (ms) => (at += ms) };
}

describe('SlowOrigins', () => {
  test('an origin is slow from its mark until the window has passed, then no longer', () => {
    const time = clock();
    const origins = new SlowOrigins(60_000, 10, time.now);
    assert.equal(origins.has('https://a.example'), false);
    origins.remember('https://a.example');
    time.advance(59_999);
    assert.equal(origins.has('https://a.example'), true);
    time.advance(1);
    assert.equal(origins.has('https://a.example'), false);
    assert.equal(origins.size, 0, 'an expired mark is dropped when looked at');
  });

  test('a new mark restarts the window', () => {
    const time = clock();
    const origins = new SlowOrigins(60_000, 10, time.now);
    origins.remember('https://a.example');
    time.advance(50_000);
    origins.remember('https://a.example');
    time.advance(50_000);
    assert.equal(origins.has('https://a.example'), true);
  });

  test('forgetting an origin (it answered within the budget) clears its mark at once', () => {
    const origins = new SlowOrigins();
    origins.remember('https://a.example');
    origins.forget('https://a.example');
    assert.equal(origins.has('https://a.example'), false);
  });

  test('marks are per origin: another port or scheme of the same host is not slow', () => {
    const origins = new SlowOrigins();
    origins.remember('https://a.example');
    assert.equal(origins.has('https://a.example:8443'), false);
    assert.equal(origins.has('http://a.example'), false);
    assert.equal(origins.has('https://b.example'), false);
  });

  test('past its size the memory drops the oldest mark, and a renewed mark counts as the newest', () => {
    const origins = new SlowOrigins(60_000, 3);
    for (const name of ['a', 'b', 'c']) origins.remember(`https://${name}.example`);
    origins.remember('https://a.example');
    origins.remember('https://d.example');
    assert.equal(origins.size, 3);
    assert.equal(origins.has('https://b.example'), false, 'the oldest mark was dropped');
    for (const name of ['a', 'c', 'd']) assert.equal(origins.has(`https://${name}.example`), true, name);
  });
});

describe('toOrigin', () => {
  test('is the scheme, host and port of a callback URL, without its path, query (sig=) or user info', () => {
    assert.equal(toOrigin('https://prod-00.westeurope.logic.azure.com:443/workflows/w/runs/r/run?api-version=2016-10-01&sig=secret'), 'https://prod-00.westeurope.logic.azure.com');
    assert.equal(toOrigin('http://127.0.0.1:7071/x?sig=secret'), 'http://127.0.0.1:7071');
    assert.equal(toOrigin('https://user:pass@a.example/x'), 'https://a.example');
  });

  test('is undefined for a URL that does not parse or has no network origin', () => {
    assert.equal(toOrigin('not a url'), undefined);
    assert.equal(toOrigin('data:text/plain,hello'), undefined);
  });
});
