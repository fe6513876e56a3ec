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
 */

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

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

/** The server's `welcome`. */
export interface Session {
  session: string;
  node: string;
  user: string;
  pingInterval: number;
}

/** A place in a channel's stream: one life (`epoch`) and the offset of the last event processed. */
export interface StreamPosition {
  epoch: string;
  offset: number;
}

export interface HeraldEvent<T = unknown> {
  type: "event";
  channel: string;
  offset: number;
  event: string;
  key?: string;
  data: T;
  tombstone?: boolean;
  ts: string;
}

export interface SnapshotItem<T = unknown> {
  key: string;
  offset: number;
  event: string;
  data: T;
  ts: string;
}

/** The latest event of each key, as of `offset`: replace what you hold for the channel with it. */
export interface HeraldSnapshot<T = unknown> {
  type: "snapshot";
  channel: string;
  epoch: string;
  offset: number;
  items: SnapshotItem<T>[];
}

/**
 * A resume was answered `recovered: false`: events after `since` may have been missed. When the
 * subscription asked for snapshots a `snapshot` follows; otherwise re-read the state you need.
 */
export interface HistoryGap {
  type: "gap";
  channel: string;
  since: StreamPosition;
  epoch: string;
  offset: number;
  snapshotFollows: boolean;
}

export type ChannelUpdate<T = unknown> = HeraldEvent<T> | HeraldSnapshot<T> | HistoryGap;

export interface SubscribeOptions<T = unknown> {
  /** Globs over event names (`task.*`); default every event. */
  events?: string[];
  /** Ask for the latest state per key at the first subscribe and after a gap. */
  snapshot?: boolean;
  /** Resume from a position the application kept. */
  since?: StreamPosition;
  /** Receive updates through this listener from the first one on, instead of iterating. */
  onUpdate?: (update: ChannelUpdate<T>) => void;
}

export interface StopReason {
  closeCode?: number;
  errorCode?: string;
  message: string;
  /** True when the application closed the client. */
  closedByClient: boolean;
}

/** The server refused something; `code` is its error code (`ACCESS_DENIED`, `INVALID_CHANNEL`…). */
export class HeraldError extends Error {
  readonly code: string | undefined;

  constructor(code: string | undefined, message: string) {
    super(message);
    this.name = "HeraldError";
    this.code = code;
  }
}

/** The client stopped for good (4003, 4400, 4001 with nothing new, or no credential). */
export class HeraldStoppedError extends HeraldError {
  readonly reason: StopReason;

  constructor(reason: StopReason) {
    super(reason.errorCode, reason.message);
    this.name = "HeraldStoppedError";
    this.reason = reason;
  }
}

// ---------------------------------------------------------------------------------------------
// Close codes and backoff
// ---------------------------------------------------------------------------------------------

export const CloseCodes = {
  Normal: 1000,
  GoingAway: 1001,
  Abnormal: 1006,
  MessageTooBig: 1009,
  ServerError: 1011,
  HeartbeatTimeout: 4000,
  NotAuthenticated: 4001,
  Forbidden: 4003,
  SlowConsumer: 4008,
  RateLimited: 4029,
  TooManyErrors: 4400,
} as const;

export type CloseAction = "stop" | "reconnect-now" | "reconnect" | "renew-credentials";

/** The protocol's "client should" column (PROTOCOL.md §7). */
export function closeAction(code: number): CloseAction {
  switch (code) {
    case CloseCodes.Normal:
    case CloseCodes.MessageTooBig:
    case CloseCodes.Forbidden:
    case CloseCodes.TooManyErrors:
      return "stop";
    case CloseCodes.GoingAway:
      return "reconnect-now";
    case CloseCodes.NotAuthenticated:
      return "renew-credentials";
    default:
      return "reconnect"; // 1006, 1011, 4000, 4008, 4029, and codes this client does not know
  }
}

/** Exponential backoff with jitter. */
export class Backoff {
  private readonly options: Required<BackoffOptions>;

  constructor(options: BackoffOptions = {}) {
    this.options = {
      initialDelayMs: options.initialDelayMs ?? 500,
      maxDelayMs: options.maxDelayMs ?? 30_000,
      multiplier: options.multiplier ?? 2,
      jitter: options.jitter ?? 0.5,
      resetAfterMs: options.resetAfterMs ?? 30_000,
      random: options.random ?? Math.random,
    };
  }

  get resetAfterMs(): number {
    return this.options.resetAfterMs;
  }

  /** The delay before attempt `attempt` (0-based). */
  delay(attempt: number): number {
    const o = this.options;
    const ceiling = Math.min(o.maxDelayMs, o.initialDelayMs * Math.pow(Math.max(1, o.multiplier), Math.max(0, attempt)));
    return ceiling * (1 - this.jitterShare() * o.random());
  }

  /** "Reconnect at once" (1001): only a little spread, so a drained node's clients do not stampede. */
  immediate(): number {
    return this.options.initialDelayMs * this.jitterShare() * this.options.random();
  }

