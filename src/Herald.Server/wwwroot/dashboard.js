// Herald admin dashboard: the `cluster` channel over /ws/cluster, plus the admin HTTP API.
// Plain ES module, no build step; the protocol client is the server's own /herald.js.

const CREDENTIAL_KEY = "herald.dashboard.credential";
const CHART_WINDOW_MS = 10 * 60 * 1000;
const CHANNELS_PERIOD_MS = 5000;
const EVENT_LIMIT = 50;

const $ = (id) => document.getElementById(id);

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

let herald = null;
let client = null;
let credential = null;
let channelsTimer = undefined;
let ageTimer = undefined;
/** Why the credential provider gave up (shown on the sign-in form). */
let authFailure = null;

// --- start ------------------------------------------------------------------------------------

async function main() {
  wireForms();
  try {
    // Imported dynamically so a server built without the browser client (no /herald.js) still shows a page.
    herald = await import("/herald.js");
  } catch (error) {
    const notice = $("script-error");
    notice.textContent = "The browser client /herald.js could not be loaded, so the dashboard cannot connect. "
      + "This server was built with -p:HeraldClientScript=false: build it again with Node.js 20+ installed and restart it.";
    notice.hidden = false;
    setBadge("offline");
    console.error(error);
    return;
  }

  const stored = sessionStorage.getItem(CREDENTIAL_KEY);
  if (stored) {
    // A reload: go straight to the dashboard and let the client (re)connect by itself.
    void start(stored, { fresh: false });
  } else {
    showSignIn();
  }
}

function wireForms() {
  $("sign-in-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const value = $("credential").value.trim();
    if (value && herald) {
      void start(value, { fresh: true });
    }
  });
  $("sign-out").addEventListener("click", () => void signOut());
  $("reconnect").addEventListener("click", () => {
    if (credential) {
      void start(credential, { fresh: false });
    }
  });
  $("key-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void createKey();
  });
  $("keys-refresh").addEventListener("click", () => void loadKeys());
  $("key-copy").addEventListener("click", () => void copyKey());
  $("key-dismiss").addEventListener("click", () => {
    $("key-created-value").textContent = "";
    $("key-created").hidden = true;
  });
}

// --- credentials ------------------------------------------------------------------------------

/**
 * A JWT is three base64url parts whose header starts `{"` (base64 `eyJ`); anything else is taken
 * for an API key, whose random part may itself contain dots.
 */
function authHeaders(value) {
  return /^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(value)
    ? { Authorization: `Bearer ${value}` }
    : { "X-Api-Key": value };
}

async function problemText(response) {
  try {
    const body = await response.json();
    const code = body.code ? `${body.code}: ` : "";
    return `${code}${body.detail ?? body.title ?? response.statusText}`;
  } catch {
    return `${response.status} ${response.statusText}`;
  }
}

/**
 * The client's credential provider: every (re)connect buys a fresh single-use ticket with the
 * remembered credential, so the JWT or key itself never goes into a URL.
 */
async function buyTicket() {
  const response = await fetch("/ws/cluster/ticket", {
    method: "POST",
    headers: authHeaders(credential),
    credentials: "same-origin",
    cache: "no-store",
  });
  if (response.status === 401 || response.status === 403) {
    // Retrying cannot help: returning null stops the client and sends the user to sign in.
    authFailure = `The server refused this credential (${await problemText(response)}).`;
    return null;
  }
  if (!response.ok) {
    // A node restarting or a proxy hiccup: throwing makes the client retry with backoff.
    throw new Error(`ticket: ${response.status}`);
  }
  const body = await response.json();
  return { ticket: body.ticket };
}

async function api(path, init = {}) {
  const response = await fetch(path, {
    ...init,
    headers: { ...authHeaders(credential), ...(init.body ? { "Content-Type": "application/json" } : {}), ...(init.headers ?? {}) },
    cache: "no-store",
  });
  if (response.status === 401 && client) {
    // The credential itself no longer works (expired JWT, revoked key).
    authFailure = `The server refused this credential (${await problemText(response)}).`;
  }
  return response;
}

