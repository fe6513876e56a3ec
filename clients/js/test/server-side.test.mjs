// A mount that subscribes every connection at connect (/ws/cluster): the client resumes it through
// `since` on the upgrade URL, takes the id-less `subscribed` as its answer, and sends no subscribe.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import WebSocket from "ws";
import { HeraldClient } from "../dist/herald.js";
import { HeraldServer, mintToken } from "./support/server.mjs";
import { eventually, fast, Reader, TcpRelay } from "./support/util.mjs";

/** The `ws` package's WebSocket, recording each connection's URL and the messages the client sends on it. */
function recordingWebSocket(connections) {
  return class extends WebSocket {
    constructor(url) {
      super(url);
      this.record = { url: new URL(url), sent: [] };
      connections.push(this.record);
    }

    send(data) {
      this.record.sent.push(JSON.parse(data));
      super.send(data);
    }
  };
}

describe("server-side subscriptions", () => {
  test("a cut connection on /ws/cluster resumes at connect: the missed event once, in order, no subscribe", async () => {
    // The server's /ws/cluster speaks the cluster-status format by default; this client speaks v1.
    const server = await HeraldServer.start({ "Herald:Mounts:0:Path": "/ws/cluster", "Herald:Mounts:0:Format": "herald-v1" });
    const relay = await new TcpRelay(server.port).listen();
    const connections = [];
    const client = new HeraldClient({
      url: `ws://127.0.0.1:${relay.port}/ws/cluster`,
      credentials: () => ({ token: mintToken("root", ["admin"]) }),
      ...fast,
      WebSocket: recordingWebSocket(connections),
    });
    const metric = async (value) => (await server.api("POST", "/api/cluster/custom-metrics", { value })).body;
    try {
      const subscription = await client.subscribe("cluster");
      const reader = new Reader(subscription);
      const updates = [await reader.nextOf("snapshot")];
      await metric(1);
      updates.push(await nextMetric(reader, 1, updates));

      // Frozen, the connection swallows this event; the cut then ends it, so it was surely missed.
      relay.freeze();
      await metric(2);
      relay.thaw();
      relay.cut();
      await eventually(() => client.connectCount === 2 && client.state === "connected", "reconnected");
      updates.push(await nextMetric(reader, 2, updates));
      await metric(3);
      updates.push(await nextMetric(reader, 3, updates));

      assert.deepEqual(updates.filter((u) => u.type === "gap"), [], "no gap reported");
      const offsets = updates.filter((u) => u.type === "event").map((u) => u.offset);
      assert.deepEqual(offsets, [...offsets].sort((a, b) => a - b), "in offset order");
      assert.equal(new Set(offsets).size, offsets.length, "no offset twice");
      assert.equal(subscription.duplicatesDropped, 0, "the server sent nothing twice");
      const [, second] = connections;
      assert.deepEqual(second.url.searchParams.getAll("since"), [`${updates[0].epoch}:${offsetBefore(updates, 2)}:cluster`]);
      assert.deepEqual(second.sent.filter((m) => m.type === "subscribe"), [], "no subscribe on the resumed connection");
    } finally {
      await client.close();
      await relay.close();
      await server.dispose();
    }
  });
});

/** The next update that carries custom metric `value`; status events of the feed in between are kept too. */
async function nextMetric(reader, value, updates) {
  while (true) {
    const update = await reader.next();
    if (update.type === "event" && update.event === "custom_metrics" && update.data?.metrics?.value === value) {
      return update;
    }
    updates.push(update);
  }
}

/** The offset the client held when it lost the connection: the last update before metric `value`. */
function offsetBefore(updates, value) {
  const index = updates.findIndex((u) => u.type === "event" && u.data?.metrics?.value === value);
  return updates[index - 1].offset;
}
