import type { Connection, RequestIds } from "./connection.js";
import { HeraldError } from "./errors.js";
import { MountChannels } from "./resume.js";
import type { Subscription } from "./subscription.js";
import type { StreamPosition } from "./updates.js";

/**
 * @internal The client's subscriptions, one per channel, and the protocol that keeps them: which
 * `subscribe` goes out on each connection, and what `subscribed`, `unsubscribed` and `error` mean.
 */
export class SubscriptionTable {
  private readonly byChannel = new Map<string, Subscription<any>>();
  private readonly mount = new MountChannels();

  constructor(private readonly ids: RequestIds) {}

  has(channel: string): boolean {
    return this.byChannel.has(channel);
  }

  add(subscription: Subscription<any>): void {
    this.byChannel.set(subscription.channel, subscription);
  }

  /** Forgets the subscription, unless its channel is held by a newer one. */
  remove(subscription: Subscription<any>): void {
    if (this.byChannel.get(subscription.channel) === subscription) {
      this.byChannel.delete(subscription.channel);
    }
  }

  /** Forgets every subscription and returns them (the client stopped). */
  takeAll(): Subscription<any>[] {
    const all = [...this.byChannel.values()];
    this.byChannel.clear();
    return all;
  }

  /** The positions for the next upgrade URL. */
  resumePositions(): Map<string, StreamPosition> {
    return this.mount.resumePositions(this.byChannel.values());
  }

  /** The subscription to `channel` as of this connection, if it was (re)subscribed on it. */
  find(connection: Connection, channel: string): Subscription<any> | undefined {
    const subscription = this.byChannel.get(channel);
    return subscription && subscription.generation === connection.generation ? subscription : undefined;
  }

  /** A new connection: every subscription is resumed, by the mount's announcement or by our `subscribe`. */
  onWelcome(connection: Connection): void {
    for (const subscription of [...this.byChannel.values()]) {
      if (!this.mount.awaitAnnouncement(connection, subscription)) {
        this.sendSubscribe(connection, subscription);
      }
    }
    if (connection.awaiting.size > 0) {
      connection.barrier = this.ids.next();
      connection.send({ type: "ping", id: connection.barrier });
    }
  }

  onBarrier(connection: Connection): void {
    for (const subscription of this.mount.unannounced(connection)) {
      this.sendSubscribe(connection, subscription);
    }
  }

  sendSubscribe(connection: Connection, subscription: Subscription<any>): void {
    if (subscription.ended || subscription.generation === connection.generation) {
      return;
    }
    const id = this.ids.next();
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

  onSubscribed(connection: Connection, m: Record<string, unknown>): void {
    let subscription: Subscription<any> | undefined;
    let subscribedByUs = true;
    if (m.id === undefined) {
      const channel = String(m.channel ?? "");
      ({ subscription, subscribedByUs } = this.mount.announced(connection, channel, this.byChannel.get(channel)));
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

  onUnsubscribed(connection: Connection, m: Record<string, unknown>): void {
    if (m.id !== undefined) {
      return; // The answer to our own unsubscribe.
    }
    const channel = String(m.channel ?? "");
    const reason = String(m.reason ?? "UNSUBSCRIBED");
    const subscription = this.find(connection, channel);
    if (subscription) {
      this.byChannel.delete(channel);
      subscription.end(new HeraldError(reason, `the server ended the subscription to ${channel} (${reason})`));
    }
  }

  onError(connection: Connection, m: Record<string, unknown>): void {
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
      this.remove(subscription);
      subscription.end(new HeraldError(code, `subscribe to ${subscription.channel} refused: ${code}: ${message}`));
      return;
    }
    pending.resolve({ code, message });
  }

  /**
   * A subscription that wants snapshots, answered by an announcement that did not recover: the
   * mount may have no snapshot to send, so ask for one at the current position (which repeats no
   * event; at worst a second snapshot comes). Its reply is only a confirmation.
   */
  private requestSnapshot(connection: Connection, subscription: Subscription<any>): void {
    const id = this.ids.next();
    connection.pending.set(id, { resolve: () => undefined });
    const message: Record<string, unknown> = { type: "subscribe", id, channel: subscription.channel, snapshot: true };
    if (subscription.options.events?.length) {
      message.events = subscription.options.events;
    }
    connection.send(message);
  }
}
