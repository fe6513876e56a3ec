// The client's life: sign in (connect and subscribe to `cluster`), follow its state, stop, sign out.

import { buyTicket } from "./auth.js";
import { refreshChannels } from "./channels.js";
import { applyUpdate, resetView, tickStatusAge } from "./cluster.js";
import { loadKeys } from "./keys.js";
import { setBadge, setSignInBusy, showConnectionNotice, showDashboard, showSignIn } from "./page.js";
import { $, CREDENTIAL_KEY, session } from "./state.js";

const CHANNELS_PERIOD_MS = 5000;
const CLUSTER_EVENTS = ["status", "status_update", "state_change", "peer_change", "custom_metrics", "snapshot"];

let channelsTimer = undefined;
let ageTimer = undefined;

export async function start(value, { fresh }) {
  await stopClient();
  session.credential = value;
  session.authFailure = null;
  resetView();

  if (fresh) {
    setSignInBusy(true);
  } else {
    showDashboard();
  }

  const current = new session.herald.HeraldClient({
    // Protocol v1 on /ws; /ws/cluster speaks the cluster status format of the operators' own tools.
    url: "/ws",
    credentials: buyTicket,
    onStateChange: ({ state, reason }) => {
      if (session.client !== current) {
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
  session.client = current;

  try {
    // The client resumes the subscription at each reconnect, so what was missed comes once, in
    // order. latency and uptime repeat what status holds; the event log stays readable without them.
    await current.subscribe("cluster", { snapshot: true, events: CLUSTER_EVENTS, onUpdate: applyUpdate });
  } catch (error) {
    if (session.client === current) {
      onStopped(error, fresh);
    }
    return;
  }
  if (session.client !== current) {
    return;
  }

  sessionStorage.setItem(CREDENTIAL_KEY, value);
  showDashboard();
  void refreshChannels();
  channelsTimer = setInterval(() => void refreshChannels(), CHANNELS_PERIOD_MS);
  ageTimer = setInterval(tickStatusAge, 1000);
  void loadKeys();
  current.stopped.then((reason) => {
    if (session.client === current && !reason.closedByClient) {
      onStopped(new session.herald.HeraldStoppedError(reason), false);
    }
  });
}

/** The client gave up for good: a refused credential goes back to sign-in, anything else offers a retry. */
function onStopped(error, fresh) {
  const reason = error?.reason ?? {};
  const code = reason.errorCode ?? error?.code;
  const denied = code === "ACCESS_DENIED" || reason.closeCode === 4003;
  const refused = denied || session.authFailure !== null || reason.closeCode === 4001;
  setBadge("offline");
  clearTimers();
  if (refused || fresh) {
    let message;
    if (denied) {
      message = "Access denied: this credential is valid but lacks the admin attribute the cluster dashboard requires (ACCESS_DENIED).";
    } else if (session.authFailure) {
      message = session.authFailure;
    } else {
      message = `Could not sign in: ${reason.message ?? String(error)}`;
    }
    sessionStorage.removeItem(CREDENTIAL_KEY);
    // A refused subscribe leaves the connection open (/ws serves other channels): end it here.
    void session.client?.close().catch(() => undefined);
    session.client = null;
    showSignIn(message);
    return;
  }
  showConnectionNotice(`Disconnected: ${reason.message ?? String(error)}.`, true);
}

async function stopClient() {
  clearTimers();
  const previous = session.client;
  session.client = null;
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

export async function signOut() {
  await stopClient();
  sessionStorage.removeItem(CREDENTIAL_KEY);
  session.credential = null;
  setBadge("offline");
  showSignIn();
}
