/**
 * The layer order as docs/ARCHITECTURE.md documents it: the list between the markers
 * `<!-- layers:top -->` and `<!-- layers:bottom -->`, one layer per item, top first, each item
 * naming its folders (or files, without `.ts`) in backticks. Returned bottom first.
 */
export function readLayerOrder(markdown: string): string[][] {
  const start = markdown.indexOf('<!-- layers:top -->');
  const end = markdown.indexOf('<!-- layers:bottom -->');
  if (start < 0 || end < start) throw new Error('docs/ARCHITECTURE.md has no <!-- layers:top --> … <!-- layers:bottom --> list');
  const layers = markdown
    .slice(start, end)
    .split('\n')
    .filter((line) => /^\s*[-*\d]/.test(line))
    .map((line) => [...line.matchAll(/`([^`]+)`/g)].map((m) => (m[1] ?? '').replace(/\/$/, '')).filter((p) => /^[a-z]/.test(p)))
    .filter((folders) => folders.length > 0);
  if (layers.length < 2) throw new Error('the layer list in docs/ARCHITECTURE.md names fewer than two layers');
  return layers.reverse();
}
