// Credentials: the headers for the admin API, and the tickets the client connects with.

import { session } from "./state.js";

/**
 * A JWT is three base64url parts whose header starts `{"` (base64 `eyJ`); anything else is taken
 * for an API key, whose random part may itself contain dots.
 */
function authHeaders(value) {
  return /^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(value)
    ? { Authorization: `Bearer ${value}` }
    : { "X-Api-Key": value };
}

export async function problemText(response) {
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
export async function buyTicket() {
  const response = await fetch("/ws/ticket", {
    method: "POST",
    headers: authHeaders(session.credential),
    credentials: "same-origin",
    cache: "no-store",
  });
  if (response.status === 401 || response.status === 403) {
    // Retrying cannot help: returning null stops the client and sends the user to sign in.
    session.authFailure = `The server refused this credential (${await problemText(response)}).`;
    return null;
  }
  if (!response.ok) {
    // A node restarting or a proxy hiccup: throwing makes the client retry with backoff.
    throw new Error(`ticket: ${response.status}`);
  }
  const body = await response.json();
  return { ticket: body.ticket };
}

export async function api(path, init = {}) {
  const response = await fetch(path, {
    ...init,
    headers: { ...authHeaders(session.credential), ...(init.body ? { "Content-Type": "application/json" } : {}), ...(init.headers ?? {}) },
    cache: "no-store",
  });
  if (response.status === 401 && session.client) {
    // The credential itself no longer works (expired JWT, revoked key).
    session.authFailure = `The server refused this credential (${await problemText(response)}).`;
  }
  return response;
}
