import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRepoRoot(start: string): string {
  let folder = start;
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`no package.json above ${start}`);
    folder = parent;
  }
  return folder;
}

// NOTE: tests run compiled from dist/test/...; the Bicep files and fixtures are not copied there,
// so paths are resolved from the repository root (the first folder up with a package.json).
const root = findRepoRoot(__dirname);

/** Absolute paths of the files the infrastructure tests read. */
export const repoPaths = {
  root,
  infra: join(root, 'infra'),
  mainBicep: join(root, 'infra', 'main.bicep'),
  apiBicep: join(root, 'infra', 'app', 'api.bicep'),
  rbacBicep: join(root, 'infra', 'app', 'rbac.bicep'),
  storageEntitiesBicep: join(root, 'infra', 'app', 'storage-entities.bicep'),
  entraBicep: join(root, 'infra', 'app', 'entra.bicep'),
  alertsBicep: join(root, 'infra', 'app', 'alerts.bicep'),
  telemetrySource: join(root, 'shared', 'telemetry'),
  bicepConfig: join(root, 'infra', 'bicepconfig.json'),
  funcignore: join(root, '.funcignore'),
  parameters: join(root, 'infra', 'main.parameters.json'),
  abbreviations: join(root, 'infra', 'abbreviations.json'),
  infraReadme: join(root, 'infra', 'README.md'),
  azureYaml: join(root, 'azure.yaml'),
  configSource: join(root, 'shared', 'config.ts'),
  fixtures: join(root, 'test', 'unit', 'infra', 'fixtures'),
} as const;
