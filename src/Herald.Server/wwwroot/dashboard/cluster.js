// The `cluster` channel as the page sees it: the latest status, the nodes, the event log and the
// chart samples, fed by the subscription's updates and drawn by the panels.

import { CHART_WINDOW_MS, renderCharts } from "./charts.js";
import { EVENT_LIMIT, renderEvents } from "./events.js";
import { sum } from "./format.js";
import { renderNodes, renderStatusAge, renderSummary } from "./nodes.js";

const view = {
  /** The latest `status` data: { nodes, latency_ms, custom_metrics }. */
  status: null,
  statusAt: 0,
  /** Nodes to show: the latest status, minus peers announced as left since. */
  nodes: [],
  /** Newest first, at most EVENT_LIMIT. */
  events: [],
  /** { t, connections, deliveries } per status event, oldest first. */
  samples: [],
};

export function resetView() {
  view.status = null;
  view.statusAt = 0;
  view.nodes = [];
  view.events = [];
  view.samples = [];
  renderAll();
}

export function applyUpdate(update) {
  if (update.type === "snapshot") {
    const items = [...update.items].sort((a, b) => a.offset - b.offset);
    const status = items.find((item) => item.key === "status");
    if (status) {
      applyStatus(status.data, status.ts);
    }
    if (view.events.length === 0) {
      // The snapshot holds the latest event per key: a useful start for the log.
      view.events = items.map((item) => ({ ...item, channel: update.channel })).reverse().slice(0, EVENT_LIMIT);
    }
  } else if (update.type === "event") {
    view.events.unshift(update);
    view.events.length = Math.min(view.events.length, EVENT_LIMIT);
    const data = update.data ?? {};
    if (update.event === "status") {
      applyStatus(data, update.ts);
    } else if (update.event === "peer_change" && data.change === "left") {
      // Gone now, not at the next status five seconds later.
      view.nodes = view.nodes.filter((node) => node.node !== data.node);
    } else if (update.event === "state_change") {
      const node = view.nodes.find((n) => n.node === data.node);
      if (node) {
        node.state = data.state;
      }
    }
  }
  renderAll();
}

function applyStatus(data, ts) {
  if (!data || !Array.isArray(data.nodes)) {
    return;
  }
  view.status = data;
  view.statusAt = Date.parse(ts) || Date.now();
  view.nodes = data.nodes.map((node) => ({ ...node }));
  const sample = {
    t: view.statusAt,
    connections: sum(data.nodes, "connections"),
    deliveries: sum(data.nodes, "deliveries_per_sec"),
  };
  // A resume can replay a status already drawn: keep one sample per timestamp.
  if (!view.samples.some((s) => s.t === sample.t)) {
    view.samples.push(sample);
    view.samples.sort((a, b) => a.t - b.t);
  }
  const horizon = Date.now() - CHART_WINDOW_MS;
  view.samples = view.samples.filter((s) => s.t >= horizon);
}

function renderAll() {
  renderSummary(view);
  renderNodes(view);
  renderCharts(view);
  renderEvents(view);
  renderStatusAge(view);
}

/** Ticks the "status N s ago" label between status events. */
export const tickStatusAge = () => renderStatusAge(view);
