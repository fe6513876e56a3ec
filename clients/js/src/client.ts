import { Backoff, CloseCodes } from "./backoff.js";
import { type CloseInfo, Connection, RequestIds } from "./connection.js";
import { refreshToken, sameCredential, withCredential } from "./credentials.js";
import { dispatch, type MessageTarget } from "./dispatch.js";
import { HeraldStoppedError, reportListenerError } from "./errors.js";
import type { ConnectionState, Credential, HeraldClientOptions, StateChange, StopReason } from "./options.js";
import { describe, ReconnectPlan, Sleeper } from "./reconnect.js";
import { withResume } from "./resume.js";
import { Subscription } from "./subscription.js";
import { SubscriptionTable } from "./subscription-table.js";
import { type TransportFactory, transportFor } from "./transport.js";
import type { Session, SubscribeOptions } from "./updates.js";

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
  private readonly transports: TransportFactory;
  private readonly url: string;
  private readonly ids = new RequestIds();
  private readonly subscriptions = new SubscriptionTable(this.ids);
  private readonly messages: MessageTarget = {
    subscriptions: this.subscriptions,
    welcome: (connection, session) => this.onWelcome(connection, session),
    expiring: (connection) => void refreshToken(connection, this.options.credentials, this.ids, this.options.requestTimeoutMs ?? 10_000),
  };
  private readonly stateListeners = new Set<(change: StateChange) => void>();
  private live: Connection | undefined;
  private current: Connection | undefined;
  private started = false;
  private closing = false;
  private stopReason: StopReason | undefined;
  private stateValue: ConnectionState = "idle";
  private sessionValue: Session | undefined;
  private generation = 0;
  private connects = 0;
  private readonly sleeper = new Sleeper();
  private resolveStopped!: (reason: StopReason) => void;
  private firstWelcome: Promise<void>;
  private resolveFirstWelcome!: () => void;
  private loop: Promise<void> | undefined;

  constructor(options: HeraldClientOptions) {
    if (!options?.url || !options.credentials) {
      throw new TypeError("HeraldClient needs { url, credentials }");
    }
    this.options = options;
    this.transports = transportFor(options);
    this.backoff = new Backoff(options.backoff);
    this.url = this.transports.resolve(options.url);
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
    this.subscriptions.add(subscription);
    this.start();
    if (this.live) {
      this.subscriptions.sendSubscribe(this.live, subscription);
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
    this.sleeper.wakeUp();
    const connection = this.current;
    if (connection && !connection.abandoned) {
      connection.close(CloseCodes.Normal, "bye");
      connection.abandon({ code: CloseCodes.Normal, reason: "closed by the client" });
    }
    this.stop({ closeCode: CloseCodes.Normal, message: "the client was closed", closedByClient: true });
    await this.loop?.catch(() => undefined);
  }

  /** @internal */
  async unsubscribe(subscription: Subscription<any>): Promise<void> {
    this.subscriptions.remove(subscription);
    const live = this.live && this.live.generation === subscription.generation ? this.live : undefined;
    if (subscription.end() && live) {
      live.send({ type: "unsubscribe", id: this.ids.next(), channel: subscription.channel });
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
    const plan = new ReconnectPlan(this.backoff);
    let previous: Credential | undefined;
    let lastClose: CloseInfo | undefined;
    while (!this.closing) {
      this.setState({ state: "connecting", closeCode: lastClose?.code });
      let credential: Credential | null | undefined;
      try {
        credential = await this.options.credentials({ reason: plan.reason, current: previous, errorCode: lastClose?.errorCode });
      } catch (error) {
        await this.wait(plan.afterProviderFailure(), undefined, `the credential provider failed: ${String(error)}`);
        continue;
      }
      if (this.closing) {
        return;
      }
      if (!credential) {
        this.stop({ closeCode: lastClose?.code, errorCode: lastClose?.errorCode, message: "the credential provider returned no credential", closedByClient: false });
        return;
      }
      if (plan.reason === "rejected" && sameCredential(credential, previous)) {
        const code = lastClose?.errorCode ?? "4001";
        this.stop({ closeCode: CloseCodes.NotAuthenticated, errorCode: lastClose?.errorCode, message: `the server rejected the credential (${code}) and the credential provider has no other`, closedByClient: false });
        return;
      }
      previous = credential;

      let connection: Connection;
      try {
        connection = this.open(credential);
      } catch (error) {
        // A URL the transport refuses: retrying cannot help.
        this.stop({ message: `cannot open ${this.transports.name} to ${this.url}: ${String(error)}`, closedByClient: false });
        return;
      }
      const close = await connection.closed;
      previous = connection.credential;
      if (this.live === connection) {
        this.live = undefined;
      }
      if (this.closing) {
        return;
      }
      lastClose = close;
      const wait = plan.afterClose(close, connection.welcomedAt);
      if (wait === "stop") {
        this.stop({ closeCode: close.code, errorCode: close.errorCode, message: describe(close), closedByClient: false });
        return;
      }
      await this.wait(wait, close.code, describe(close));
    }
  }

  private async wait(ms: number, closeCode: number | undefined, why: string): Promise<void> {
    this.setState({ state: "reconnecting", closeCode, retryInMs: ms, reason: why });
    await this.sleeper.sleep(ms);
  }

  /** Connects, with the credential and the mount's resume positions on the URL. */
  private open(credential: Credential): Connection {
    const resumeAt = this.subscriptions.resumePositions();
    const url = withResume(withCredential(this.url, credential), resumeAt);
    const connection = new Connection(this.transports.create(), url, this.generation + 1, credential, resumeAt, {
      connectTimeoutMs: this.options.connectTimeoutMs ?? 10_000,
      onMessage: (from, message) => dispatch(from, message, this.messages),
      onEnded: (ended) => {
        if (this.live === ended) {
          this.live = undefined;
        }
      },
    });
    this.generation = connection.generation;
    this.current = connection;
    return connection;
  }

  // --- messages ----------------------------------------------------------------------------

  private onWelcome(connection: Connection, session: Session): void {
    connection.welcomed(this.options.heartbeatTimeoutMs ?? (2 * Math.max(1, session.pingInterval) + 10) * 1000);
    this.live = connection;
    this.sessionValue = session;
    this.connects++;
    this.setState({ state: "connected" });
    this.resolveFirstWelcome();
    this.subscriptions.onWelcome(connection);
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
    this.sleeper.wakeUp();
    const ended = this.subscriptions.takeAll();
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
