// What the server sends about a channel, as the application receives it.

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
