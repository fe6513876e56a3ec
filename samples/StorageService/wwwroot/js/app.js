import { HeraldClient, KeyedState } from "/herald.js";
import { Store } from "./store.js";
import { Api, debounce } from "./api.js";
import { el, status, when, short, flash } from "./dom.js";

const TOKEN_KEY = "storage.token";
const $ = (id) => document.getElementById(id);

let session = null;

function subjectOf(token) {
  try {
    const payload = JSON.parse(atob(token.split(".")[1].replaceAll("-", "+").replaceAll("_", "/")));
    return payload.sub ?? "";
  } catch {
    return null;
  }
}

function showSignIn(message) {
  $("dashboard").hidden = true;
  $("signin").hidden = false;
  $("signout").hidden = true;
  $("user").textContent = "";
  $("signin-error").hidden = !message;
  $("signin-error").textContent = message ?? "";
  setBadge("offline");
}

function setBadge(state) {
  const badge = $("badge");
  badge.dataset.state = state;
  badge.textContent = state;
}

/** The badge for the client's connection state: once welcomed, any new attempt is a reconnect. */
function badgeFor(client) {
  const state = client.state;
  if (state === "connected") return "connected";
  if (state === "idle" || state === "stopped" || navigator.onLine === false) return "offline";
  return state === "reconnecting" || client.connectCount > 0 ? "reconnecting" : "connecting";
}

function signOut(message) {
  const s = session;
  session = null;
  void s?.client.close();
  sessionStorage.removeItem(TOKEN_KEY);
  showSignIn(message);
}

$("signin-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const token = $("token").value.trim();
  if (subjectOf(token) === null) return showSignIn("That is not a JWT.");
  const check = await fetch("/storage/monitor", { method: "POST", headers: { Authorization: `Bearer ${token}` } });
  if (!check.ok) {
    const problem = await check.json().catch(() => ({}));
    return showSignIn(problem.detail ?? `Refused (${check.status}).`);
  }
  sessionStorage.setItem(TOKEN_KEY, token);
  $("token").value = "";
  start(token);
});

$("signout").addEventListener("click", () => signOut());

function start(token) {
  const store = new Store();
  const client = new HeraldClient({
    url: "/ws",
    credentials: () => buyTicket(s, token),
    // Back within seconds after a restart, as a dashboard should; the default tops out at 30 s.
    backoff: { initialDelayMs: 250, maxDelayMs: 5_000 },
    onStateChange: () => badge(),
  });
  const s = { api: new Api(token), store, client, selected: null, denied: {}, refused: null };
  session = s;
  $("signin").hidden = true;
  $("dashboard").hidden = false;
  $("signout").hidden = false;
  $("user").textContent = subjectOf(token);

  const refreshLists = debounce(loadLists);
  // A client closed by signing out may still report a state: only the current session's shows.
  const badge = () => s === session && setBadge(badgeFor(client));
  addEventListener("online", badge);
  addEventListener("offline", badge);
  client.stopped.then((reason) => {
    removeEventListener("online", badge);
    removeEventListener("offline", badge);
    if (s === session && !reason.closedByClient) {
      signOut(`Signed out: ${s.refused ?? reason.errorCode ?? reason.closeCode ?? "stopped"}. Sign in again.`);
    }
  });

  // The mount subscribes every connection to `storage` already; subscribing from here makes the
  // stream the client's own: a snapshot first, then resumed at each reconnect (`since` on the
  // upgrade URL, so nothing is missed or repeated).
  KeyedState.subscribe(client, "storage")
    .then((live) => {
      if (s !== session) return;
      store.attach(live);
      live.onChange((_, update) => onUpdate(s, update, refreshLists));
      render();
    })
    // The client stopped first (`stopped` above says why), or `storage` was refused: the API lists still show.
    .catch(() => undefined);
  badge();
  loadLists();
}

/**
 * The credential for every (re)connect: the JWT buys a single-use ticket (answered as JSON and as
 * a cookie scoped to the mount). A refusal stops the client; anything else is retried with backoff.
 */
async function buyTicket(s, token) {
  const response = await fetch("/storage/monitor", { method: "POST", headers: { Authorization: `Bearer ${token}` }, credentials: "same-origin" });
  if (response.status === 401 || response.status === 403) {
    const problem = await response.json().catch(() => ({}));
    s.refused = problem.code ?? "INVALID_CREDENTIALS";
    return null;
  }
  if (!response.ok) throw new Error(`POST /storage/monitor: ${response.status}`);
  return { ticket: (await response.json()).ticket };
}

async function loadLists() {
  const s = session;
  if (!s) return;
  const at = s.store.tick;
  try {
    const [locations, aips] = await Promise.all([s.api.get("/storage/locations"), s.api.get("/storage/aips")]);
    if (s !== session) return;
    s.denied.locations = locations.denied;
    s.denied.aips = aips.denied;
    s.store.load("location:", locations.items, (l) => `location:${l.uuid}`, at);
    s.store.load("aip:", aips.items, (a) => `aip:${a.uuid}`, at);
    render();
  } catch (error) {
    if (String(error.message) === "unauthorized") signOut("Your token was refused. Sign in again.");
  }
}

