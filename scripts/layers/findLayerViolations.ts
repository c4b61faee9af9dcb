/** One import between two files of the repository (paths relative to its root, with `/`). */
export interface ImportEdge {
  readonly from: string;
  readonly to: string;
}

/** Why an import breaks the architecture. */
export type LayerViolation =
  | { readonly rule: 'test-import'; readonly from: string; readonly to: string }
  | { readonly rule: 'upward'; readonly from: string; readonly to: string; readonly fromLayer: string; readonly toLayer: string }
  | { readonly rule: 'unlisted'; readonly file: string }
  | { readonly rule: 'browser'; readonly from: string; readonly to: string }
  | { readonly rule: 'cycle'; readonly folders: readonly string[] };

/**
 * The layer a file belongs to: the longest listed folder (or file) that contains it.
 * `layers` runs bottom first; each entry is one layer of one or more folders.
 */
export function toLayerIndex(file: string, layers: readonly (readonly string[])[]): { index: number; folder: string } | undefined {
  let best: { index: number; folder: string } | undefined;
  const path = file.replace(/\.ts$/, '');
  layers.forEach((folders, index) => {
    for (const folder of folders) {
      const inside = path === folder || path.startsWith(`${folder}/`);
      if (inside && (!best || folder.length > best.folder.length)) best = { index, folder };
    }
  });
  return best;
}

/** The folder of `shared/` a file counts in for cycles: `shared/jobs/kinds/x.ts` -> `shared/jobs`. */
export function toSharedFolder(file: string): string | undefined {
  const parts = file.split('/');
  if (parts[0] !== 'shared' || parts.length < 2) return undefined;
  return parts.length === 2 ? file.replace(/\.ts$/, '') : `${parts[0]}/${parts[1]}`;
}

/** Folder cycles in the graph of `shared/` folders, each as the folders on the loop (Tarjan's SCCs of size > 1). */
export function findFolderCycles(edges: readonly ImportEdge[]): string[][] {
  const graph = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    const a = toSharedFolder(from);
    const b = toSharedFolder(to);
    if (!a || !b || a === b) continue;
    if (!graph.has(a)) graph.set(a, new Set());
    if (!graph.has(b)) graph.set(b, new Set());
    graph.get(a)?.add(b);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next++;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(target) ?? 0));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(target) ?? 0));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    for (;;) {
      const member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
      if (member === node) break;
    }
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles;
}

/**
 * Every import that breaks the documented architecture: deployed code (`deployed` folders) that
 * imports test code, an import from a lower layer up to a higher one or sideways into another
 * folder of the same layer, a deployed file in no listed layer, cycles between folders of `shared/`,
 * and an import across the border of the browser code (`browser` folders: they import nothing of
 * the server, and nothing but tests imports them).
 */
export function findLayerViolations(
  files: readonly string[],
  edges: readonly ImportEdge[],
  layers: readonly (readonly string[])[],
  deployed: readonly string[] = ['functions', 'shared'],
  browser: readonly string[] = ['console'],
): LayerViolation[] {
  const violations: LayerViolation[] = [];
  const isDeployed = (f: string) => deployed.some((d) => f.startsWith(`${d}/`));
  const inBrowser = (f: string) => browser.some((b) => f.startsWith(`${b}/`));
  for (const file of files) {
    if (isDeployed(file) && !toLayerIndex(file, layers)) violations.push({ rule: 'unlisted', file });
  }
  for (const edge of edges) {
    if (inBrowser(edge.from) !== inBrowser(edge.to) && !edge.from.startsWith('test/')) {
      violations.push({ rule: 'browser', from: edge.from, to: edge.to });
      continue;
    }
    if (isDeployed(edge.from) && edge.to.startsWith('test/')) {
      violations.push({ rule: 'test-import', from: edge.from, to: edge.to });
      continue;
    }
    const from = toLayerIndex(edge.from, layers);
    const to = toLayerIndex(edge.to, layers);
    if (!from || !to || from.folder === to.folder) continue;
    if (to.index >= from.index) {
      violations.push({ rule: 'upward', from: edge.from, to: edge.to, fromLayer: from.folder, toLayer: to.folder });
    }
  }
  for (const folders of findFolderCycles(edges)) violations.push({ rule: 'cycle', folders });
  return violations;
}