  private jitterShare(): number {
    return Math.min(1, Math.max(0, this.options.jitter));
  }
}

// ---------------------------------------------------------------------------------------------
// Subscription
// ---------------------------------------------------------------------------------------------

type Waiter<T> = { resolve: (value: IteratorResult<ChannelUpdate<T>>) => void; reject: (error: unknown) => void };

/**
 * One channel for as long as the application holds it. Iterate it with `for await`, or give
 * listeners to `onUpdate` (the updates buffered so far are replayed to the first listener).
 * It survives reconnects: the client resumes it with `since` and drops what it already yielded.
 */
export class Subscription<T = unknown> implements AsyncIterable<ChannelUpdate<T>> {
  readonly channel: string;
  readonly options: Readonly<SubscribeOptions<T>>;
  /** Settles when the subscription ends: resolved when closed, rejected when the server or the client ended it. */
  readonly closed: Promise<void>;

  /** @internal */ generation = -1;
  /** @internal */ active = false;
  /** @internal */ sentSince: StreamPosition | undefined;

  private readonly client: HeraldClient;
  private readonly buffer: ChannelUpdate<T>[] = [];
  private readonly waiters: Waiter<T>[] = [];
  private readonly listeners = new Set<(update: ChannelUpdate<T>) => void>();
  private positionValue: StreamPosition | undefined;
  private subscribedAtValue: StreamPosition | undefined;
  private duplicates = 0;
  private endedWith: { error?: unknown } | undefined;
  private readyResolve!: () => void;
  private readyReject!: (error: unknown) => void;
  private closedResolve!: () => void;
  private closedReject!: (error: unknown) => void;
  /** @internal */ readonly ready: Promise<void>;

  /** @internal */
  constructor(client: HeraldClient, channel: string, options: SubscribeOptions<T>) {
    this.client = client;
    this.channel = channel;
    this.options = options;
    this.positionValue = options.since;
    this.ready = new Promise<void>((resolve, reject) => {
      this.readyResolve = resolve;
      this.readyReject = reject;
    });
    this.closed = new Promise<void>((resolve, reject) => {
      this.closedResolve = resolve;
      this.closedReject = reject;
    });
    // Nobody has to observe these; the errors surface through iteration and subscribe().
    this.ready.catch(() => undefined);
    this.closed.catch(() => undefined);
    if (options.onUpdate) {
      this.listeners.add(options.onUpdate);
    }
  }

  /** The epoch and offset of the last event or snapshot yielded: keep it to resume later. */
  get position(): StreamPosition | undefined {
    return this.positionValue;
  }

  /** The stream's epoch and last offset at the server's last `subscribed`. */
  get subscribedAt(): StreamPosition | undefined {
    return this.subscribedAtValue;
  }

  /** Events the server sent again (at a resume seam) that were dropped by offset. */
  get duplicatesDropped(): number {
    return this.duplicates;
  }

  get ended(): boolean {
    return this.endedWith !== undefined;
  }

  /** Adds a listener; the first one also receives the updates buffered so far. Returns its remover. */
  onUpdate(listener: (update: ChannelUpdate<T>) => void): () => void {
    const first = this.listeners.size === 0;
    this.listeners.add(listener);
    if (first) {
      for (const update of this.buffer.splice(0)) {
        listener(update);
      }
    }
    return () => this.listeners.delete(listener);
  }

  [Symbol.asyncIterator](): AsyncIterator<ChannelUpdate<T>> {
    return {
      next: () => {
        const update = this.buffer.shift();
        if (update) {
          return Promise.resolve({ value: update, done: false });
        }
        if (this.endedWith) {
          return this.endedWith.error ? Promise.reject(this.endedWith.error) : Promise.resolve({ value: undefined, done: true });
        }
        return new Promise<IteratorResult<ChannelUpdate<T>>>((resolve, reject) => this.waiters.push({ resolve, reject }));
      },
      return: async () => {
        await this.close();
        return { value: undefined, done: true };
      },
    };
  }

  /** Unsubscribes; iteration ends after the updates already received. */
  close(): Promise<void> {
    return this.client.unsubscribe(this);
  }

  /** @internal */
  onSubscribed(epoch: string, offset: number, recovered: boolean | undefined): void {
    this.subscribedAtValue = { epoch, offset };
    const since = this.sentSince;
    if (!since) {
      this.positionValue = { epoch, offset };
    } else if (recovered !== true) {
      this.positionValue = { epoch, offset };
      this.emit({ type: "gap", channel: this.channel, since, epoch, offset, snapshotFollows: !!this.options.snapshot });
    } else if (this.positionValue && this.positionValue.epoch !== epoch) {
      this.positionValue = { epoch, offset: this.positionValue.offset };
    }
    this.active = true;
    this.readyResolve();
  }

