import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeRouteOverlap, findRouteOverlaps, templatesOverlap } from '../../host/routeOverlap';
import { parseRouteTemplate } from '../../host/routeTemplate';

const overlap = (a: string, b: string): boolean => templatesOverlap(parseRouteTemplate(a), parseRouteTemplate(b));

describe('routeOverlap', () => {
  test('a parameter and a literal in the same place overlap (jobs/{kind} and jobs/list)', () => {
    assert.equal(overlap('api/jobs/{kind}', 'api/jobs/list'), true);
  });

  test('routes of different lengths do not overlap (jobs/{kind} and jobs/{kind}/subscribe)', () => {
    assert.equal(overlap('api/jobs/{kind}', 'api/jobs/{kind}/subscribe'), false);
    assert.equal(overlap('api/jobs/{kind}/subscribe', 'api/jobs/{kind}/unsubscribe'), false);
  });

  test('literals compare case-insensitively', () => {
    assert.equal(overlap('api/Health', 'api/health'), true);
    assert.equal(overlap('api/health', 'api/openapi.json'), false);
  });

  test('a constraint the literal cannot satisfy keeps routes apart', () => {
    assert.equal(overlap('api/jobs/{id:int}', 'api/jobs/list'), false);
    assert.equal(overlap('api/jobs/{id:int}', 'api/jobs/42'), true);
    assert.equal(overlap('api/jobs/{id:guid}', 'api/jobs/{kind:alpha}'), true);
    assert.equal(overlap('api/jobs/{id:int}', 'api/jobs/{kind:alpha}'), false);
  });

  test('an optional parameter overlaps the shorter route, a catch-all overlaps everything below it', () => {
    assert.equal(overlap('api/hooks/{id?}', 'api/hooks'), true);
    assert.equal(overlap('api/files/{*rest}', 'api/files/a/b/c'), true);
    assert.equal(overlap('api/files/{*rest}', 'api/other/a'), false);
  });

  test('findRouteOverlaps reports only pairs that share a method, and the message names both functions and routes', () => {
    const found = findRouteOverlaps([
      { functionName: 'jobsStart', route: 'api/jobs/{kind}', methods: ['POST'] },
      { functionName: 'jobsList', route: 'api/jobs/list', methods: ['get', 'post'] },
      { functionName: 'jobsStatus', route: 'api/jobs/{id}', methods: ['GET', 'DELETE'] },
    ]);
    assert.equal(found.length, 2);
    const [first, second] = found;
    assert.deepEqual([first?.first.functionName, first?.second.functionName, first?.methods], ['jobsStart', 'jobsList', ['POST']]);
    assert.deepEqual([second?.first.functionName, second?.second.functionName, second?.methods], ['jobsList', 'jobsStatus', ['GET']]);
    const message = describeRouteOverlap(first!);
    for (const part of ['jobsStart', 'jobsList', 'api/jobs/{kind}', 'api/jobs/list', 'POST']) assert.ok(message.includes(part), part);
  });
});
