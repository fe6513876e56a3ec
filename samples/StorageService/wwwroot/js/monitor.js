// A small reconnecting client for GET /storage/monitor, written against the Herald protocol
// (PROTOCOL.md): buys a ticket with the JWT before each connect (the cookie rides along),
// answers pings, resumes the server-side `storage` subscription with `since` after a reconnect,
// and says when it could not (`recovered: false`) so the page reloads what it shows.
// Stands in for /herald.js until the shared browser client ships.

const MAX_BACKOFF_MS = 5_000;

export class Monitor extends EventTarget {
  #token; #path; #socket = null; #attempt = 0; #timer = null; #stopped = false;
  #epoch = null; #offset = 0; #resuming = false; #state = "connecting";

  constructor({ token, path = "/storage/monitor" }) {
    super();
    this.#token = token;
    this.#path = path;
    addEventListener("online", () => this.#reconnectNow());
    addEventListener("offline", () => this.#setState("offline"));
  }

  get state() { return this.#state; }

  start() { this.#stopped = false; this.#connect(); }

  stop() {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#socket?.close(1000, "bye");
    this.#socket = null;
  }

  async #connect() {
    if (this.#stopped) return;
    this.#setState(this.#epoch === null && this.#attempt === 0 ? "connecting" : "reconnecting");
    let response;
    try {
      response = await fetch(this.#path, { method: "POST", headers: { Authorization: `Bearer ${this.#token}` }, credentials: "same-origin" });
    } catch {
      return this.#retry();
    }
    if (response.status === 401 || response.status === 403) {
      const problem = await response.json().catch(() => ({}));
      return this.#fail(problem.code ?? "INVALID_CREDENTIALS");
    }
    if (!response.ok) return this.#retry();

    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const socket = new WebSocket(`${scheme}://${location.host}${this.#path}`);
    this.#socket = socket;
    socket.onmessage = (m) => String(m.data).split("\n").forEach((line) => this.#receive(socket, JSON.parse(line)));
    socket.onclose = (e) => this.#closed(socket, e.code);
  }

  #receive(socket, message) {
    switch (message.type) {
      case "welcome":
        this.#attempt = 0;
        this.#setState("connected");
        break;
      case "ping":
        socket.send('{"type":"pong"}');
        break;
      case "subscribed":
        this.#subscribed(socket, message);
        break;
      case "event":
        this.#event(message);
        break;
      case "error":
        if (message.code === "TOKEN_EXPIRED" || message.code === "INVALID_CREDENTIALS") this.#fail(message.code);
        break;
    }
  }

  #subscribed(socket, message) {
    if (message.channel !== "storage") return;
    if (message.id === undefined) {
      // The mount's own subscription, at connect. The first time it is where we start; after a
      // reconnect, ask again from where we were: the gap is replayed in order.
      if (this.#epoch === null) {
        this.#epoch = message.epoch;
        this.#offset = message.offset;
        this.#emit("resync", { reason: "connected" });
      } else {
        this.#resuming = true;
        socket.send(JSON.stringify({ type: "subscribe", id: "resume", channel: "storage", since: { epoch: this.#epoch, offset: this.#offset } }));
      }
      return;
    }
    this.#resuming = false;
    this.#epoch = message.epoch;
    if (!message.recovered) {
      this.#offset = message.offset;
      this.#emit("resync", { reason: "gap" });
    }
  }

  #event(message) {
    // While resuming, live events are also in the replay that follows the answer: take them from there.
    if (this.#resuming || message.offset <= this.#offset) return;
    this.#offset = message.offset;
    this.#emit("event", message);
  }

  #closed(socket, code) {
    if (socket !== this.#socket) return;
    this.#socket = null;
    if (this.#stopped || code === 1000) return;
    if (code === 4001 || code === 4003 || code === 4400) return this.#fail(code === 4001 ? "INVALID_CREDENTIALS" : "FORBIDDEN");
    // 1001 (restart, drain) comes back at once; anything else with backoff.
    if (code === 1001) this.#attempt = 0;
    this.#retry();
  }

  #retry() {
    if (this.#stopped) return;
    this.#setState(navigator.onLine === false ? "offline" : "reconnecting");
    const base = Math.min(MAX_BACKOFF_MS, 250 * 2 ** this.#attempt++);
    this.#timer = setTimeout(() => this.#connect(), base / 2 + Math.random() * base / 2);
  }

  #reconnectNow() {
    if (this.#stopped || this.#socket) return;
    clearTimeout(this.#timer);
    this.#attempt = 0;
    this.#connect();
  }

  #fail(code) {
    this.stop();
    this.#setState("offline");
    this.#emit("unauthorized", { code });
  }

  #setState(state) {
    if (state === this.#state) return;
    this.#state = state;
    this.#emit("state", { state });
  }

  #emit(type, detail) { this.dispatchEvent(new CustomEvent(type, { detail })); }
}
