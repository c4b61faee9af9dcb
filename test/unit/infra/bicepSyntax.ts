import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Language, Parser, type Node } from 'web-tree-sitter';

// NOTE: tree-sitter-bicep's native addon is not built on this machine; web-tree-sitter runs the
// grammar's prebuilt WebAssembly instead (same grammar, no compiler needed).
const grammarPath = require.resolve('tree-sitter-bicep/tree-sitter-bicep.wasm');

/** One place the grammar could not parse: an ERROR node (unexpected text) or a MISSING token. */
export interface SyntaxProblem {
  readonly kind: 'ERROR' | 'MISSING';
  /** 1-based line of the problem. */
  readonly line: number;
  /** 1-based column of the problem. */
  readonly column: number;
  /** The first characters of the offending text (for MISSING, the token that was expected). */
  readonly excerpt: string;
}

let parserPromise: Promise<Parser> | undefined;

async function loadParser(): Promise<Parser> {
  await Parser.init();
  const language = await Language.load(grammarPath);
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

// NOTE: tree-sitter-bicep 1.1.0 (the latest release) predates Bicep's `extension` statement, which
// replaced `import`/`provider` for extensions such as Microsoft Graph (graph/templates, "Use dynamic
// types"; msgraph-bicep-types quickstart templates). Each `extension <alias>` or `extension '<ref>'`
// line is read as the grammar's older `import '<ref>'` form, so the rest of the file is still checked;
// only that line's columns shift.
const extensionStatement = /^(\s*)extension(\s+)(?:([A-Za-z_][A-Za-z0-9_]*)\b|(?='))/gm;

/** The source with each `extension` statement in the `import` form the grammar knows. */
export function withExtensionsAsImports(source: string): string {
  return source.replace(extensionStatement, (_match, indent: string, gap: string, alias: string | undefined) =>
    alias === undefined ? `${indent}import${gap}` : `${indent}import${gap}'${alias}'`,
  );
}

/** Parses Bicep source into its syntax tree's root node (the parser is loaded once). */
export async function parseBicep(source: string): Promise<Node> {
  parserPromise ??= loadParser();
  const tree = (await parserPromise).parse(withExtensionsAsImports(source));
  if (!tree) throw new Error('tree-sitter-bicep returned no tree');
  return tree.rootNode;
}

/** Every ERROR and MISSING node in the source, in document order; empty when it parses cleanly. */
export async function findSyntaxProblems(source: string): Promise<SyntaxProblem[]> {
  const problems: SyntaxProblem[] = [];
  const visit = (node: Node): void => {
    if (node.isError || node.isMissing) {
      problems.push({
        kind: node.isMissing ? 'MISSING' : 'ERROR',
        line: node.startPosition.row + 1,
        column: node.startPosition.column + 1,
        excerpt: node.isMissing ? node.type : node.text.slice(0, 60),
      });
    }
    for (const child of node.children) if (child) visit(child);
  };
  visit(await parseBicep(source));
  return problems;
}

/** Paths of every `.bicep` file under a folder, recursively, sorted. */
export function listBicepFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.bicep'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