// --- connection -------------------------------------------------------------------------------

async function start(value, { fresh }) {
  await stopClient();
  credential = value;
  authFailure = null;
  resetView();

  if (fresh) {
    setSignInBusy(true);
  } else {
    showDashboard();
  }

  const current = new herald.HeraldClient({
    url: "/ws/cluster",
    credentials: buyTicket,
    onStateChange: ({ state, reason }) => {
      if (client !== current) {
        return;
      }
      if (state === "connected") {
        setBadge("connected");
        $("connection-notice").hidden = true;
        $("session-user").textContent = current.session ? `${current.session.user} @ ${current.session.node}` : "";
      } else if (state === "connecting" || state === "reconnecting") {
        setBadge(current.connectCount > 0 || !fresh ? "reconnecting" : "offline");
        if (state === "reconnecting" && reason && current.connectCount > 0) {
          showConnectionNotice(`Connection lost: ${reason}. Reconnecting…`, false);
        }
      } else if (state === "stopped") {
        setBadge("offline");
      }
    },
  });
  client = current;

  try {
    // The mount already subscribes us; subscribing here hands the channel to the client, which
    // takes the mount's announcement as its answer and resumes it at each reconnect (`since` on
    // the upgrade URL), so what was missed comes once, in order.
    await current.subscribe("cluster", { snapshot: true, onUpdate: applyUpdate });
  } catch (error) {
    if (client === current) {
      onStopped(error, fresh);
    }
    return;
  }
  if (client !== current) {
    return;
  }

  sessionStorage.setItem(CREDENTIAL_KEY, value);
  showDashboard();
  void refreshChannels();
  channelsTimer = setInterval(() => void refreshChannels(), CHANNELS_PERIOD_MS);
  ageTimer = setInterval(renderStatusAge, 1000);
  void loadKeys();
  current.stopped.then((reason) => {
    if (client === current && !reason.closedByClient) {
      onStopped(new herald.HeraldStoppedError(reason), false);
    }
  });
}

/** The client gave up for good: a refused credential goes back to sign-in, anything else offers a retry. */
function onStopped(error, fresh) {
  const reason = error?.reason ?? {};
  const code = reason.errorCode ?? error?.code;
  const denied = code === "ACCESS_DENIED" || reason.closeCode === 4003;
  const refused = denied || authFailure !== null || reason.closeCode === 4001;
  setBadge("offline");
  clearTimers();
  if (refused || fresh) {
    let message;
    if (denied) {
      message = "Access denied: this credential is valid but lacks the admin attribute the cluster dashboard requires (ACCESS_DENIED, close 4003).";
    } else if (authFailure) {
      message = authFailure;
    } else {
      message = `Could not sign in: ${reason.message ?? String(error)}`;
    }
    sessionStorage.removeItem(CREDENTIAL_KEY);
    client = null;
    showSignIn(message);
    return;
  }
  showConnectionNotice(`Disconnected: ${reason.message ?? String(error)}.`, true);
}

async function stopClient() {
  clearTimers();
  const previous = client;
  client = null;
  if (previous) {
    await previous.close().catch(() => undefined);
  }
}

function clearTimers() {
  clearInterval(channelsTimer);
  clearInterval(ageTimer);
  channelsTimer = undefined;
  ageTimer = undefined;
}

async function signOut() {
  await stopClient();
  sessionStorage.removeItem(CREDENTIAL_KEY);
  credential = null;
  setBadge("offline");
  showSignIn();
}

// --- cluster channel --------------------------------------------------------------------------

function resetView() {
  view.status = null;
  view.statusAt = 0;
  view.nodes = [];
  view.events = [];
  view.samples = [];
  renderAll();
}

