// The cluster events log: the latest events of the `cluster` channel, newest first.

import { cell, formatMs, formatRate, formatTime, plural, sum } from "./format.js";
import { $ } from "./state.js";

export const EVENT_LIMIT = 50;

export function renderEvents(view) {
  const rows = view.events.map((event) => {
    const tr = document.createElement("tr");
    tr.append(
      cell(formatTime(event.ts), "num"),
      cell(event.event, "mono"),
      cell(describeEvent(event), "wrap"),
      cell(String(event.offset), "num"),
    );
    return tr;
  });
  $("events").replaceChildren(...rows);
  $("events-empty").hidden = rows.length > 0;
}

function describeEvent(event) {
  const data = event.data ?? {};
  switch (event.event) {
    case "status": {
      const nodes = Array.isArray(data.nodes) ? data.nodes : [];
      const latency = data.latency_ms && data.latency_ms.samples > 0 ? `, p99 ${formatMs(data.latency_ms.p99)}` : "";
      return `${nodes.length} node${nodes.length === 1 ? "" : "s"}, ${plural(sum(nodes, "connections"), "connection")}, ${formatRate(sum(nodes, "deliveries_per_sec"))} deliveries/s${latency}`;
    }
    case "peer_change":
      return `${data.node} ${data.change}`;
    case "state_change":
      return `${data.node} is ${data.state}`;
    case "custom_metrics": {
      const count = data.metrics && typeof data.metrics === "object" ? Object.keys(data.metrics).length : 0;
      return `${count} custom metric${count === 1 ? "" : "s"} from ${data.node ?? "a node"}`;
    }
    default:
      return event.key ?? "";
  }
}
