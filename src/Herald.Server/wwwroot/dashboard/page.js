// The page's own state: the connection badge, sign-in form versus dashboard, and notices.

import { $ } from "./state.js";

export function setBadge(state) {
  const badge = $("badge");
  badge.className = `badge badge-${state}`;
  badge.dataset.state = state;
  badge.textContent = state;
}

export function showSignIn(error) {
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

export function showDashboard() {
  setSignInBusy(false);
  $("sign-in").hidden = true;
  $("dashboard").hidden = false;
  $("sign-out").hidden = false;
  $("session-user").hidden = false;
}

export function setSignInBusy(busy) {
  $("sign-in-button").disabled = busy;
  $("sign-in-status").textContent = busy ? "Signing in…" : "";
  if (busy) {
    $("sign-in-error").hidden = true;
  }
}

export function showConnectionNotice(text, offerRetry) {
  $("connection-notice-text").textContent = text;
  $("reconnect").hidden = !offerRetry;
  $("connection-notice").hidden = false;
}