function applyUpdate(update) {
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

const sum = (nodes, field) => nodes.reduce((total, node) => total + (Number(node[field]) || 0), 0);

// --- rendering --------------------------------------------------------------------------------

function renderAll() {
  renderSummary();
  renderNodes();
  renderCharts();
  renderEvents();
  renderStatusAge();
}

function renderSummary() {
  const nodes = view.nodes;
  const has = view.status !== null;
  $("sum-nodes").textContent = has ? String(nodes.length) : "–";
  $("sum-connections").textContent = has ? formatInt(sum(nodes, "connections")) : "–";
  $("sum-deliveries").textContent = has ? formatRate(sum(nodes, "deliveries_per_sec")) : "–";
  $("sum-events").textContent = has ? formatRate(sum(nodes, "events_in_per_sec")) : "–";
  const latency = view.status?.latency_ms;
  $("sum-latency").textContent = latency && latency.samples > 0 ? `${formatMs(latency.p50)} / ${formatMs(latency.p99)}` : "–";
}

function renderNodes() {
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

function renderStatusAge() {
  const label = $("status-age");
  if (!view.statusAt) {
    label.textContent = "";
    return;
  }
  const seconds = Math.max(0, Math.round((Date.now() - view.statusAt) / 1000));
  label.textContent = `status ${seconds} s ago`;
}

function renderEvents() {
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

function cell(text, className) {
  const td = document.createElement("td");
  td.textContent = text ?? "";
  if (className) {
    td.className = className;
  }
  return td;
}

function stateCell(state) {
  const td = document.createElement("td");
  const span = document.createElement("span");
  const known = ["ready", "starting", "draining", "stopped"].includes(state);
  span.className = `state state-${known ? state : "unknown"}`;
  span.textContent = state ?? "unknown";
  td.append(span);
  return td;
}

// --- charts -----------------------------------------------------------------------------------

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

function renderCharts() {
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

// --- channels ---------------------------------------------------------------------------------

let channelsInFlight = false;

async function refreshChannels() {
  if (channelsInFlight || !credential) {
    return;
  }
  channelsInFlight = true;
  try {
    const response = await api("/api/channels");
    if (!response.ok) {
      $("channels-updated").textContent = `could not load (${await problemText(response)})`;
      return;
    }
    const body = await response.json();
    const channels = [...(body.channels ?? [])].sort((a, b) => b.subscribers - a.subscribers || String(a.channel).localeCompare(String(b.channel)));
    $("channels").replaceChildren(...channels.map((c) => {
      const tr = document.createElement("tr");
      tr.append(cell(c.channel, "mono"), cell(formatInt(c.subscribers), "num"));
      return tr;
    }));
    $("channels-empty").hidden = channels.length > 0;
    $("channels-updated").textContent = `updated ${new Date().toLocaleTimeString()}`;
  } catch {
    $("channels-updated").textContent = "server unreachable";
  } finally {
    channelsInFlight = false;
  }
}

// --- API keys ---------------------------------------------------------------------------------

async function loadKeys() {
  try {
    const response = await api("/api/keys");
    if (!response.ok) {
      showKeyError(`Could not list API keys: ${await problemText(response)}`);
      return;
    }
    const body = await response.json();
    const keys = [...(body.keys ?? [])].sort((a, b) => String(b.created_at).localeCompare(String(a.created_at)));
    $("keys").replaceChildren(...keys.map(keyRow));
    $("keys-empty").hidden = keys.length > 0;
  } catch {
    showKeyError("Could not list API keys: the server is unreachable.");
  }
}

function keyRow(key) {
  const tr = document.createElement("tr");
  const active = key.active !== false;
  const status = document.createElement("td");
  const badge = document.createElement("span");
  badge.className = `state ${active ? "state-ready" : "state-revoked"}`;
  badge.textContent = active ? "active" : "revoked";
  status.append(badge);
  const actions = document.createElement("td");
  actions.className = "num";
  if (active) {
    const revoke = document.createElement("button");
    revoke.type = "button";
    revoke.className = "button button-small button-danger";
    revoke.textContent = "Revoke";
    revoke.addEventListener("click", () => void revokeKey(key, revoke));
    actions.append(revoke);
  }
  tr.append(
    cell(key.id, "mono"),
    cell(key.owner),
    cell(key.name),
    cell((key.attributes ?? []).join(", ")),
    cell(formatDate(key.created_at), "num"),
    cell(key.last_used_at ? formatDate(key.last_used_at) : "never", "num"),
    status,
    actions,
  );
  return tr;
}

async function createKey() {
  hideKeyError();
  const attributes = $("key-attributes").value.split(/[\s,]+/).map((a) => a.trim()).filter(Boolean);
  const payload = { owner: $("key-owner").value.trim(), name: $("key-name").value.trim(), attributes };
  try {
    const response = await api("/api/keys", { method: "POST", body: JSON.stringify(payload) });
    if (!response.ok) {
      showKeyError(`Could not create the key: ${await problemText(response)}`);
      return;
    }
    const created = await response.json();
    $("key-created-value").textContent = created.key;
    $("key-created").hidden = false;
    $("key-copy").textContent = "Copy";
    $("key-form").reset();
    await loadKeys();
  } catch {
    showKeyError("Could not create the key: the server is unreachable.");
  }
}

async function revokeKey(key, button) {
  if (!confirm(`Revoke key ${key.id} (${key.name})? Its connections close within 5 s.`)) {
    return;
  }
  button.disabled = true;
  hideKeyError();
  try {
    const response = await api(`/api/keys/${encodeURIComponent(key.id)}`, { method: "DELETE" });
    if (!response.ok) {
      showKeyError(`Could not revoke ${key.id}: ${await problemText(response)}`);
    }
  } catch {
    showKeyError(`Could not revoke ${key.id}: the server is unreachable.`);
  }
  await loadKeys();
}

async function copyKey() {
  const value = $("key-created-value").textContent ?? "";
  try {
    await navigator.clipboard.writeText(value);
  } catch {
    // No clipboard API over plain HTTP on another host: fall back to selecting the text.
    const range = document.createRange();
    range.selectNodeContents($("key-created-value"));
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    document.execCommand("copy");
  }
  $("key-copy").textContent = "Copied";
}

function showKeyError(message) {
  $("key-error").textContent = message;
  $("key-error").hidden = false;
}

function hideKeyError() {
  $("key-error").hidden = true;
}

// --- page state -------------------------------------------------------------------------------

function setBadge(state) {
  const badge = $("badge");
  badge.className = `badge badge-${state}`;
  badge.dataset.state = state;
  badge.textContent = state;
}

function showSignIn(error) {
  $("dashboard").hidden = true;
  $("sign-in").hidden = false;
  $("sign-out").hidden = true;
  $("session-user").hidden = true;
  setSignInBusy(false);
  const box = $("sign-in-error");
  box.textContent = error ?? "";
  box.hidden = !error;
  if (!error) {
    $("credential").value = "";
  }
  $("credential").focus();
}

function showDashboard() {
  setSignInBusy(false);
  $("sign-in").hidden = true;
  $("dashboard").hidden = false;
  $("sign-out").hidden = false;
  $("session-user").hidden = false;
}

function setSignInBusy(busy) {
  $("sign-in-button").disabled = busy;
  $("sign-in-status").textContent = busy ? "Signing in…" : "";
  if (busy) {
    $("sign-in-error").hidden = true;
  }
}

function showConnectionNotice(text, offerRetry) {
  $("connection-notice-text").textContent = text;
  $("reconnect").hidden = !offerRetry;
  $("connection-notice").hidden = false;
}

// --- formatting -------------------------------------------------------------------------------

const intFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const rateFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1, minimumFractionDigits: 1 });

const tickFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2, notation: "compact" });

const formatInt = (value) => intFormat.format(Number(value) || 0);
const formatRate = (value) => rateFormat.format(Number(value) || 0);
const formatMs = (value) => `${(Number(value) || 0).toFixed(value < 10 ? 2 : 0)} ms`;

function plural(count, noun) {
  return `${formatInt(count)} ${noun}${count === 1 ? "" : "s"}`;
}

function formatUptime(seconds) {
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

function formatTime(ts) {
  const date = new Date(ts);
  return Number.isNaN(date.getTime()) ? "" : date.toLocaleTimeString(undefined, { hour12: false });
}

function formatDate(ts) {
  const date = new Date(ts);
  return Number.isNaN(date.getTime()) ? "" : date.toLocaleString(undefined, { hour12: false, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
}

void main();
