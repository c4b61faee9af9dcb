import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { matchRouteTemplate, parseRouteTemplate, satisfiesConstraint } from '../../host/routeTemplate';

const match = (template: string, path: string) => matchRouteTemplate(parseRouteTemplate(template), path.split('/').filter(Boolean));

describe('routeTemplate', () => {
  test('parameters are filled and decoded; literals match case-insensitively', () => {
    assert.deepEqual(match('api/jobs/{id}', '/API/Jobs/a%20b'), { id: 'a b' });
    assert.equal(match('api/jobs/{id}', '/api/jobs'), undefined);
    assert.equal(match('api/jobs/{id}', '/api/jobs/1/2'), undefined);
  });

  test('optional and default parameters may be missing at the end', () => {
    assert.deepEqual(match('api/hooks/{id?}', '/api/hooks'), {});
    assert.deepEqual(match('api/hooks/{id?}', '/api/hooks/7'), { id: '7' });
    assert.deepEqual(match('api/page/{n=1}', '/api/page'), { n: '1' });
  });

  test('a catch-all takes the rest of the path, possibly empty', () => {
    assert.deepEqual(match('api/files/{*path}', '/api/files/a/b'), { path: 'a/b' });
    assert.deepEqual(match('api/files/{*path}', '/api/files'), { path: '' });
  });

  test('int, guid and alpha constraints behave like ASP.NET Core; unknown ones are plain', () => {
    assert.deepEqual(match('api/n/{id:int}', '/api/n/-12'), { id: '-12' });
    assert.equal(match('api/n/{id:int}', '/api/n/99999999999'), undefined);
    assert.equal(satisfiesConstraint('guid', '6f9619ff-8b86-d011-b42d-00cf4fc964ff'), true);
    assert.equal(satisfiesConstraint('guid', '6f9619ff8b86d011b42d00cf4fc964ff'), true);
    assert.equal(satisfiesConstraint('guid', 'not-a-guid'), false);
    assert.equal(satisfiesConstraint('alpha', 'abcXYZ'), true);
    assert.equal(satisfiesConstraint('alpha', 'abc1'), false);
    assert.deepEqual(match('api/k/{kind:minlength(3)}', '/api/k/x'), { kind: 'x' });
  });

  test('templates the stand-in cannot route are refused', () => {
    assert.throws(() => parseRouteTemplate('api/{a}.{b}'), /mixes text and parameters/);
    assert.throws(() => parseRouteTemplate('api/{*rest}/more'), /catch-all/);
    assert.throws(() => parseRouteTemplate('api/{a?}/more'), /optional/);
  });
});
