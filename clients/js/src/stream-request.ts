import type { Subscription } from "./subscription.js";

/** @internal What one SSE stream carries: every subscription's channel, with `events` and `snapshot` for all of them. */
export interface StreamRequest {
  channels: string[];
  /** The union of the subscriptions' globs; undefined when one of them takes every event. */
  events: string[] | undefined;
  snapshot: boolean;
}

/**
 * @internal A stream's `events` and `snapshot` hold for all its channels, so it asks for the
 * widest (the union of the globs, a snapshot if any subscription wants one) and the client
 * narrows per subscription with `wants`, as the server would have for its own `subscribe`.
 */
export function streamRequest(subscriptions: Iterable<Subscription<any>>): StreamRequest {
  const channels: string[] = [];
  let events: Set<string> | undefined = new Set<string>();
  let snapshot = false;
  for (const subscription of subscriptions) {
    if (subscription.ended) {
      continue;
    }
    channels.push(subscription.channel);
    const globs = subscription.options.events;
    if (globs?.length && events) {
      globs.forEach((glob) => events!.add(glob));
    } else {
      events = undefined;
    }
    snapshot ||= !!subscription.options.snapshot;
  }
  return { channels, events: events && events.size > 0 ? [...events] : undefined, snapshot };
}

/** @internal Adds the stream's `channel`, `events` and `snapshot` parameters (docs/protocol.md §10). */
export function withStream(url: string, request: StreamRequest): string {
  const target = new URL(url);
  request.channels.forEach((channel) => target.searchParams.append("channel", channel));
  request.events?.forEach((glob) => target.searchParams.append("events", glob));
  if (request.snapshot) {
    target.searchParams.set("snapshot", "true");
  }
  return target.toString();
}

/** @internal True when the subscription's `events` globs (`*`: any run of characters) take this event name. */
export function wantsEvent(subscription: Subscription<any>, name: string): boolean {
  const globs = subscription.options.events;
  return !globs?.length || globs.some((glob) => globMatches(glob, name));
}

function globMatches(glob: string, name: string): boolean {
  const parts = glob.split("*");
  if (parts.length === 1) {
    return glob === name;
  }
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (!name.startsWith(first) || name.length < first.length + last.length || !name.endsWith(last)) {
    return false;
  }
  let at = first.length;
  const stop = name.length - last.length;
  for (const part of parts.slice(1, -1)) {
    const found = name.indexOf(part, at);
    if (found < 0 || found + part.length > stop) {
      return false;
    }
    at = found + part.length;
  }
  return true;
}