  /** @internal */
  onEvent(update: HeraldEvent<T>): void {
    if (!this.active) {
      return;
    }
    const position = this.positionValue;
    if (position && update.offset <= position.offset) {
      this.duplicates++;
      return;
    }
    this.positionValue = { epoch: position?.epoch ?? "", offset: update.offset };
    this.emit(update);
  }

  /** @internal */
  onSnapshot(snapshot: HeraldSnapshot<T>): void {
    if (!this.active) {
      return;
    }
    this.positionValue = { epoch: snapshot.epoch, offset: snapshot.offset };
    this.emit(snapshot);
  }

  /** @internal */
  end(error?: unknown): boolean {
    if (this.endedWith) {
      return false;
    }
    this.endedWith = { error };
    this.active = false;
    for (const waiter of this.waiters.splice(0)) {
      if (error) {
        waiter.reject(error);
      } else {
        waiter.resolve({ value: undefined, done: true });
      }
    }
    if (error) {
      this.readyReject(error);
      this.closedReject(error);
    } else {
      this.readyReject(new HeraldError(undefined, `the subscription to ${this.channel} was closed`));
      this.closedResolve();
    }
    return true;
  }

  private emit(update: ChannelUpdate<T>): void {
    if (this.listeners.size > 0) {
      for (const listener of this.listeners) {
        try {
          listener(update);
        } catch (error) {
          reportListenerError(error);
        }
      }
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) {
      waiter.resolve({ value: update, done: false });
    } else {
      this.buffer.push(update);
    }
  }
}

function reportListenerError(error: unknown): void {
  // A listener's bug must not break the connection; surface it where developers look.
  setTimeout(() => {
    throw error;
  });
}

// ---------------------------------------------------------------------------------------------
// Client
// ---------------------------------------------------------------------------------------------

interface Pending {
  subscription?: Subscription<any>;
  resolve: (error: { code: string; message: string } | null) => void;
}

/** One WebSocket and what the client knows about it. */
class Connection {
  readonly pending = new Map<number, Pending>();
  /** The positions sent on the upgrade URL (`since=<epoch>:<offset>:<channel>`) for the mount's own subscriptions. */
  resumeAt = new Map<string, StreamPosition>();
  /** Subscriptions waiting for the mount to announce their channel instead of sending `subscribe`. */
  readonly awaiting = new Map<string, Subscription<any>>();
  /** The id of the ping whose `pong` means every announcement has arrived. */
  barrier = -1;
  welcomedAt: number | undefined;
  lastError: { code: string; message: string } | undefined;
  abandoned = false;
  credential: Credential;
  idleTimer: ReturnType<typeof setTimeout> | undefined;
  idleTimeoutMs = 60_000;
  /** Settles how this connection ended; set by `open`. */
  settle: (info: CloseInfo) => void = () => undefined;

  constructor(
    readonly socket: WebSocketLike,
    readonly generation: number,
    credential: Credential,
  ) {
    this.credential = credential;
  }

  send(message: object): boolean {
    if (this.abandoned || this.socket.readyState !== 1) {
      return false;
    }
    try {
      this.socket.send(JSON.stringify(message));
      return true;
    } catch {
      return false;
    }
  }
}

type CloseInfo = { code: number; reason: string; errorCode?: string; errorMessage?: string };

const sameCredential = (a: Credential | undefined, b: Credential | undefined): boolean =>
  !!a && !!b && JSON.stringify(a) === JSON.stringify(b);

const delay = (ms: number, signal: { cancelled: boolean; wake?: () => void }): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });

/**
 * A Herald connection that keeps itself alive. See the module comment; in short:
 *
 * ```ts
 * const client = new HeraldClient({ url: "/ws", credentials: async () => ({ token: await getToken() }) });
 * const job = await client.subscribe("job:42", { snapshot: true });
 * for await (const update of job) { ... }
 * ```
 */
export class HeraldClient {
  /** Settles when the client stops for good, with the reason. */
  readonly stopped: Promise<StopReason>;

  private readonly options: HeraldClientOptions;
  private readonly backoff: Backoff;
  private readonly WebSocketImpl: WebSocketConstructor;
  private readonly url: string;
  private readonly subscriptions = new Map<string, Subscription<any>>();
  /** Channels the mount announced (`subscribed` without `id`) on some connection. */
  private readonly mountChannels = new Set<string>();
  private readonly stateListeners = new Set<(change: StateChange) => void>();
  private live: Connection | undefined;
  private current: Connection | undefined;
  private started = false;
  private closing = false;
  private stopReason: StopReason | undefined;
  private stateValue: ConnectionState = "idle";
  private sessionValue: Session | undefined;
  private nextId = 0;
  private generation = 0;
  private connects = 0;
  private readonly sleeper: { cancelled: boolean; wake?: () => void } = { cancelled: false };
  private resolveStopped!: (reason: StopReason) => void;
  private firstWelcome: Promise<void>;
  private resolveFirstWelcome!: () => void;
  private loop: Promise<void> | undefined;

