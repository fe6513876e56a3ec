/**
 * Herald client for browsers and Node: one ES module, no dependencies.
 *
 * - `HeraldClient` keeps a connection alive: exponential backoff with jitter, the protocol's close
 *   codes honoured, every subscription restored with `since` after a reconnect (a mount's own,
 *   server-side subscriptions through `since` on the upgrade URL), duplicates dropped by offset,
 *   and `expiring` answered with `refresh`.
 * - `Subscription` is an async iterable of updates (events, snapshots, gaps), or a listener target.
 * - `KeyedState` keeps, per channel, the latest item of each key, for a dashboard to bind to.
 *
 * Protocol: docs/protocol.md. Guide: docs/clients/typescript.md.
 *
 * The sources are modules along the client's seams, bundled into this one file (dist/herald.js,
 * served as /herald.js): client.ts (the public object and its connect loop), connection.ts (one
 * connection's timers and framing) over transport.ts (what carries it; websocket-transport.ts),
 * reconnect.ts and backoff.ts (when to try again), resume.ts (positions on the upgrade URL and the
 * mount's own subscriptions), subscription-table.ts and subscription.ts (the channels),
 * credentials.ts (query-string credentials and token refresh), keyed-state.ts, and the types.
 */

export { Backoff, type CloseAction, closeAction, CloseCodes } from "./backoff.js";
export { HeraldClient } from "./client.js";
export { HeraldError, HeraldStoppedError } from "./errors.js";
export { type KeyedItem, KeyedState } from "./keyed-state.js";
export type {
  BackoffOptions,
  ConnectionState,
  Credential,
  CredentialProvider,
  CredentialReason,
  CredentialRequest,
  HeraldClientOptions,
  StateChange,
  StopReason,
} from "./options.js";
export { Subscription } from "./subscription.js";
export type {
  ChannelUpdate,
  HeraldEvent,
  HeraldSnapshot,
  HistoryGap,
  Session,
  SnapshotItem,
  StreamPosition,
  SubscribeOptions,
} from "./updates.js";
export type { WebSocketConstructor, WebSocketLike } from "./websocket-transport.js";
