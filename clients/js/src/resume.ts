import type { Connection } from "./connection.js";
import type { Subscription } from "./subscription.js";
import type { StreamPosition } from "./updates.js";

// A mount may subscribe every connection at connect and announce it with `subscribed` without
// `id`. Their positions go on the upgrade URL, so the announcement itself starts with the
// replay, and no `subscribe` of ours is sent for them (it could only repeat or reorder events).

/** @internal The channels the mount announced (`subscribed` without `id`) on some connection. */
export class MountChannels {
  private readonly channels = new Set<string>();

  /** Channels the mount announced before, and subscriptions starting from an application-given `since`. */
  resumePositions(subscriptions: Iterable<Subscription<any>>): Map<string, StreamPosition> {
    const positions = new Map<string, StreamPosition>();
    for (const subscription of subscriptions) {
      const position = subscription.position;
      if (!subscription.ended && position && (this.channels.has(subscription.channel) || !subscription.subscribedAt)) {
        positions.set(subscription.channel, position);
      }
    }
    return positions;
  }

  /** True when the mount will announce this subscription's channel on this connection, so no `subscribe` is sent. */
  awaitAnnouncement(connection: Connection, subscription: Subscription<any>): boolean {
    const position = connection.resumeAt.get(subscription.channel);
    if (subscription.ended || !position || !this.channels.has(subscription.channel)) {
      return false;
    }
    subscription.generation = connection.generation;
    subscription.active = false;
    subscription.sentSince = position;
    connection.awaiting.set(subscription.channel, subscription);
    return true;
  }

  /**
   * Every announcement precedes the answer to the barrier ping: a channel still awaited is no
   * longer the mount's. Returns those subscriptions, to be subscribed the ordinary way.
   */
  unannounced(connection: Connection): Subscription<any>[] {
    const unannounced = [...connection.awaiting.values()];
    connection.awaiting.clear();
    for (const subscription of unannounced) {
      this.channels.delete(subscription.channel);
      subscription.generation = -1;
    }
    return unannounced;
  }

  /**
   * An announcement answers for our subscription to that channel on this connection, awaited or
   * sent; `subscribedByUs` says whether a `subscribe` of ours is also on its way.
   */
  announced(connection: Connection, channel: string, subscription: Subscription<any> | undefined): { subscription?: Subscription<any>; subscribedByUs: boolean } {
    this.channels.add(channel);
    const awaited = connection.awaiting.delete(channel);
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
}

/** @internal Adds `since=<epoch>:<offset>:<channel>` per position (the channel last: channel names may hold ':'). */
export function withResume(url: string, positions: Map<string, StreamPosition>): string {
  if (positions.size === 0) {
    return url;
  }
  const target = new URL(url);
  for (const [channel, position] of positions) {
    target.searchParams.append("since", `${position.epoch}:${position.offset}:${channel}`);
  }
  return target.toString();
}
