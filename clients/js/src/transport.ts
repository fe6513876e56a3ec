import type { HeraldClientOptions } from "./options.js";
import { webSocketTransport } from "./websocket-transport.js";

/**
 * What carries one connection's protocol messages: a WebSocket today, and any other transport
 * is one more module implementing this. One instance per connection attempt; the client sets
 * both handlers, calls `connect` once, and forgets the instance after `onclose`. A transport
 * does not frame: `onmessage` gets each text as it arrived (the server may join several messages
 * with "\n"), and `send` takes one message's JSON text.
 */
export interface Transport {
  /** Starts connecting to `url`, the mount with the credential and resume positions in its query; throws for a URL it cannot open. */
  connect(url: string): void;
  /** Sends one text; false when the connection cannot take it (not open yet, or closing). */
  send(text: string): boolean;
  /** Closes without throwing (the connection may be gone already). `onclose` still follows. */
  close(code?: number, reason?: string): void;
  /** Each text the server sent. */
  onmessage: ((text: string) => void) | undefined;
  /** Once, however the connection ended: its close code (1006 when it had none) and reason. */
  onclose: ((code: number, reason: string) => void) | undefined;
}

/** Makes a transport per connection, and says how the mount's URL is dialled with it. */
export interface TransportFactory {
  /** What the error says when `connect` refuses the URL. */
  readonly name: string;
  /** The `url` option resolved for this transport (against the page; `ws:`/`wss:` for a WebSocket). */
  resolve(url: string): string;
  create(): Transport;
}

/** @internal The transport the options ask for. */
export function transportFor(options: HeraldClientOptions): TransportFactory {
  return webSocketTransport(options.WebSocket);
}
