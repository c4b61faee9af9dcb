import assert from 'node:assert/strict';
import type { Node } from 'web-tree-sitter';
import { readBicepFile, type BicepFile } from './bicepFile';
import { identifiersIn, property, propertyKeys } from './bicepQuery';
import { repoPaths } from './repoPaths';

/** How callers authenticate: main.bicep's entraAuth false ('key') or true ('entra'). */
export type AuthMode = 'key' | 'entra';

/** api.bicep and the params of its one avm/res/web/site module. */
export async function siteParams(): Promise<{ file: BicepFile; params: Node | undefined }> {
  const file = await readBicepFile(repoPaths.apiBicep);
  const [site, ...others] = file.withTarget('module', 'avm/res/web/site:');
  assert.ok(site && others.length === 0, 'api.bicep must create exactly one site');
  return { file, params: property(site.value, 'params') };
}

/** The object a settings var stands for in a mode: `entraAuth ? a : b` is a with entraAuth, b without. */
function settingsObject(file: BicepFile, name: string, mode: AuthMode): Node | undefined {
  const value = file.get('var', name).value;
  if (value?.type !== 'ternary_expression') return value;
  assert.equal(value.childForFieldName('condition')?.text, 'entraAuth', `${name} may depend on entraAuth only`);
  const chosen = value.childForFieldName(mode === 'entra' ? 'consequence' : 'alternative');
  assert.equal(chosen?.type, 'identifier', `${name} must choose between two settings vars`);
  return settingsObject(file, chosen.text, mode);
}

/** The app settings in a mode: `appSettingsKeyValuePairs: union(a, b, ...)` read through the vars a, b, ... */
export async function appSettings(mode: AuthMode): Promise<Map<string, Node>> {
  const { file, params } = await siteParams();
  const value = property(params, 'appSettingsKeyValuePairs');
  assert.equal(value?.type, 'call_expression');
  assert.equal(value?.childForFieldName('function')?.text, 'union');
  const settings = new Map<string, Node>();
  for (const part of identifiersIn(value?.childForFieldName('arguments') ?? undefined)) {
    const object = settingsObject(file, part, mode);
    assert.equal(object?.type, 'object', `${part} must be an object of settings`);
    for (const key of propertyKeys(object)) {
      assert.ok(!settings.has(key), `${key} is set twice`);
      settings.set(key, property(object, key)!);
    }
  }
  return settings;
}
