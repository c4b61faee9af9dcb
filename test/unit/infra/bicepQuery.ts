import type { Node } from 'web-tree-sitter';

/** A top-level Bicep declaration, as the tests need to see it. */
export interface Declaration {
  readonly kind: 'param' | 'var' | 'resource' | 'module' | 'output';
  readonly name: string;
  /** Resource type with API version, or module path; absent for param, var and output. */
  readonly target?: string;
  /** Names of the decorators written above it (`description`, `allowed`, ...). */
  readonly decorators: readonly string[];
  /** The first argument of each decorator by name: `@allowed([...])` gives the array node. */
  readonly decoratorArguments: ReadonlyMap<string, Node | undefined>;
  /** True for `resource x '...' existing = {...}`. */
  readonly existing: boolean;
  /** The value: the object of a resource or module (inside any `for`/`if`), the expression, or a parameter's default. */
  readonly value: Node | undefined;
  /** For a `for` loop: the expression it iterates over. */
  readonly iterable: Node | undefined;
  /** For `= if (c) {...}`: the condition `c`, without its parentheses. */
  readonly condition: Node | undefined;
}

const kinds: Record<string, Declaration['kind']> = {
  parameter_declaration: 'param',
  variable_declaration: 'var',
  resource_declaration: 'resource',
  module_declaration: 'module',
  output_declaration: 'output',
};

function named(node: Node): Node[] {
  return node.namedChildren.filter((child): child is Node => child !== null);
}

function decoratorsOf(node: Node): Map<string, Node | undefined> {
  let previous = node.previousNamedSibling;
  while (previous?.type === 'comment') previous = previous.previousNamedSibling;
  const found = new Map<string, Node | undefined>();
  if (previous?.type !== 'decorators') return found;
  for (const decorator of named(previous)) {
    const call = named(decorator)[0];
    const args = call?.childForFieldName('arguments');
    found.set(call?.childForFieldName('function')?.text ?? '', args ? named(args)[0] : undefined);
  }
  return found;
}

/** Unwraps `[for x in list: if (c) {...}]` down to the object, remembering the list and the condition. */
function unwrapLoop(node: Node | undefined): { value: Node | undefined; iterable: Node | undefined; condition: Node | undefined } {
  let value = node;
  let iterable: Node | undefined;
  let condition: Node | undefined;
  if (value?.type === 'for_statement') {
    const body = value.childForFieldName('body') ?? undefined;
    const initializer = value.childForFieldName('initializer');
    // NOTE: the grammar names the loop variable (`initializer`) and the `body`, not the list.
    iterable = named(value).find((part) => part.id !== body?.id && part.id !== initializer?.id);
    value = body;
  }
  if (value?.type === 'if_statement') {
    const parenthesized = named(value).find((part) => part.type === 'parenthesized_expression');
    condition = parenthesized ? named(parenthesized)[0] : undefined;
    value = named(value).find((part) => part.type === 'object');
  }
  return { value, iterable, condition };
}

/** Every top-level declaration of a parsed Bicep file, in order. */
export function declarationsOf(root: Node): Declaration[] {
  return named(root).flatMap((node): Declaration[] => {
    const kind = kinds[node.type];
    if (!kind) return [];
    const parts = named(node);
    const target = kind === 'resource' || kind === 'module' ? parts.find((p) => p.type === 'string') : undefined;
    const { value, iterable, condition } = unwrapLoop(parts[parts.length - 1]);
    const decorators = decoratorsOf(node);
    return [
      {
        kind,
        name: parts[0]?.text ?? '',
        ...(target ? { target: stringValue(target) ?? target.text } : {}),
        decorators: [...decorators.keys()],
        decoratorArguments: decorators,
        existing: node.children.some((child) => child?.type === 'existing'),
        // NOTE: a parameter is `param name type [= default]`: its value is the default, never the type.
        value: parts.length > (kind === 'param' ? 2 : 1) ? value : undefined,
        iterable,
        condition,
      },
    ];
  });
}

/** The text of a string literal without interpolation; undefined for anything else. */
export function stringValue(node: Node | undefined): string | undefined {
  if (node?.type !== 'string') return undefined;
  const parts = named(node);
  if (parts.some((part) => part.type !== 'string_content' && part.type !== 'escape_sequence')) return undefined;
  return parts.map((part) => (part.type === 'escape_sequence' ? part.text.slice(1) : part.text)).join('');
}

/** The value of `key:` in an object node; undefined when the node is no object or lacks the key. */
export function property(object: Node | undefined, key: string): Node | undefined {
  if (object?.type !== 'object') return undefined;
  for (const entry of named(object)) {
    if (entry.type !== 'object_property') continue;
    const [name, value] = named(entry);
    if (name && (stringValue(name) ?? name.text) === key) return value;
  }
  return undefined;
}

/** Follows a path of keys through nested objects: `propertyPath(site, ['functionAppConfig', 'runtime'])`. */
export function propertyPath(object: Node | undefined, path: readonly string[]): Node | undefined {
  return path.reduce<Node | undefined>((node, key) => property(node, key), object);
}

/** The keys of an object node, in order. */
export function propertyKeys(object: Node | undefined): string[] {
  if (object?.type !== 'object') return [];
  return named(object)
    .filter((entry) => entry.type === 'object_property')
    .map((entry) => {
      const name = named(entry)[0];
      return name ? (stringValue(name) ?? name.text) : '';
    });
}

/** The string literals of an array node; undefined entries for elements that are not literals. */
export function arrayStrings(array: Node | undefined): (string | undefined)[] {
  if (array?.type !== 'array') return [];
  return named(array).map((element) => stringValue(element));
}

/** Every identifier used in a subtree (names of params, vars, resources and modules it refers to). */
export function identifiersIn(node: Node | undefined): Set<string> {
  const names = new Set<string>();
  const visit = (current: Node): void => {
    if (current.type === 'identifier') names.add(current.text);
    for (const child of named(current)) visit(child);
  };
  if (node) visit(node);
  return names;
}

/** Every call of a function by name in a subtree, e.g. `callsOf(root, 'listKeys')`. */
export function callsOf(node: Node, functionName: string): Node[] {
  return node
    .descendantsOfType('call_expression')
    .filter((call): call is Node => call?.childForFieldName('function')?.text === functionName);
}
