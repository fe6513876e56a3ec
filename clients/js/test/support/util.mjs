// Small helpers: deadlines instead of sleeps, a TCP relay that can cut or freeze the network.
import { createConnection, createServer } from "node:net";
import WebSocket from "ws";

/** Waits until `condition()` is true, polling; fails with `what` after `timeoutMs`. */
export async function eventually(condition, what, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for: ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Reads a subscription's updates with a deadline per update. */
export class Reader {
  constructor(subscription) {
    this.iterator = subscription[Symbol.asyncIterator]();
  }

  async next(timeoutMs = 10_000) {
    let timer;
    const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error("no update within " + timeoutMs + " ms")), timeoutMs)));
    try {
      const result = await Promise.race([this.iterator.next(), timeout]);
      if (result.done) {
        throw new Error("the subscription ended");
      }
      return result.value;
    } finally {
      clearTimeout(timer);
    }
  }

  async nextOf(type, timeoutMs) {
    const update = await this.next(timeoutMs);
    if (update.type !== type) {
      throw new Error(`expected ${type}, got ${JSON.stringify(update)}`);
    }
    return update;
  }

  async events(count, timeoutMs) {
    const events = [];
    while (events.length < count) {
      events.push(await this.nextOf("event", timeoutMs));
    }
    return events;
  }
}

/** A TCP relay in front of the server: `cut()` resets every connection, `freeze()` silences them. */
export class TcpRelay {
  constructor(targetPort) {
    this.targetPort = targetPort;
    this.pairs = new Set();
    this.frozen = false;
    this.server = createServer((client) => {
      const upstream = createConnection({ host: "127.0.0.1", port: this.targetPort });
      const pair = { client, upstream, frozen: this.frozen };
      this.pairs.add(pair);
      const forward = (from, to) =>
        from.on("data", (chunk) => {
          if (!pair.frozen) {
            to.write(chunk);
          }
        });
      forward(client, upstream);
      forward(upstream, client);
      const end = () => {
        this.pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      };
      client.on("error", end).on("close", end);
      upstream.on("error", end).on("close", end);
    });
  }

  async listen() {
    await new Promise((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return this;
  }

  get port() {
    return this.server.address().port;
  }

  get wsUrl() {
    return `ws://127.0.0.1:${this.port}/ws`;
  }

  cut() {
    for (const { client, upstream } of [...this.pairs]) {
      client.resetAndDestroy();
      upstream.resetAndDestroy();
    }
    this.pairs.clear();
  }

  freeze() {
    this.frozen = true;
    for (const pair of this.pairs) {
      pair.frozen = true;
    }
  }

  thaw() {
    this.frozen = false;
  }

  async close() {
    this.cut();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/**
 * Client options for tests: backoff in milliseconds, a short connect timeout (a handshake cut by a
 * restart), and the `ws` package's WebSocket, as a Node 20 application passes it (no global one there).
 */
export const fast = { backoff: { initialDelayMs: 20, maxDelayMs: 200, resetAfterMs: 5000 }, connectTimeoutMs: 2000, WebSocket };
