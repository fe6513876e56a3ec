// Herald admin dashboard: the `cluster` channel over /ws (protocol v1), plus the admin HTTP API.
// Plain ES modules, no build step (dashboard/, one per panel or concern); the protocol client is
// the server's own /herald.js.

import { start, signOut } from "./dashboard/connection.js";
import { wireKeys } from "./dashboard/keys.js";
import { setBadge, showSignIn } from "./dashboard/page.js";
import { $, CREDENTIAL_KEY, session } from "./dashboard/state.js";

async function main() {
  wireForms();
  try {
    // Imported dynamically so a server built without the browser client (no /herald.js) still shows a page.
    session.herald = await import("/herald.js");
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
    if (value && session.herald) {
      void start(value, { fresh: true });
    }
  });
  $("sign-out").addEventListener("click", () => void signOut());
  $("reconnect").addEventListener("click", () => {
    if (session.credential) {
      void start(session.credential, { fresh: false });
    }
  });
  wireKeys();
}

void main();
