import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findFolderCycles, findLayerViolations, toLayerIndex } from '../../../scripts/layers/findLayerViolations';
import { readLayerOrder } from '../../../scripts/layers/readLayerOrder';

const layers = [['shared/model', 'shared/config'], ['shared/storage'], ['shared/jobs'], ['functions']];

describe('the layer check (npm run check:layers)', () => {
  test('an import down the order, or inside one folder, is allowed', () => {
    const files = ['functions/a.ts', 'shared/jobs/x.ts', 'shared/jobs/y.ts', 'shared/model/Job.ts'];
    const edges = [
      { from: 'functions/a.ts', to: 'shared/jobs/x.ts' },
      { from: 'shared/jobs/x.ts', to: 'shared/jobs/y.ts' },
      { from: 'shared/jobs/y.ts', to: 'shared/model/Job.ts' },
    ];
    assert.deepEqual(findLayerViolations(files, edges, layers), []);
  });

  test('an import up the order is refused and names both files', () => {
    const violations = findLayerViolations(['shared/storage/JobStore.ts', 'shared/jobs/Job.ts'], [{ from: 'shared/storage/JobStore.ts', to: 'shared/jobs/Job.ts' }], layers);
    assert.deepEqual(violations, [{ rule: 'upward', from: 'shared/storage/JobStore.ts', to: 'shared/jobs/Job.ts', fromLayer: 'shared/storage', toLayer: 'shared/jobs' }]);
  });

  test('an import sideways into another folder of the same layer is refused', () => {
    const violations = findLayerViolations([], [{ from: 'shared/config.ts', to: 'shared/model/Job.ts' }], layers);
    assert.equal(violations[0]?.rule, 'upward');
  });

  test('deployed code that imports test code is refused; scripts may', () => {
    const edges = [
      { from: 'shared/jobs/x.ts', to: 'test/support/azurite.ts' },
      { from: 'scripts/start.ts', to: 'test/support/azurite.ts' },
    ];
    assert.deepEqual(findLayerViolations([], edges, layers), [{ rule: 'test-import', from: 'shared/jobs/x.ts', to: 'test/support/azurite.ts' }]);
  });

  test('browser code (console/) imports nothing of the server and only tests import it', () => {
    const edges = [
      { from: 'console/src/main.ts', to: 'console/src/Shell.ts' },
      { from: 'console/src/views/JobsPage.ts', to: 'shared/model/Job.ts' },
      { from: 'functions/console.ts', to: 'console/src/readRoute.ts' },
      { from: 'test/unit/console/Poller.test.ts', to: 'console/src/live/Poller.ts' },
    ];
    assert.deepEqual(findLayerViolations([], edges, layers), [
      { rule: 'browser', from: 'console/src/views/JobsPage.ts', to: 'shared/model/Job.ts' },
      { rule: 'browser', from: 'functions/console.ts', to: 'console/src/readRoute.ts' },
    ]);
  });

  test('a deployed file in no documented layer is refused', () => {
    assert.deepEqual(findLayerViolations(['shared/misc/thing.ts'], [], layers), [{ rule: 'unlisted', file: 'shared/misc/thing.ts' }]);
  });

  test('folders of shared/ that import each other in a loop are one cycle, whatever the layers say', () => {
    const edges = [
      { from: 'shared/a/x.ts', to: 'shared/b/y.ts' },
      { from: 'shared/b/y.ts', to: 'shared/c/z.ts' },
      { from: 'shared/c/z.ts', to: 'shared/a/w.ts' },
      { from: 'shared/c/z.ts', to: 'shared/d/v.ts' },
    ];
    assert.deepEqual(findFolderCycles(edges), [['shared/a', 'shared/b', 'shared/c']]);
    assert.deepEqual(findFolderCycles(edges.slice(0, 2)), []);
  });

  test('a file of shared/ counts in its first-level folder; a top-level file is its own folder', () => {
    assert.deepEqual(toLayerIndex('shared/config.ts', layers), { index: 0, folder: 'shared/config' });
    assert.deepEqual(toLayerIndex('shared/jobs/kinds/bake.ts', layers), { index: 2, folder: 'shared/jobs' });
  });

  test('the order is read from the documented list, top first, and returned bottom first', () => {
    const doc = 'intro\n<!-- layers:top -->\n1. `functions/` entry points\n2. `shared/jobs`\n3. `shared/model/` and `shared/config`\n<!-- layers:bottom -->\n';
    assert.deepEqual(readLayerOrder(doc), [['shared/model', 'shared/config'], ['shared/jobs'], ['functions']]);
    assert.throws(() => readLayerOrder('no list here'), /layers:top/);
  });
});
