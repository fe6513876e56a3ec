// Keyed state: the latest item per event key (`aip:<uuid>` → item), as the browser client's
// keyed-state helper keeps it. Tables render from these maps; events and API loads both write them.

export class Keyed {
  #items = new Map();
  #listeners = new Set();

  get(key) { return this.#items.get(key); }
  /** The items whose key starts with `prefix` ("aip:"). */
  valuesOf(prefix) { return [...this.#items].filter(([key]) => key.startsWith(prefix)).map(([, item]) => item); }
  has(key) { return this.#items.has(key); }

  /** Replaces everything (an API list load); keys of the same prefix not in `items` go. */
  reset(prefix, items, keyOf) {
    for (const key of [...this.#items.keys()]) if (key.startsWith(prefix)) this.#items.delete(key);
    for (const item of items) this.#items.set(keyOf(item), item);
    this.#notify(null);
  }

  set(key, item) {
    this.#items.set(key, item);
    this.#notify(key);
  }

  subscribe(listener) { this.#listeners.add(listener); return () => this.#listeners.delete(listener); }

  #notify(key) { for (const l of this.#listeners) l(key); }
}
