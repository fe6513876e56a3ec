// Builds DOM nodes from data with textContent only: names come from users, never as HTML.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") node.className = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export const status = (value) => el("span", { class: "status", "data-status": value }, (value ?? "").replaceAll("_", " "));

export function when(iso) {
  if (!iso) return "—";
  const date = new Date(iso);
  return date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export const short = (uuid) => (uuid ?? "").slice(0, 8);

/** Briefly highlights the row of `key`, so a change made elsewhere is noticed. */
export function flash(root, key) {
  const row = key && root.querySelector(`tr[data-key="${CSS.escape(key)}"]`);
  if (!row) return;
  row.classList.remove("flash");
  void row.offsetWidth;
  row.classList.add("flash");
}
