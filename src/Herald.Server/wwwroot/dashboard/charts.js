// The two charts: connections and deliveries per second over the last ten minutes, drawn as SVG.

import { tickFormat } from "./format.js";
import { $ } from "./state.js";

export const CHART_WINDOW_MS = 10 * 60 * 1000;

const SVG = "http://www.w3.org/2000/svg";

function svgElement(name, attributes, text) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) {
    element.setAttribute(key, String(value));
  }
  if (text !== undefined) {
    element.textContent = text;
  }
  return element;
}

export function renderCharts(view) {
  // Connections are whole numbers: a scale of at least 4 keeps the four gridlines on integers.
  drawChart($("chart-connections"), view.samples.map((s) => [s.t, s.connections]), "var(--line-1)", 4);
  drawChart($("chart-deliveries"), view.samples.map((s) => [s.t, s.deliveries]), "var(--line-2)", 1);
}

/** A line over the last CHART_WINDOW_MS, y from zero to a rounded maximum; the right edge is now. */
function drawChart(container, points, color, minimumMax) {
  const width = 600;
  const height = 160;
  const left = 48;
  const right = 8;
  const top = 8;
  const bottom = 20;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const svg = svgElement("svg", { viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: "none", role: "img" });

  const end = points.length ? Math.max(Date.now(), points[points.length - 1][0]) : Date.now();
  const begin = end - CHART_WINDOW_MS;
  const max = niceMax(Math.max(minimumMax, ...points.map((p) => p[1])));
  const x = (t) => left + ((t - begin) / CHART_WINDOW_MS) * plotW;
  const y = (v) => top + plotH - (v / max) * plotH;

  for (let i = 0; i <= 4; i++) {
    const value = (max / 4) * i;
    svg.append(svgElement("line", { class: i === 0 ? "axis" : "gridline", x1: left, x2: width - right, y1: y(value), y2: y(value) }));
    svg.append(svgElement("text", { class: "label", x: left - 6, y: y(value) + 4, "text-anchor": "end" }, tickFormat.format(value)));
  }
  for (let minutes = 10; minutes >= 0; minutes -= 2) {
    const t = end - minutes * 60_000;
    svg.append(svgElement("text", { class: "label", x: x(t), y: height - 4, "text-anchor": minutes === 10 ? "start" : minutes === 0 ? "end" : "middle" }, minutes === 0 ? "now" : `-${minutes}m`));
  }

  if (points.length === 0) {
    svg.append(svgElement("text", { class: "empty-label", x: left + plotW / 2, y: top + plotH / 2, "text-anchor": "middle" }, "Waiting for status events…"));
  } else {
    const coordinates = points.map(([t, v]) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`);
    if (points.length === 1) {
      svg.append(svgElement("circle", { cx: x(points[0][0]), cy: y(points[0][1]), r: 3, fill: color }));
    } else {
      const first = x(points[0][0]).toFixed(1);
      const last = x(points[points.length - 1][0]).toFixed(1);
      const base = y(0).toFixed(1);
      svg.append(svgElement("polygon", { class: "area", fill: color, points: `${first},${base} ${coordinates.join(" ")} ${last},${base}` }));
      svg.append(svgElement("polyline", { class: "line", stroke: color, points: coordinates.join(" ") }));
    }
  }
  container.replaceChildren(svg);
}

/** 1, 2, 4 or 5 times a power of ten, at least the value (and at least 1, so an idle chart has a scale). */
function niceMax(value) {
  if (value <= 1) {
    return 1;
  }
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 4, 5, 10]) {
    if (step * power >= value) {
      return step * power;
    }
  }
  return 10 * power;
}