async function loadDetail() {
  const s = session;
  if (!s?.selected) return;
  const at = s.store.tick;
  const workflows = await s.api.get(`/storage/aips/${s.selected}/workflows`).catch(() => ({ denied: false, items: [] }));
  if (s !== session) return;
  s.denied.workflows = workflows.denied;
  s.store.load("workflow:", workflows.items, (w) => `workflow:${w.uuid}`, at);
  s.store.load("task:", workflows.items.flatMap((w) => w.tasks ?? []), (t) => `task:${t.uuid}`, at);
  renderDetail();
}

function onUpdate(s, update, refreshLists) {
  if (s !== session) return;
  s.store.applied(update);
  if (update.type === "gap") {
    // History did not reach back far enough: the snapshot that follows replaces the keyed state,
    // and the API lists are read again for what the stream does not carry.
    refreshLists();
    loadDetail();
    return;
  }
  render();
  if (update.type !== "event") return;
  // Rows change in place at once; a new row also asks the API for the list, debounced.
  if (update.event === "location.created" || update.event === "aip.created") refreshLists();
  flash(document, update.key);
}

function render() {
  renderLocations();
  renderAips();
  renderDetail();
}

const items = (prefix) => session.store.valuesOf(`${prefix}:`);

function renderLocations() {
  const locations = items("location").sort((a, b) => a.name.localeCompare(b.name));
  const aips = items("aip");
  $("locations-denied").hidden = !session.denied.locations;
  $("locations").hidden = !!session.denied.locations;
  $("locations-count").textContent = session.denied.locations ? "" : locations.length;
  const rows = locations.map((l) => el("tr", { "data-key": `location:${l.uuid}` },
    el("td", { title: l.description || l.name }, l.name),
    el("td", {}, l.source),
    el("td", {}, l.purpose.replaceAll("_", " ")),
    el("td", { class: "num" }, aips.filter((a) => a.location_uuid === l.uuid).length)));
  $("locations").tBodies[0].replaceChildren(...(rows.length ? rows : [empty(4, "No locations yet.")]));
}

function renderAips() {
  const aips = items("aip").sort((a, b) => (a.uuid < b.uuid ? 1 : -1));
  $("aips-denied").hidden = !session.denied.aips;
  $("aips").hidden = !!session.denied.aips;
  $("aips-count").textContent = session.denied.aips ? "" : aips.length;
  const rows = aips.map((a) => el("tr", {
      "data-key": `aip:${a.uuid}`,
      class: a.uuid === session.selected ? "selected" : null,
      onclick: () => select(a.uuid),
    },
    el("td", { title: a.uuid }, a.name),
    el("td", { class: "status-cell" }, status(a.status)),
    el("td", {}, locationName(a.location_uuid)),
    el("td", {}, when(a.created_at))));
  $("aips").tBodies[0].replaceChildren(...(rows.length ? rows : [empty(4, "No AIPs yet.")]));
}

function renderDetail() {
  const s = session;
  const root = $("detail");
  const aip = s.selected && s.store.get(`aip:${s.selected}`);
  if (!aip) {
    $("detail-title").textContent = "AIP";
    root.replaceChildren(el("p", { class: "muted" }, "Select an AIP to see its workflows and tasks."));
    return;
  }
  $("detail-title").replaceChildren(document.createTextNode(aip.name), " ", status(aip.status));
  const facts = el("dl", {},
    el("dt", {}, "UUID"), el("dd", {}, aip.uuid),
    el("dt", {}, "Location"), el("dd", {}, locationName(aip.location_uuid)),
    el("dt", {}, "Object key"), el("dd", {}, aip.object_key),
    el("dt", {}, "Created"), el("dd", {}, when(aip.created_at)));
  if (s.denied.workflows) {
    return root.replaceChildren(facts, el("p", { class: "muted" }, "You may not list workflows."));
  }
  const workflows = items("workflow").filter((w) => w.aip_uuid === aip.uuid).sort((a, b) => (a.uuid < b.uuid ? -1 : 1));
  const tasks = items("task");
  const blocks = workflows.map((w) => el("div", { class: "workflow", "data-key": `workflow:${w.uuid}` },
    el("header", {}, el("strong", {}, w.type), status(w.status)),
    el("table", {},
      el("thead", {}, el("tr", {}, el("th", {}, "Task"), el("th", {}, "Status"), el("th", {}, "Note"), el("th", {}, "Completed"))),
      el("tbody", {}, ...tasks.filter((t) => t.workflow_uuid === w.uuid).sort((a, b) => (a.uuid < b.uuid ? -1 : 1)).map((t) =>
        el("tr", { "data-key": `task:${t.uuid}` },
          el("td", {}, t.name), el("td", {}, status(t.status)), el("td", { title: t.note }, t.note || "—"), el("td", {}, when(t.completed_at))))))));
  root.replaceChildren(facts, el("h3", {}, `Workflows (${workflows.length})`),
    ...(blocks.length ? blocks : [el("p", { class: "muted" }, "No workflows.")]));
}

function select(uuid) {
  session.selected = uuid;
  renderAips();
  renderDetail();
  loadDetail();
}

function locationName(uuid) {
  if (!uuid) return "—";
  return session.store.get(`location:${uuid}`)?.name ?? short(uuid);
}

const empty = (span, text) => el("tr", { class: "empty" }, el("td", { colspan: span }, text));

const saved = sessionStorage.getItem(TOKEN_KEY);
if (saved) start(saved); else showSignIn();
