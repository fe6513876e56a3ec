// What the tables render: the browser client's keyed state for `storage` (`aip:<uuid>` → the
// latest event's item; a snapshot at subscribe and after a gap, events after, resumed across
// reconnects by /herald.js), over the rows the REST API last listed. The API lists fill in what
// the stream does not carry (events older than the channel's history, events of rules the user
// is not allowed); whichever of the two changed later wins, per key.

export class Store {
  /** The KeyedState from /herald.js, once its first snapshot is in. */
  #live = null;
  /** key → { item, at }: API rows, stamped with the tick at which their request started. */
  #listed = new Map();
  /** key → the tick of its last live change. */
  #liveAt = new Map();
  #tick = 0;

  /** A stamp for an API request about to start: live changes after it beat its rows. */
  get tick() { return this.#tick; }

  attach(live) {
    this.#live = live;
    this.#stampAll();
  }

  /** Records one update of the keyed state (call after it applied it). */
  applied(update) {
    if (update.type === "snapshot") {
      this.#liveAt.clear();
      this.#stampAll();
    } else if (update.type === "event" && update.key !== undefined) {
      this.#liveAt.set(update.key, ++this.#tick);
      // A tombstone deletes the key everywhere, or a listed row would bring it back.
      if (update.tombstone) this.#listed.delete(update.key);
    }
  }

  /** Replaces the API rows of `prefix` ("aip:") with `items`, loaded by a request started at `at`. */
  load(prefix, items, keyOf, at) {
    for (const key of [...this.#listed.keys()]) if (key.startsWith(prefix)) this.#listed.delete(key);
    for (const item of items) this.#listed.set(keyOf(item), { item, at });
  }

  get(key) {
    const live = this.#live?.get(key)?.data?.item;
    const listed = this.#listed.get(key);
    if (live && (!listed || (this.#liveAt.get(key) ?? 0) > listed.at)) return live;
    return listed?.item;
  }

  /** The items whose key starts with `prefix` ("aip:"), from either source. */
  valuesOf(prefix) {
    const keys = new Set([...this.#listed.keys()].filter((key) => key.startsWith(prefix)));
    for (const key of this.#live?.items.keys() ?? []) if (key.startsWith(prefix)) keys.add(key);
    return [...keys].map((key) => this.get(key)).filter((item) => item !== undefined);
  }

  #stampAll() {
    const at = ++this.#tick;
    for (const key of this.#live?.items.keys() ?? []) this.#liveAt.set(key, at);
  }
}
