import type { HeraldClient } from "./client.js";
import { reportListenerError } from "./errors.js";
import type { Subscription } from "./subscription.js";
import type { ChannelUpdate, SubscribeOptions } from "./updates.js";

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
