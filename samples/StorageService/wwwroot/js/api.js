// The storage REST API with the signed-in user's JWT. A 403 means "not for you", not an error.

export class Api {
  #token;
  constructor(token) { this.#token = token; }

  async get(path) {
    const response = await fetch(path, { headers: { Authorization: `Bearer ${this.#token}` } });
    if (response.status === 403) return { denied: true, items: [] };
    if (response.status === 401) throw new Error("unauthorized");
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return { denied: false, items: await response.json() };
  }
}

/** Calls `fn` once things have been quiet for `wait` ms, and at least every `max` ms while busy. */
export function debounce(fn, wait = 400, max = 2000) {
  let timer = null, first = 0;
  return () => {
    const now = Date.now();
    if (!timer) first = now;
    clearTimeout(timer);
    const delay = Math.max(0, Math.min(wait, first + max - now));
    timer = setTimeout(() => { timer = null; fn(); }, delay);
  };
}
