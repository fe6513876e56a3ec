import type { Connection } from "./connection.js";
import type { SubscriptionTable } from "./subscription-table.js";
import type { HeraldEvent, HeraldSnapshot, Session } from "./updates.js";

/** @internal Who handles what the server sends on a connection. */
export interface MessageTarget {
  readonly subscriptions: SubscriptionTable;
  welcome(connection: Connection, session: Session): void;
  /** `expiring`: the token runs out soon. */
  expiring(connection: Connection): void;
}

/** @internal Routes one server message (PROTOCOL.md §4); unknown types are ignored. */
export function dispatch(connection: Connection, m: Record<string, unknown>, target: MessageTarget): void {
  const subscriptions = target.subscriptions;
  switch (m.type) {
    case "welcome":
      target.welcome(connection, {
        session: String(m.session ?? ""),
        node: String(m.node ?? ""),
        user: String(m.user ?? ""),
        pingInterval: Number(m.ping_interval ?? 25),
      });
      break;
    case "ping":
      connection.send({ type: "pong" });
      break;
    case "pong":
      if (m.id === connection.barrier) {
        subscriptions.onBarrier(connection);
      }
      break;
    case "event": {
      const update = m as unknown as HeraldEvent;
      if (update.data === undefined) {
        update.data = null;
      }
      subscriptions.find(connection, update.channel)?.onEvent(update);
      break;
    }
    case "snapshot": {
      const snapshot = m as unknown as HeraldSnapshot;
      subscriptions.find(connection, snapshot.channel)?.onSnapshot(snapshot);
      break;
    }
    case "subscribed":
      subscriptions.onSubscribed(connection, m);
      break;
    case "unsubscribed":
      subscriptions.onUnsubscribed(connection, m);
      break;
    case "error":
      subscriptions.onError(connection, m);
      break;
    case "expiring":
      target.expiring(connection);
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
