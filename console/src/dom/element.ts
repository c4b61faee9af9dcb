/** A child of {@link element}: text becomes a text node (never markup), nullish and false are skipped. */
export type Child = Node | string | number | null | undefined | false;

/** Attributes and properties an element may be given; data goes in as text only. */
export interface ElementProps {
  readonly className?: string;
  readonly id?: string;
  readonly attrs?: Readonly<Record<string, string>>;
}

/**
 * Builds a DOM element. Strings are appended as text nodes, so data from outside (job results,
 * event bodies, workflow headers, receiver answers) is never parsed as HTML: the console has no
 * innerHTML anywhere.
 */
export function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: ElementProps = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.id) node.id = props.id;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'number' ? String(child) : child);
  }
  return node;
}
