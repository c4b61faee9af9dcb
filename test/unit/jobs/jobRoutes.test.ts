import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadApp } from '../../host/loadApp';
import { toHttpRoutes } from '../../host/router';
import { REPO_ROOT } from '../../support/longrunHost';

describe('job routes of the built app', () => {
  test('the cancellation URL is GET jobs/{id}/cancellation, anonymous, and the stand-in host accepts it beside every other route', () => {
    // toHttpRoutes throws when two routes could match one request for a common method.
    const routes = toHttpRoutes(loadApp(REPO_ROOT), 'api');
    const describeRoute = (name: string) => {
      const route = routes.find((r) => r.functionName === name);
      return route && `${route.methods.join(',')} ${route.template.text} ${route.authLevel}`;
    };
    assert.equal(describeRoute('getJobCancellation'), 'GET api/jobs/{id}/cancellation anonymous');
    assert.equal(describeRoute('subscribeJob'), 'POST api/jobs/{kind}/subscribe function');
    assert.equal(describeRoute('getJob'), 'GET api/jobs/{id} anonymous');
  });

  test('the job management routes live under manage/ behind the function key, beside every other route', () => {
    const routes = toHttpRoutes(loadApp(REPO_ROOT), 'api');
    const describeRoute = (name: string) => {
      const route = routes.find((r) => r.functionName === name);
      return route && `${route.methods.join(',')} ${route.template.text} ${route.authLevel}`;
    };
    assert.equal(describeRoute('listJobs'), 'GET api/manage/jobs function');
    assert.equal(describeRoute('getManagedJob'), 'GET api/manage/jobs/{id} function');
    assert.equal(describeRoute('getManagedJobResult'), 'GET api/manage/jobs/{id}/result function');
    assert.equal(describeRoute('cancelManagedJob'), 'POST api/manage/jobs/{id}/cancel function');
  });
});
