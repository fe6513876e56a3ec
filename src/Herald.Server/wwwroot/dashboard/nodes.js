// The summary cards and the nodes table, from the latest status.

import { cell, formatInt, formatMs, formatRate, formatUptime, stateCell, sum } from "./format.js";
import { $ } from "./state.js";

export function renderSummary(view) {
  const nodes = view.nodes;
  const has = view.status !== null;
  $("sum-nodes").textContent = has ? String(nodes.length) : "–";
  $("sum-connections").textContent = has ? formatInt(sum(nodes, "connections")) : "–";
  $("sum-deliveries").textContent = has ? formatRate(sum(nodes, "deliveries_per_sec")) : "–";
  $("sum-events").textContent = has ? formatRate(sum(nodes, "events_in_per_sec")) : "–";
  const latency = view.status?.latency_ms;
  $("sum-latency").textContent = latency && latency.samples > 0 ? `${formatMs(latency.p50)} / ${formatMs(latency.p99)}` : "–";
}

export function renderNodes(view) {
  const body = $("nodes");
  const rows = [...view.nodes].sort((a, b) => String(a.node).localeCompare(String(b.node))).map((node) => {
    const tr = document.createElement("tr");
    tr.dataset.node = node.node;
    tr.append(
      cell(node.node, "mono"),
      stateCell(node.state),
      cell(formatInt(node.connections), "num"),
      cell(formatInt(node.channels), "num"),
      cell(formatInt(node.subscriptions), "num"),
      cell(formatRate(node.events_in_per_sec), "num"),
      cell(formatRate(node.deliveries_per_sec), "num"),
      cell(formatUptime(node.uptime_seconds), "num"),
    );
    return tr;
  });
  body.replaceChildren(...rows);
  $("nodes-empty").hidden = rows.length > 0;
  $("nodes-empty").textContent = view.status ? "No nodes." : "Waiting for the first status…";
}

export function renderStatusAge(view) {
  const label = $("status-age");
  if (!view.statusAt) {
    label.textContent = "";
    return;
  }
  const seconds = Math.max(0, Math.round((Date.now() - view.statusAt) / 1000));
  label.textContent = `status ${seconds} s ago`;
}
