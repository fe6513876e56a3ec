import { Monitor } from "./monitor.js";
import { Keyed } from "./keyed.js";
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

function signOut(message) {
  session?.monitor.stop();
  session = null;
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
  const state = new Keyed();
  const monitor = new Monitor({ token });
  session = { api: new Api(token), state, monitor, selected: null, denied: {} };
  $("signin").hidden = true;
  $("dashboard").hidden = false;
  $("signout").hidden = false;
  $("user").textContent = subjectOf(token);

  const refreshLists = debounce(loadLists);
  monitor.addEventListener("state", (e) => setBadge(e.detail.state));
  monitor.addEventListener("event", (e) => onEvent(e.detail, refreshLists));
  monitor.addEventListener("resync", () => { refreshLists(); loadDetail(); });
  monitor.addEventListener("unauthorized", (e) => signOut(`Signed out: ${e.detail.code}. Sign in again.`));
  setBadge(monitor.state);
  monitor.start();
  loadLists();
}

async function loadLists() {
  const s = session;
  if (!s) return;
  try {
    const [locations, aips] = await Promise.all([s.api.get("/storage/locations"), s.api.get("/storage/aips")]);
    if (s !== session) return;
    s.denied.locations = locations.denied;
    s.denied.aips = aips.denied;
    s.state.reset("location:", locations.items, (l) => `location:${l.uuid}`);
    s.state.reset("aip:", aips.items, (a) => `aip:${a.uuid}`);
    render();
  } catch (error) {
    if (String(error.message) === "unauthorized") signOut("Your token was refused. Sign in again.");
  }
}

async function loadDetail() {
  const s = session;
  if (!s?.selected) return;
  const workflows = await s.api.get(`/storage/aips/${s.selected}/workflows`).catch(() => ({ denied: false, items: [] }));
  if (s !== session) return;
  s.denied.workflows = workflows.denied;
  s.state.reset("workflow:", workflows.items, (w) => `workflow:${w.uuid}`);
  s.state.reset("task:", workflows.items.flatMap((w) => w.tasks ?? []), (t) => `task:${t.uuid}`);
  renderDetail();
}

function onEvent(message, refreshLists) {
  const s = session;
  const item = message.data?.item;
  if (!s || !message.key || !item) return;
  s.state.set(message.key, item);
  // Rows change in place at once; a new row also asks the API for the list, debounced.
  if (message.event === "location.created" || message.event === "aip.created") refreshLists();
  render();
  flash(document, message.key);
}

function render() {
  renderLocations();
  renderAips();
  renderDetail();
}

const items = (prefix) => session.state.valuesOf(`${prefix}:`);

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
  const aip = s.selected && s.state.get(`aip:${s.selected}`);
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
  return session.state.get(`location:${uuid}`)?.name ?? short(uuid);
}

const empty = (span, text) => el("tr", { class: "empty" }, el("td", { colspan: span }, text));

const saved = sessionStorage.getItem(TOKEN_KEY);
if (saved) start(saved); else showSignIn();
