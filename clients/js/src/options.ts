import type { WebSocketConstructor } from "./websocket-transport.js";

/** A credential for one connection. Browsers send it in the query string (they cannot set headers). */
export type Credential = { token: string } | { apiKey: string } | { ticket: string };

/** Why the client asks its credential provider. */
export type CredentialReason = "connect" | "reconnect" | "expiring" | "rejected";

export interface CredentialRequest {
  reason: CredentialReason;
  /** The credential of the last connection, if any. */
  current?: Credential;
  /** The server's last error code (`TOKEN_EXPIRED`, `INVALID_CREDENTIALS`…), if any. */
  errorCode?: string;
}

/**
 * Supplies the credential for a connection. Called before the first connection, before every
 * reconnect, on `expiring` (a new token is sent as `refresh`) and after a 4001 close. Returning
 * nothing, or after a 4001 the same credential again, stops the client.
 */
export type CredentialProvider = (request: CredentialRequest) => Credential | null | undefined | Promise<Credential | null | undefined>;

export interface BackoffOptions {
  /** The first delay; each further attempt multiplies it by `multiplier`. Default 500 ms. */
  initialDelayMs?: number;
  /** Default 30 s. */
  maxDelayMs?: number;
  /** Default 2. */
  multiplier?: number;
  /** The random share of each delay, 0..1. Default 0.5: between half and all of it. */
  jitter?: number;
  /** A connection that stayed up this long starts the next backoff from the first delay. Default 30 s. */
  resetAfterMs?: number;
  /** The jitter's source; replace it for deterministic tests. */
  random?: () => number;
}

export type ConnectionState = "idle" | "connecting" | "connected" | "reconnecting" | "stopped";

export interface StateChange {
  state: ConnectionState;
  /** The close code of the connection that just ended, when there was one. */
  closeCode?: number;
  /** With `reconnecting`: the wait before the next attempt. */
  retryInMs?: number;
  /** Why the connection ended, for humans. */
  reason?: string;
}

export interface HeraldClientOptions {
  /** The WebSocket mount: `wss://host/ws`, `https://host/ws`, or a path such as `/ws` (resolved against the page). */
  url: string;
  credentials: CredentialProvider;
  backoff?: BackoffOptions;
  /** Silence after which a connection is taken for dead. Default: 2 × the server's ping interval + 10 s. */
  heartbeatTimeoutMs?: number;
  /** How long an upgrade may take before it counts as failed. Default 10 s. */
  connectTimeoutMs?: number;
  /** How long to wait for `subscribed` and `refreshed`. Default 10 s. */
  requestTimeoutMs?: number;
  /**
   * A WebSocket implementation; default `globalThis.WebSocket` (browsers, Node 22+). On Node 20 pass
   * the `ws` package's: `import WebSocket from "ws"`.
   */
  WebSocket?: WebSocketConstructor;
  onStateChange?: (change: StateChange) => void;
}

export interface StopReason {
  closeCode?: number;
  errorCode?: string;
  message: string;
  /** True when the application closed the client. */
  closedByClient: boolean;
}
