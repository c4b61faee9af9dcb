import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findSyntaxProblems, listBicepFiles, withExtensionsAsImports } from './bicepSyntax';
import { repoPaths } from './repoPaths';

describe('the Bicep syntax check', () => {
  test('reports the broken fixture with the line of its error', async () => {
    const source = readFileSync(join(repoPaths.fixtures, 'broken.bicep'), 'utf8');
    const problems = await findSyntaxProblems(source);
    assert.ok(problems.length > 0, 'the broken fixture must not pass the syntax check');
    const brokenLine = source.split('\n').findIndex((line) => line.includes('owner: =')) + 1;
    assert.ok(
      problems.some((problem) => problem.line === brokenLine),
      `expected a problem on line ${brokenLine}, got ${JSON.stringify(problems)}`,
    );
  });

  test('reports an unclosed array or call as the MISSING token it expected', async () => {
    assert.deepEqual(
      (await findSyntaxProblems("var names = [\n  'jobs'\n")).map((problem) => [problem.kind, problem.excerpt]),
      [['MISSING', ']']],
    );
    assert.deepEqual(
      (await findSyntaxProblems("var name = concat('st', 'x'\n")).map((problem) => [problem.kind, problem.excerpt]),
      [['MISSING', ')']],
    );
  });

  test('passes well-formed Bicep with loops, conditions, interpolation and decorators', async () => {
    const source = [
      "@description('Queues.')",
      "param names array = ['jobs']",
      "resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {",
      "  name: 'st${uniqueString(resourceGroup().id)}'",
      '}',
      "resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [",
      '  for name in names: if (!empty(name)) {',
      "    name: '${account.name}/default/${name}'",
      '  }',
      ']',
    ].join('\n');
    assert.deepEqual(await findSyntaxProblems(source), []);
  });

  test('accepts an extension statement by alias or by registry reference, which the grammar predates', async () => {
    const resource = "resource app 'Microsoft.Graph/applications@v1.0' = {\n  uniqueName: 'x'\n  displayName: 'x'\n}";
    assert.deepEqual(await findSyntaxProblems(`extension microsoftGraphV1\n${resource}\n`), []);
    assert.deepEqual(
      await findSyntaxProblems(`extension 'br:mcr.microsoft.com/bicep/extensions/microsoftgraph/v1.0:1.0.0'\n${resource}\n`),
      [],
    );
    assert.equal(withExtensionsAsImports('extension microsoftGraphV1'), "import 'microsoftGraphV1'");
  });

  test('still reports a broken extension statement and errors after it', async () => {
    assert.ok((await findSyntaxProblems('extension\n')).length > 0, 'an extension statement without a name must not pass');
    const problems = await findSyntaxProblems("extension microsoftGraphV1\nvar name = concat('st', 'x'\n");
    assert.deepEqual(problems.map((problem) => [problem.kind, problem.excerpt]), [['MISSING', ')']]);
  });

  test('finds the fixture among the .bicep files of a folder', () => {
    assert.deepEqual(listBicepFiles(repoPaths.fixtures), [join(repoPaths.fixtures, 'broken.bicep')]);
  });
});
