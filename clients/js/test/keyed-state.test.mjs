// KeyedState: per channel, key → latest item, fed by snapshots and events; tombstones delete.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { HeraldClient, KeyedState } from "../dist/herald.js";
import { HeraldServer, mintToken } from "./support/server.mjs";
import { eventually, fast } from "./support/util.mjs";

const event = (offset, key, data, extra = {}) => ({ type: "event", channel: "c", offset, event: "status", key, data, ts: "2026-11-22T10:00:00.000Z", ...extra });

describe("KeyedState", () => {
  test("a snapshot replaces the map, events set their key, tombstones delete it", () => {
    const state = new KeyedState();
    const changes = [];
    state.onChange((s, update) => changes.push([update.type, s.size]));
    state.apply(event(1, "gone", { s: 0 }));
    state.apply({ type: "snapshot", channel: "c", epoch: "e", offset: 5, items: [{ key: "a", offset: 4, event: "status", data: { s: 1 }, ts: "" }, { key: "b", offset: 5, event: "status", data: { s: 2 }, ts: "" }] });
    state.apply(event(6, "a", { s: 3 }));
    state.apply(event(7, "b", null, { tombstone: true }));
    state.apply(event(8, undefined, { unkeyed: true }));
    assert.deepEqual([...state.items.keys()], ["a"]);
    assert.deepEqual(state.get("a"), { key: "a", offset: 6, event: "status", data: { s: 3 }, ts: "2026-11-22T10:00:00.000Z" });
    assert.deepEqual(changes, [["event", 1], ["snapshot", 2], ["event", 2], ["event", 1], ["event", 1]]);
  });

  test("a gap without a snapshot marks the state stale until the next snapshot", () => {
    const state = new KeyedState();
    state.apply({ type: "gap", channel: "c", since: { epoch: "a", offset: 1 }, epoch: "b", offset: 9, snapshotFollows: false });
    assert.equal(state.stale, true);
    state.apply({ type: "snapshot", channel: "c", epoch: "b", offset: 9, items: [] });
    assert.equal(state.stale, false);
  });

  test("against the server: the first snapshot, live updates, and a new snapshot after a restart", async () => {
    const server = await HeraldServer.start();
    await server.publish("public:dash", "status", { status: "queued" }, { key: "t1" });
    await server.publish("public:dash", "status", { status: "queued" }, { key: "t2" });
    const client = new HeraldClient({ url: server.wsUrl, credentials: () => ({ token: mintToken("alice") }), ...fast });
    try {
      const tasks = await KeyedState.subscribe(client, "public:dash");
      const view = () => Object.fromEntries([...tasks.items.values()].map((i) => [i.key, i.data.status]));
      assert.deepEqual(view(), { t1: "queued", t2: "queued" });

      await server.publish("public:dash", "status", { status: "running" }, { key: "t1" });
      await server.publish("public:dash", "removed", null, { key: "t2", tombstone: true });
      await eventually(() => tasks.size === 1 && tasks.get("t1")?.data.status === "running", "live updates applied");

      await server.restart();
      await server.publish("public:dash", "status", { status: "fresh" }, { key: "t9" });
      await eventually(() => tasks.get("t9")?.data.status === "fresh", "the new life's state arrived");
      assert.deepEqual(view(), { t9: "fresh" }, "the snapshot after the gap replaced the old life's keys");
      assert.equal(tasks.stale, false);
    } finally {
      await client.close();
      await server.dispose();
    }
  });
});
