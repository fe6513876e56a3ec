import { CloseCodes } from "./backoff.js";
import type { Transport, TransportFactory } from "./transport.js";

/**
 * An event handler property. Written as a method so TypeScript compares it bivariantly: the DOM's
 * `WebSocket` and the `ws` package's declare richer event types than the fields the client reads,
 * and with a plain function type neither class would be accepted as a `WebSocketConstructor`.
 */
type EventHandler<E> = { handle(event: E): void }["handle"];

/** The subset of the WebSocket API the client uses (the browser's, Node 22's, or the `ws` package's). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: EventHandler<unknown> | null;
  onmessage: EventHandler<{ data: unknown }> | null;
  onclose: EventHandler<{ code: number; reason: string }> | null;
  onerror: EventHandler<unknown> | null;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

const Open = 1;

/** @internal The given WebSocket implementation, or the global one (browsers, Node 22+). */
export function webSocketTransport(given: WebSocketConstructor | undefined): TransportFactory {
  const impl = given ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (!impl) {
    throw new TypeError("No WebSocket implementation: globalThis.WebSocket is missing (Node 20), so pass one: new HeraldClient({ url, credentials, WebSocket }) with `import WebSocket from \"ws\"`");
  }
  return { name: "a WebSocket", resolve: webSocketUrl, create: () => new WebSocketTransport(impl) };
}

/** @internal One WebSocket. */
export class WebSocketTransport implements Transport {
  onmessage: ((text: string) => void) | undefined;
  onclose: ((code: number, reason: string) => void) | undefined;
  private socket: WebSocketLike | undefined;

  constructor(private readonly WebSocketImpl: WebSocketConstructor) {}

  connect(url: string): void {
    const socket = new this.WebSocketImpl(url);
    this.socket = socket;
    socket.onmessage = (event) => this.onmessage?.(typeof event.data === "string" ? event.data : String(event.data));
    socket.onclose = (event) => this.onclose?.(event.code || CloseCodes.Abnormal, event.reason ?? "");
    socket.onerror = () => {
      // onclose follows with the code; nothing to do here.
    };
  }

  send(text: string): boolean {
    if (this.socket?.readyState !== Open) {
      return false;
    }
    try {
      this.socket.send(text);
      return true;
    } catch {
      return false;
    }
  }

  close(code?: number, reason?: string): void {
    try {
      if (code === undefined) {
        this.socket?.close();
      } else {
        this.socket?.close(code, reason);
      }
    } catch {
      // Closing or dead already.
    }
  }
}

function webSocketUrl(url: string): string {
  const base = (globalThis as { location?: { href: string } }).location?.href;
  const resolved = new URL(url, base);
  if (resolved.protocol === "http:") {
    resolved.protocol = "ws:";
  } else if (resolved.protocol === "https:") {
    resolved.protocol = "wss:";
  }
  return resolved.toString();
}
