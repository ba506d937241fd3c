// The few DOM helpers the page needs instead of a framework. Text always goes in as text (never as HTML): a claims
// file's handles and notes are written by other people.

type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child);
  }
  return node;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`page is missing #${id}`);
  return node as T;
}

/** Shows `text` in the `role=alert` element `id` (or hides it when empty). */
export function say(id: string, text: string, kind: "error" | "ok" | "info" = "error"): void {
  const node = byId(id);
  node.textContent = text;
  node.dataset.kind = kind;
  node.hidden = text === "";
}
