import { HeraldError, reportListenerError } from "./errors.js";
import type { ChannelUpdate, HeraldEvent, HeraldSnapshot, StreamPosition, SubscribeOptions } from "./updates.js";

/** @internal What a subscription needs of its client: a way to end itself. */
export interface SubscriptionOwner {
  unsubscribe(subscription: Subscription<any>): Promise<void>;
}

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

  private readonly client: SubscriptionOwner;
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
  constructor(client: SubscriptionOwner, channel: string, options: SubscribeOptions<T>) {
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
