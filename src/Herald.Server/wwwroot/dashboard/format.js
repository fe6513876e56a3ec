// Number, time and table-cell formatting shared by the panels.

const intFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const rateFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1, minimumFractionDigits: 1 });

export const tickFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2, notation: "compact" });

export const formatInt = (value) => intFormat.format(Number(value) || 0);
export const formatRate = (value) => rateFormat.format(Number(value) || 0);
export const formatMs = (value) => `${(Number(value) || 0).toFixed(value < 10 ? 2 : 0)} ms`;

export const sum = (nodes, field) => nodes.reduce((total, node) => total + (Number(node[field]) || 0), 0);

export function plural(count, noun) {
  return `${formatInt(count)} ${noun}${count === 1 ? "" : "s"}`;
}

export function formatUptime(seconds) {
  let s = Math.max(0, Math.floor(Number(seconds) || 0));
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  if (d > 0) {
    return `${d}d ${h}h`;
  }
  if (h > 0) {
    return `${h}h ${m}m`;
  }
  return m > 0 ? `${m}m ${s}s` : `${s}s`;
}

export function formatTime(ts) {
  const date = new Date(ts);
  return Number.isNaN(date.getTime()) ? "" : date.toLocaleTimeString(undefined, { hour12: false });
}

export function formatDate(ts) {
  const date = new Date(ts);
  return Number.isNaN(date.getTime()) ? "" : date.toLocaleString(undefined, { hour12: false, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
}

export function cell(text, className) {
  const td = document.createElement("td");
  td.textContent = text ?? "";
  if (className) {
    td.className = className;
  }
  return td;
}

export function stateCell(state) {
  const td = document.createElement("td");
  const span = document.createElement("span");
  const known = ["ready", "starting", "draining", "stopped"].includes(state);
  span.className = `state state-${known ? state : "unknown"}`;
  span.textContent = state ?? "unknown";
  td.append(span);
  return td;
}
