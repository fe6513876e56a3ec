// The API keys panel: list, create (the new key shown once), revoke.

import { api, problemText } from "./auth.js";
import { cell, formatDate } from "./format.js";
import { $ } from "./state.js";

/** Hooks the panel's form and buttons; called once at page load. */
export function wireKeys() {
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

export async function loadKeys() {
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
