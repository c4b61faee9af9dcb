import { readFileSync } from 'node:fs';
import type { Node } from 'web-tree-sitter';
import { declarationsOf, type Declaration } from './bicepQuery';
import { parseBicep } from './bicepSyntax';

/** A Bicep file read from disk: its text, syntax tree and top-level declarations. */
export interface BicepFile {
  readonly path: string;
  readonly source: string;
  readonly root: Node;
  readonly declarations: readonly Declaration[];
  /** The declaration of that kind and name; throws when the file has none. */
  get(kind: Declaration['kind'], name: string): Declaration;
  /** Declarations of a kind whose target (resource type or module path) contains the text. */
  withTarget(kind: 'resource' | 'module', contains: string): Declaration[];
}

/** Reads and parses one Bicep file. */
export async function readBicepFile(path: string): Promise<BicepFile> {
  const source = readFileSync(path, 'utf8');
  const root = await parseBicep(source);
  const declarations = declarationsOf(root);
  return {
    path,
    source,
    root,
    declarations,
    get(kind, name) {
      const found = declarations.find((d) => d.kind === kind && d.name === name);
      if (!found) throw new Error(`${path} has no ${kind} named ${name}`);
      return found;
    },
    withTarget(kind, contains) {
      return declarations.filter((d) => d.kind === kind && d.target?.includes(contains));
    },
  };
}
