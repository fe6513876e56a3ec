// The channels table: polled from the admin API while the dashboard is shown.

import { api, problemText } from "./auth.js";
import { cell, formatInt } from "./format.js";
import { $, session } from "./state.js";

let channelsInFlight = false;

export async function refreshChannels() {
  if (channelsInFlight || !session.credential) {
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
