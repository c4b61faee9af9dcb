import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readBicepFile, type BicepFile } from './bicepFile';
import { identifiersIn, property, propertyPath, stringValue } from './bicepQuery';
import { repoPaths } from './repoPaths';

// Azure built-in role ids (learn.microsoft.com/azure/role-based-access-control/built-in-roles).
const roles = {
  'Storage Blob Data Owner': 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
  'Storage Queue Data Contributor': '974c5e8b-45b9-4653-ba55-5f855dd0fb88',
  'Storage Table Data Contributor': '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
  'Monitoring Metrics Publisher': '3913510d-42f4-4e42-8a64-420c390055eb',
  'Key Vault Secrets User': '4633458b-17de-408a-b874-0445c86b69e6',
} as const;
const storageRoles = ['Storage Blob Data Owner', 'Storage Queue Data Contributor', 'Storage Table Data Contributor'] as const;

/** Names a declaration reaches through vars: a loop over `storageRoles` reaches the vars it lists. */
function reachableNames(file: BicepFile, start: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const pending = [...start];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const declared = file.declarations.find((d) => d.kind === 'var' && d.name === name);
    if (declared) pending.push(...identifiersIn(declared.value));
  }
  return seen;
}

/** The role ids a roleAssignments resource assigns, and its principal's expression. */
function assignmentsOf(file: BicepFile): { name: string; roleIds: Set<string>; principal: string; conditional: boolean }[] {
  return file.withTarget('resource', 'Microsoft.Authorization/roleAssignments@').map((assignment) => {
    const used = [...identifiersIn(assignment.value), ...(assignment.iterable ? identifiersIn(assignment.iterable) : [])];
    const roleIds = new Set<string>();
    for (const name of reachableNames(file, used)) {
      const id = stringValue(file.declarations.find((d) => d.kind === 'var' && d.name === name)?.value);
      if (id) roleIds.add(id);
    }
    return {
      name: assignment.name,
      roleIds,
      principal: propertyPath(assignment.value, ['properties', 'principalId'])?.text ?? '',
      conditional: assignment.value?.parent?.type === 'if_statement',
    };
  });
}

describe('role assignments', () => {
  test('the identity gets Blob Data Owner, Queue and Table Data Contributor on the account, Metrics Publisher and Key Vault Secrets User', async () => {
    const file = await readBicepFile(repoPaths.rbacBicep);
    const granted = new Set(
      assignmentsOf(file)
        .filter((a) => a.principal === 'identityPrincipalId')
        .flatMap((a) => [...a.roleIds]),
    );
    for (const [role, id] of Object.entries(roles)) assert.ok(granted.has(id), `the identity lacks ${role} (${id})`);
  });

  test('each role id is named in the comment right above it', async () => {
    const file = await readBicepFile(repoPaths.rbacBicep);
    const lines = file.source.split('\n');
    for (const [role, id] of Object.entries(roles)) {
      let at = lines.findIndex((line) => line.includes(id));
      assert.ok(at > 0, `${id} is not in rbac.bicep`);
      const comment: string[] = [];
      while (lines[at - 1]?.trimStart().startsWith('//')) comment.unshift(lines[--at]!);
      assert.ok(comment.join('\n').includes(role), `${id} must be preceded by a comment naming ${role}`);
    }
  });

  test('the deploying principal gets the three storage data roles only when principalId is given', async () => {
    const file = await readBicepFile(repoPaths.rbacBicep);
    const forUser = assignmentsOf(file).filter((a) => a.principal === 'userPrincipalId');
    assert.ok(forUser.length > 0, 'no assignment for the deploying principal');
    assert.ok(forUser.every((a) => a.conditional), 'user assignments must be conditional on principalId');
    const granted = new Set(forUser.flatMap((a) => [...a.roleIds]));
    assert.deepEqual([...granted].sort(), storageRoles.map((role) => roles[role]).sort());
  });

  test('identity assignments name their principal type so a new identity is not looked up too early', async () => {
    const file = await readBicepFile(repoPaths.rbacBicep);
    for (const assignment of file.withTarget('resource', 'Microsoft.Authorization/roleAssignments@')) {
      assert.ok(propertyPath(assignment.value, ['properties', 'principalType']), `${assignment.name} has no principalType`);
      assert.ok(property(assignment.value, 'scope'), `${assignment.name} must be scoped to a resource, not the group`);
    }
  });
});
