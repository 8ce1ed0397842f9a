/**
 * A tiny view layer: views are pure functions from state to {@link VNode} trees, so component tests
 * run in Node without a DOM (they read the tree), and {@link mount} turns a tree into real DOM nodes
 * in the page. Text always becomes text nodes, never HTML, so nothing an API returns can inject markup.
 */

/** What an element may carry: attributes (string, number, boolean) and `on*` event handlers. */
export type Props = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

/** A child: a node, text, or nothing (`false`/`null`/`undefined` are skipped, for `cond && h(...)`). */
export type Child = VNode | string | number | false | null | undefined | readonly Child[];

/** An element in a view tree. */
export interface VNode {
  readonly tag: string;
  readonly props: Props;
  readonly children: readonly (VNode | string)[];
}

function flatten(children: readonly Child[], into: (VNode | string)[] = []): (VNode | string)[] {
  for (const child of children) {
    if (child === false || child === null || child === undefined) continue;
    if (Array.isArray(child)) flatten(child, into);
    else if (typeof child === 'number') into.push(String(child));
    else into.push(child as VNode | string);
  }
  return into;
}

/** Creates an element: `h('button', { class: 'primary', onClick }, 'Send')`. */
export function h(tag: string, props: Props | null = null, ...children: Child[]): VNode {
  return { tag, props: props ?? {}, children: flatten(children) };
}

/** The text a tree shows, as `textContent` would give it. */
export function textOf(node: VNode | string): string {
  return typeof node === 'string' ? node : node.children.map(textOf).join('');
}

/** Every node of the tree (depth first) that matches `predicate`. */
export function findAll(node: VNode | string, predicate: (node: VNode) => boolean): VNode[] {
  if (typeof node === 'string') return [];
  const own = predicate(node) ? [node] : [];
  return own.concat(node.children.flatMap((child) => findAll(child, predicate)));
}

/** The node with `data-testid="id"`, or `undefined`. */
export function byTestId(node: VNode, id: string): VNode | undefined {
  return findAll(node, (candidate) => candidate.props['data-testid'] === id)[0];
}

/** Turns a view tree into DOM nodes (browser only). */
export function mount(node: VNode | string): Node {
  if (typeof node === 'string') return document.createTextNode(node);
  const element = document.createElement(node.tag);
  for (const [name, value] of Object.entries(node.props)) {
    if (typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'value' && 'value' in element) {
      // A property, not an attribute: the attribute is only the initial value of inputs.
      (element as HTMLInputElement).value = String(value ?? '');
    } else if (name === 'checked' || name === 'selected' || name === 'disabled') {
      (element as unknown as Record<string, boolean>)[name] = value === true;
    } else if (value !== undefined && value !== false) {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of node.children) element.append(mount(child));
  return element;
}

/** Replaces what `target` shows with the rendered tree. */
export function render(target: Element, node: VNode): void {
  target.replaceChildren(mount(node));
}
