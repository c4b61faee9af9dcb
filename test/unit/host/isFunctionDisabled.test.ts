import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isFunctionDisabled } from '../../../test/host/isFunctionDisabled';

describe('isFunctionDisabled: the AzureWebJobs.<name>.Disabled app setting', () => {
  test('true or 1, in any case, disables the named function and no other', () => {
    for (const value of ['true', 'True', 'TRUE', '1', ' true ']) {
      assert.equal(isFunctionDisabled('jobsWorker', { 'AzureWebJobs.jobsWorker.Disabled': value }), true, value);
    }
    assert.equal(isFunctionDisabled('startJob', { 'AzureWebJobs.jobsWorker.Disabled': 'true' }), false);
  });

  test('the setting\'s name is matched without regard to case, as the host reads settings', () => {
    assert.equal(isFunctionDisabled('jobsWorker', { 'azurewebjobs.JOBSWORKER.disabled': 'true' }), true);
  });

  test('absent, false, 0 or anything else leaves the function enabled', () => {
    for (const value of [undefined, 'false', '0', '', 'yes']) {
      assert.equal(isFunctionDisabled('jobsWorker', { 'AzureWebJobs.jobsWorker.Disabled': value }), false, String(value));
    }
    assert.equal(isFunctionDisabled('jobsWorker', {}), false);
  });
});