  constructor(options: HeraldClientOptions) {
    if (!options?.url || !options.credentials) {
      throw new TypeError("HeraldClient needs { url, credentials }");
    }
    const impl = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (!impl) {
      throw new TypeError("No WebSocket implementation: globalThis.WebSocket is missing (Node 20), so pass one: new HeraldClient({ url, credentials, WebSocket }) with `import WebSocket from \"ws\"`");
    }
    this.options = options;
    this.WebSocketImpl = impl;
    this.backoff = new Backoff(options.backoff);
    this.url = webSocketUrl(options.url);
    this.stopped = new Promise((resolve) => (this.resolveStopped = resolve));
    this.firstWelcome = new Promise((resolve) => (this.resolveFirstWelcome = resolve));
    if (options.onStateChange) {
      this.stateListeners.add(options.onStateChange);
    }
  }

  get state(): ConnectionState {
    return this.stateValue;
  }

  /** The current (or last) connection's `welcome`. */
  get session(): Session | undefined {
    return this.sessionValue;
  }

  /** How many connections were welcomed so far: 1 after the first connect, +1 per reconnect. */
  get connectCount(): number {
    return this.connects;
  }

  /** Adds a state listener; returns its remover. */
  onStateChange(listener: (change: StateChange) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Resolves once the server welcomed the client (retrying while it is unreachable); rejects if the client stops first. */
  async connect(): Promise<void> {
    this.throwIfStopped();
    this.start();
    const outcome = await Promise.race([this.firstWelcome.then(() => undefined), this.stopped]);
    if (outcome) {
      throw new HeraldStoppedError(outcome);
    }
  }

  /**
   * Subscribes and resolves once the server answered `subscribed` (connecting first if needed).
   * Rejects with a `HeraldError` carrying the server's code when refused.
   */
  async subscribe<T = unknown>(channel: string, options: SubscribeOptions<T> = {}): Promise<Subscription<T>> {
    if (!channel) {
      throw new TypeError("subscribe needs a channel");
    }
    this.throwIfStopped();
    if (this.subscriptions.has(channel)) {
      throw new Error(`Already subscribed to ${channel}; close that subscription first.`);
    }
    const subscription = new Subscription<T>(this, channel, options);
    this.subscriptions.set(channel, subscription);
    this.start();
    if (this.live) {
      this.sendSubscribe(this.live, subscription);
    }
    await subscription.ready;
    return subscription;
  }

  /** Closes the connection with 1000 and ends every subscription's iteration. */
  async close(): Promise<void> {
    if (this.closing) {
      await this.stopped;
      return;
    }
    this.closing = true;
    this.sleeper.cancelled = true;
    this.sleeper.wake?.();
    const connection = this.current;
    if (connection && !connection.abandoned) {
      try {
        connection.socket.close(CloseCodes.Normal, "bye");
      } catch {
        // Already closing.
      }
      this.abandon(connection, { code: CloseCodes.Normal, reason: "closed by the client" });
    }
    this.stop({ closeCode: CloseCodes.Normal, message: "the client was closed", closedByClient: true });
    await this.loop?.catch(() => undefined);
  }

  /** @internal */
  async unsubscribe(subscription: Subscription<any>): Promise<void> {
    if (this.subscriptions.get(subscription.channel) === subscription) {
      this.subscriptions.delete(subscription.channel);
    }
    const live = this.live && this.live.generation === subscription.generation ? this.live : undefined;
    if (subscription.end() && live) {
      live.send({ type: "unsubscribe", id: ++this.nextId, channel: subscription.channel });
    }
  }

  // --- the loop ----------------------------------------------------------------------------

  private start(): void {
    if (!this.started) {
      this.started = true;
      this.loop = this.run();
    }
  }

  private async run(): Promise<void> {
    let attempt = 0;
    let reason: CredentialReason = "connect";
    let previous: Credential | undefined;
    let lastClose: CloseInfo | undefined;
    while (!this.closing) {
      this.setState({ state: "connecting", closeCode: lastClose?.code });
      let credential: Credential | null | undefined;
      try {
        credential = await this.options.credentials({ reason, current: previous, errorCode: lastClose?.errorCode });
      } catch (error) {
        await this.wait(this.backoff.delay(attempt++), undefined, `the credential provider failed: ${String(error)}`);
        continue;
      }
      if (this.closing) {
        return;
      }
      if (!credential) {
        this.stop({ closeCode: lastClose?.code, errorCode: lastClose?.errorCode, message: "the credential provider returned no credential", closedByClient: false });
        return;
      }
      if (reason === "rejected" && sameCredential(credential, previous)) {
        const code = lastClose?.errorCode ?? "4001";
        this.stop({ closeCode: CloseCodes.NotAuthenticated, errorCode: lastClose?.errorCode, message: `the server rejected the credential (${code}) and the credential provider has no other`, closedByClient: false });
        return;
      }
      previous = credential;

      let connection: { connection: Connection; closedInfo: Promise<CloseInfo> };
      try {
        connection = this.open(credential);
      } catch (error) {
        // A URL the WebSocket constructor refuses: retrying cannot help.
        this.stop({ message: `cannot open a WebSocket to ${this.url}: ${String(error)}`, closedByClient: false });
        return;
      }
      const close = await connection.closedInfo;
      previous = connection.connection.credential;
      if (this.live === connection.connection) {
        this.live = undefined;
      }
      if (this.closing) {
        return;
      }
      lastClose = close;
      const welcomedAt = connection.connection.welcomedAt;
      if (welcomedAt !== undefined && Date.now() - welcomedAt >= this.backoff.resetAfterMs) {
        attempt = 0;
      }
      let wait: number;
      switch (closeAction(close.code)) {
        case "stop":
          this.stop({ closeCode: close.code, errorCode: close.errorCode, message: describe(close), closedByClient: false });
          return;
        case "reconnect-now":
          attempt = 0;
          reason = "reconnect";
          wait = this.backoff.immediate();
          break;
        case "renew-credentials":
          reason = "rejected";
          wait = this.backoff.delay(attempt++);
          break;
        default:
          reason = "reconnect";
          wait = this.backoff.delay(attempt++);
      }
      await this.wait(wait, close.code, describe(close));
    }
  }

  private async wait(ms: number, closeCode: number | undefined, why: string): Promise<void> {
    this.setState({ state: "reconnecting", closeCode, retryInMs: ms, reason: why });
    await delay(ms, this.sleeper);
  }

  /** Opens a socket; `closedInfo` settles once, however it ends (close, error, silence, timeout). */
  private open(credential: Credential): { connection: Connection; closedInfo: Promise<CloseInfo> } {
    const resumeAt = this.resumePositions();
    const socket = new this.WebSocketImpl(withResume(withCredential(this.url, credential), resumeAt));
    const connection = new Connection(socket, ++this.generation, credential);
    connection.resumeAt = resumeAt;
    this.current = connection;
    const closedInfo = new Promise<CloseInfo>((resolve) => (connection.settle = resolve));

    const connectTimer = setTimeout(() => {
      if (connection.welcomedAt === undefined) {
        this.abandon(connection, { code: CloseCodes.Abnormal, reason: `no welcome within ${(this.options.connectTimeoutMs ?? 10_000) / 1000} s` });
      }
    }, this.options.connectTimeoutMs ?? 10_000);

    socket.onmessage = (event) => {
      if (connection.abandoned) {
        return;
      }
      this.armIdle(connection);
      const text = typeof event.data === "string" ? event.data : String(event.data);
      // The server may join several messages with "\n" (JSON text never holds a raw newline).
      for (const line of text.split("\n")) {
        if (!line) {
          continue;
        }
        let message: Record<string, unknown>;
        try {
          message = JSON.parse(line) as Record<string, unknown>;
        } catch {
          continue;
        }
        this.dispatch(connection, message);
        if (connection.abandoned) {
          return;
        }
      }
    };
    socket.onclose = (event) => {
      clearTimeout(connectTimer);
      this.abandon(connection, { code: event.code || CloseCodes.Abnormal, reason: event.reason ?? "" });
    };
    socket.onerror = () => {
      // onclose follows with the code; nothing to do here.
    };
    return { connection, closedInfo };
  }

  private armIdle(connection: Connection): void {
    if (connection.idleTimer !== undefined) {
      clearTimeout(connection.idleTimer);
    }
    connection.idleTimer = setTimeout(() => {
      this.abandon(connection, { code: CloseCodes.Abnormal, reason: `no message from the server for ${connection.idleTimeoutMs / 1000} s` });
      try {
        connection.socket.close();
      } catch {
        // Dead already.
      }
    }, connection.idleTimeoutMs);
  }

  /** Stops listening to a connection and settles its close once. */
  private abandon(connection: Connection, info: CloseInfo): void {
    if (connection.abandoned) {
      return;
    }
    connection.abandoned = true;
    if (connection.idleTimer !== undefined) {
      clearTimeout(connection.idleTimer);
    }
    for (const pending of connection.pending.values()) {
      if (!pending.subscription) {
        pending.resolve({ code: "CLOSED", message: "the connection closed" });
      }
    }
    connection.pending.clear();
    if (this.live === connection) {
      this.live = undefined;
    }
    const full: CloseInfo = { ...info, errorCode: connection.lastError?.code, errorMessage: connection.lastError?.message };
    connection.settle(full);
  }

  // --- messages ----------------------------------------------------------------------------

  private dispatch(connection: Connection, m: Record<string, unknown>): void {
    switch (m.type) {
      case "welcome":
        this.onWelcome(connection, m);
        break;
      case "ping":
        connection.send({ type: "pong" });
        break;
      case "pong":
        if (m.id === connection.barrier) {
          this.onBarrier(connection);
        }
        break;
      case "event": {
        const update = m as unknown as HeraldEvent;
        if (update.data === undefined) {
          update.data = null;
        }
        this.find(connection, update.channel)?.onEvent(update);
        break;
      }
      case "snapshot": {
        const snapshot = m as unknown as HeraldSnapshot;
        this.find(connection, snapshot.channel)?.onSnapshot(snapshot);
        break;
      }
      case "subscribed":
        this.onSubscribed(connection, m);
        break;
      case "unsubscribed":
        this.onUnsubscribed(connection, m);
        break;
      case "error":
        this.onError(connection, m);
        break;
      case "expiring":
        void this.refresh(connection);
        break;
      case "refreshed": {
        const pending = typeof m.id === "number" ? connection.pending.get(m.id) : undefined;
        if (pending) {
          connection.pending.delete(m.id as number);
          pending.resolve(null);
        }
        break;
      }
    }
  }

  private onWelcome(connection: Connection, m: Record<string, unknown>): void {
    const session: Session = {
      session: String(m.session ?? ""),
      node: String(m.node ?? ""),
      user: String(m.user ?? ""),
      pingInterval: Number(m.ping_interval ?? 25),
    };
    connection.idleTimeoutMs = this.options.heartbeatTimeoutMs ?? (2 * Math.max(1, session.pingInterval) + 10) * 1000;
    this.armIdle(connection);
    connection.welcomedAt = Date.now();
    this.live = connection;
    this.sessionValue = session;
    this.connects++;
    this.setState({ state: "connected" });
    this.resolveFirstWelcome();
    for (const subscription of [...this.subscriptions.values()]) {
      if (!this.awaitAnnouncement(connection, subscription)) {
        this.sendSubscribe(connection, subscription);
      }
    }
    if (connection.awaiting.size > 0) {
      connection.barrier = ++this.nextId;
      connection.send({ type: "ping", id: connection.barrier });
    }
  }

  // --- the mount's own subscriptions ---------------------------------------------------------
  // A mount may subscribe every connection at connect and announce it with `subscribed` without
  // `id`. Their positions go on the upgrade URL, so the announcement itself starts with the
  // replay, and no `subscribe` of ours is sent for them (it could only repeat or reorder events).

  /** Channels the mount announced before, and subscriptions starting from an application-given `since`. */
  private resumePositions(): Map<string, StreamPosition> {
    const positions = new Map<string, StreamPosition>();
    for (const subscription of this.subscriptions.values()) {
      const position = subscription.position;
      if (!subscription.ended && position && (this.mountChannels.has(subscription.channel) || !subscription.subscribedAt)) {
        positions.set(subscription.channel, position);
      }
    }
    return positions;
  }

  private awaitAnnouncement(connection: Connection, subscription: Subscription<any>): boolean {
    const position = connection.resumeAt.get(subscription.channel);
    if (subscription.ended || !position || !this.mountChannels.has(subscription.channel)) {
      return false;
    }
    subscription.generation = connection.generation;
    subscription.active = false;
    subscription.sentSince = position;
    connection.awaiting.set(subscription.channel, subscription);
    return true;
  }

  /** Every announcement precedes the answer to our ping: a channel still awaited is no longer the mount's. */
  private onBarrier(connection: Connection): void {
    const unannounced = [...connection.awaiting.values()];
    connection.awaiting.clear();
    for (const subscription of unannounced) {
      this.mountChannels.delete(subscription.channel);
      subscription.generation = -1;
      this.sendSubscribe(connection, subscription);
    }
  }

  /**
   * An announcement answers for our subscription to that channel on this connection, awaited or
   * sent; `subscribedByUs` says whether a `subscribe` of ours is also on its way.
   */
  private onAnnounced(connection: Connection, channel: string): { subscription?: Subscription<any>; subscribedByUs: boolean } {
    this.mountChannels.add(channel);
    const awaited = connection.awaiting.delete(channel);
    const subscription = this.subscriptions.get(channel);
    if (!subscription || subscription.ended) {
      return { subscribedByUs: false };
    }
    if (subscription.generation !== connection.generation) {
      subscription.generation = connection.generation;
      subscription.sentSince = connection.resumeAt.get(channel);
      return { subscription, subscribedByUs: false };
    }
    return { subscription, subscribedByUs: !awaited };
  }

  /**
   * A subscription that wants snapshots, answered by an announcement that did not recover: the
   * mount may have no snapshot to send, so ask for one at the current position (which repeats no
   * event; at worst a second snapshot comes). Its reply is only a confirmation.
   */
  private requestSnapshot(connection: Connection, subscription: Subscription<any>): void {
    const id = ++this.nextId;
    connection.pending.set(id, { resolve: () => undefined });
    const message: Record<string, unknown> = { type: "subscribe", id, channel: subscription.channel, snapshot: true };
    if (subscription.options.events?.length) {
      message.events = subscription.options.events;
    }
    connection.send(message);
  }

  private sendSubscribe(connection: Connection, subscription: Subscription<any>): void {
    if (subscription.ended || subscription.generation === connection.generation) {
      return;
    }
    const id = ++this.nextId;
    subscription.generation = connection.generation;
    subscription.active = false;
    subscription.sentSince = subscription.position;
    connection.pending.set(id, { subscription, resolve: () => undefined });
    const message: Record<string, unknown> = { type: "subscribe", id, channel: subscription.channel };
    if (subscription.options.events?.length) {
      message.events = subscription.options.events;
    }
    if (subscription.sentSince) {
      message.since = { epoch: subscription.sentSince.epoch, offset: subscription.sentSince.offset };
    }
    if (subscription.options.snapshot) {
      message.snapshot = true;
    }
    connection.send(message);
  }

  private find(connection: Connection, channel: string): Subscription<any> | undefined {
    const subscription = this.subscriptions.get(channel);
    return subscription && subscription.generation === connection.generation ? subscription : undefined;
  }

  private onSubscribed(connection: Connection, m: Record<string, unknown>): void {
    let subscription: Subscription<any> | undefined;
    let subscribedByUs = true;
    if (m.id === undefined) {
      ({ subscription, subscribedByUs } = this.onAnnounced(connection, String(m.channel ?? "")));
    } else {
      const pending = typeof m.id === "number" ? connection.pending.get(m.id) : undefined;
      if (!pending?.subscription) {
        return;
      }
      connection.pending.delete(m.id as number);
      subscription = pending.subscription;
      if (subscription.active) {
        return; // The mount's announcement answered for it already; this is a confirmation.
      }
    }
    if (!subscription || subscription.ended || subscription.generation !== connection.generation) {
      return;
    }
    const recovered = typeof m.recovered === "boolean" ? m.recovered : undefined;
    subscription.onSubscribed(String(m.epoch ?? ""), Number(m.offset ?? 0), recovered);
    if (!subscribedByUs && subscription.options.snapshot && recovered !== true) {
      this.requestSnapshot(connection, subscription);
    }
  }

  private onUnsubscribed(connection: Connection, m: Record<string, unknown>): void {
    if (m.id !== undefined) {
      return; // The answer to our own unsubscribe.
    }
    const channel = String(m.channel ?? "");
    const reason = String(m.reason ?? "UNSUBSCRIBED");
    const subscription = this.find(connection, channel);
    if (subscription) {
      this.subscriptions.delete(channel);
      subscription.end(new HeraldError(reason, `the server ended the subscription to ${channel} (${reason})`));
    }
  }

  private onError(connection: Connection, m: Record<string, unknown>): void {
    const code = String(m.code ?? "INTERNAL");
    const message = String(m.message ?? "");
    const pending = typeof m.id === "number" ? connection.pending.get(m.id) : undefined;
    if (m.id === undefined) {
      connection.lastError = { code, message };
      return;
    }
    if (!pending) {
      return;
    }
    connection.pending.delete(m.id as number);
    if (pending.subscription) {
      const subscription = pending.subscription;
      if (this.subscriptions.get(subscription.channel) === subscription) {
        this.subscriptions.delete(subscription.channel);
      }
      subscription.end(new HeraldError(code, `subscribe to ${subscription.channel} refused: ${code}: ${message}`));
      return;
    }
    pending.resolve({ code, message });
  }

  /** On `expiring`: a new token from the provider goes out as `refresh` on this connection. */
  private async refresh(connection: Connection): Promise<void> {
    let next: Credential | null | undefined;
    try {
      next = await this.options.credentials({ reason: "expiring", current: connection.credential });
    } catch {
      return; // The 4001 path asks again.
    }
    if (!next || !("token" in next) || sameCredential(next, connection.credential) || connection.abandoned) {
      return;
    }
    const id = ++this.nextId;
    const answer = new Promise<{ code: string; message: string } | null>((resolve) => {
      connection.pending.set(id, { resolve });
      setTimeout(() => resolve({ code: "TIMEOUT", message: "no answer to refresh" }), this.options.requestTimeoutMs ?? 10_000);
    });
    if (!connection.send({ type: "refresh", id, token: next.token })) {
      connection.pending.delete(id);
      return;
    }
    if ((await answer) === null) {
      connection.credential = next;
    }
  }

  // --- state -------------------------------------------------------------------------------

  private setState(change: StateChange): void {
    this.stateValue = change.state;
    for (const listener of this.stateListeners) {
      try {
        listener(change);
      } catch (error) {
        reportListenerError(error);
      }
    }
  }

  private stop(reason: StopReason): void {
    if (this.stopReason) {
      return;
    }
    this.stopReason = reason;
    this.closing = true;
    this.sleeper.wake?.();
    const ended = [...this.subscriptions.values()];
    this.subscriptions.clear();
    this.live = undefined;
    const error = reason.closedByClient ? undefined : new HeraldStoppedError(reason);
    for (const subscription of ended) {
      subscription.end(error);
    }
    this.setState({ state: "stopped", closeCode: reason.closeCode, reason: reason.message });
    this.resolveStopped(reason);
  }

  private throwIfStopped(): void {
    if (this.stopReason) {
      throw new HeraldStoppedError(this.stopReason);
    }
  }
}

function describe(close: CloseInfo): string {
  return close.errorCode
    ? `the server closed the connection with ${close.code} (${close.errorCode}: ${close.errorMessage ?? ""})`
    : `the connection closed with ${close.code}${close.reason ? ` (${close.reason})` : ""}`;
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

/** Adds `since=<epoch>:<offset>:<channel>` per position (the channel last: channel names may hold ':'). */
function withResume(url: string, positions: Map<string, StreamPosition>): string {
  if (positions.size === 0) {
    return url;
  }
  const target = new URL(url);
  for (const [channel, position] of positions) {
    target.searchParams.append("since", `${position.epoch}:${position.offset}:${channel}`);
  }
  return target.toString();
}

function withCredential(url: string, credential: Credential): string {
  const target = new URL(url);
  if ("token" in credential) {
    target.searchParams.set("token", credential.token);
  } else if ("apiKey" in credential) {
    target.searchParams.set("api_key", credential.apiKey);
  } else {
    target.searchParams.set("ticket", credential.ticket);
  }
  return target.toString();
}

// ---------------------------------------------------------------------------------------------
// Keyed state
// ---------------------------------------------------------------------------------------------

export interface KeyedItem<T = unknown> {
  key: string;
  offset: number;
  event: string;
  data: T;
  ts: string;
}

/**
 * Per channel, a map from `key` to the latest item, fed by snapshots (which replace it) and
 * events (a tombstone deletes its key). Bind a dashboard to `items` and `onChange`.
 *
 * ```ts
 * const tasks = await KeyedState.subscribe(client, "job:42");
 * tasks.onChange(() => render([...tasks.items.values()]));
 * ```
 */
export class KeyedState<T = unknown> {
  /** The latest item per key, in the order keys first appeared. */
  readonly items = new Map<string, KeyedItem<T>>();
  private readonly listeners = new Set<(state: KeyedState<T>, update: ChannelUpdate<T>) => void>();
  private staleValue = false;
  private detach: (() => void) | undefined;

  /** Subscribes with snapshots and resolves once the state holds the first snapshot. */
  static async subscribe<T = unknown>(client: HeraldClient, channel: string, options: Omit<SubscribeOptions<T>, "snapshot" | "onUpdate" | "since"> = {}): Promise<KeyedState<T>> {
    const state = new KeyedState<T>();
    let snapshotArrived!: () => void;
    const firstSnapshot = new Promise<void>((resolve) => (snapshotArrived = resolve));
    const subscription = await client.subscribe<T>(channel, {
      ...options,
      snapshot: true,
      onUpdate: (update) => {
        state.apply(update);
        if (update.type === "snapshot") {
          snapshotArrived();
        }
      },
    });
    state.subscription = subscription;
    await Promise.race([firstSnapshot, subscription.closed]);
    return state;
  }

  /** The subscription feeding this state, when it was made by `subscribe` or `attach`. */
  subscription: Subscription<T> | undefined;

  /** Feeds this state from a subscription (its buffered updates first). */
  attach(subscription: Subscription<T>): this {
    this.detach?.();
    this.subscription = subscription;
    this.detach = subscription.onUpdate((update) => this.apply(update));
    return this;
  }

  /**
   * True after a gap without a snapshot: events were missed and the map may be out of date until
   * the application re-reads it (or a later snapshot replaces it).
   */
  get stale(): boolean {
    return this.staleValue;
  }

  get(key: string): KeyedItem<T> | undefined {
    return this.items.get(key);
  }

  get size(): number {
    return this.items.size;
  }

  /** Calls `listener` after every change; returns its remover. */
  onChange(listener: (state: KeyedState<T>, update: ChannelUpdate<T>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Applies one update; usually called by the subscription. */
  apply(update: ChannelUpdate<T>): void {
    switch (update.type) {
      case "snapshot":
        this.items.clear();
        for (const item of update.items) {
          this.items.set(item.key, { key: item.key, offset: item.offset, event: item.event, data: item.data, ts: item.ts });
        }
        this.staleValue = false;
        break;
      case "event":
        if (update.key === undefined) {
          break;
        }
        if (update.tombstone) {
          this.items.delete(update.key);
        } else {
          this.items.set(update.key, { key: update.key, offset: update.offset, event: update.event, data: update.data, ts: update.ts });
        }
        break;
      case "gap":
        this.staleValue = !update.snapshotFollows;
        break;
    }
    for (const listener of this.listeners) {
      try {
        listener(this, update);
      } catch (error) {
        reportListenerError(error);
      }
    }
  }

  /** Stops following the subscription and closes it. */
  async close(): Promise<void> {
    this.detach?.();
    await this.subscription?.close();
  }
}
