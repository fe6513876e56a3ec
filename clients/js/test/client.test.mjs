// The client against the real server: subscriptions, errors, snapshots, filters; and its policies.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Backoff, closeAction, HeraldClient, HeraldError, Subscription } from "../dist/herald.js";
import { HeraldServer } from "./support/server.mjs";
import { fast, Reader } from "./support/util.mjs";

describe("policies", () => {
  test("each close code has its action", () => {
    const expected = { 1000: "stop", 1001: "reconnect-now", 1006: "reconnect", 1009: "stop", 1011: "reconnect", 4000: "reconnect", 4001: "renew-credentials", 4003: "stop", 4008: "reconnect", 4029: "reconnect", 4400: "stop", 4999: "reconnect" };
    for (const [code, action] of Object.entries(expected)) {
      assert.equal(closeAction(Number(code)), action, `close ${code}`);
    }
  });

  test("backoff doubles to the cap, with jitter between half and all of each delay", () => {
    const exact = new Backoff({ initialDelayMs: 100, maxDelayMs: 1000, jitter: 0 });
    assert.deepEqual([0, 1, 2, 3, 4, 5].map((a) => exact.delay(a)), [100, 200, 400, 800, 1000, 1000]);
    const jittered = new Backoff({ initialDelayMs: 100, maxDelayMs: 10_000, jitter: 0.5 });
    const delays = Array.from({ length: 200 }, () => jittered.delay(3));
    assert.ok(delays.every((d) => d >= 400 && d <= 800));
    assert.ok(new Set(delays).size > 100, "jitter must not put clients in lockstep");
    assert.ok(Array.from({ length: 50 }, () => jittered.immediate()).every((d) => d >= 0 && d <= 50));
  });

  test("duplicates are dropped by offset and the position follows what was yielded", () => {
    const subscription = new Subscription({ unsubscribe: async () => undefined }, "public:d", {});
    subscription.generation = 1;
    subscription.onSubscribed("e1", 0, undefined);
    const yielded = [];
    subscription.onUpdate((u) => yielded.push(u.offset));
    for (const offset of [1, 2, 2, 3, 1, 5]) {
      subscription.onEvent({ type: "event", channel: "public:d", offset, event: "e", data: null, ts: "" });
    }
    assert.deepEqual(yielded, [1, 2, 3, 5]);
    assert.equal(subscription.duplicatesDropped, 2);
    assert.deepEqual(subscription.position, { epoch: "e1", offset: 5 });
  });

  test("a resume that is not recovered yields a gap, and the snapshot resets the position", () => {
    const subscription = new Subscription({ unsubscribe: async () => undefined }, "public:g", { snapshot: true, since: { epoch: "old", offset: 8 } });
    const updates = [];
    subscription.onUpdate((u) => updates.push(u));
    subscription.sentSince = subscription.position;
    subscription.onSubscribed("new", 2, false);
    subscription.onSnapshot({ type: "snapshot", channel: "public:g", epoch: "new", offset: 2, items: [] });
    assert.deepEqual(updates.map((u) => u.type), ["gap", "snapshot"]);
    assert.deepEqual(updates[0].since, { epoch: "old", offset: 8 });
    assert.equal(updates[0].snapshotFollows, true);
    assert.deepEqual(subscription.position, { epoch: "new", offset: 2 });
  });
});

describe("against the server", () => {
  let server;
  before(async () => (server = await HeraldServer.start()));
  after(async () => server?.dispose());

  const client = (sub = "alice", attributes = []) => new HeraldClient({ url: server.wsUrl, credentials: () => ({ token: server.token(sub, attributes) }), ...fast });

  test("a subscription yields published events in order with their fields", async () => {
    const alice = client();
    try {
      await alice.connect();
      assert.equal(alice.session.user, "alice");
      const orders = await alice.subscribe("public:orders");
      const reader = new Reader(orders);
      await server.publish("public:orders", "order.created", { id: 1 }, { key: "order:1" });
      await server.publish("public:orders", "order.paid", { id: 1 }, { key: "order:1" });
      await server.publish("public:orders", "order.deleted", null, { key: "order:1", tombstone: true });
      const events = await reader.events(3);
      assert.deepEqual(events.map((e) => [e.offset, e.event]), [[1, "order.created"], [2, "order.paid"], [3, "order.deleted"]]);
      assert.deepEqual(events[0].data, { id: 1 });
      assert.equal(events[0].key, "order:1");
      assert.equal(events[2].tombstone, true);
      assert.match(events[0].ts, /Z$/);
      assert.equal(orders.position.offset, 3);
    } finally {
      await alice.close();
    }
  });

  test("a refused subscribe rejects with the server's code and the client goes on", async () => {
    const alice = client();
    try {
      await assert.rejects(alice.subscribe("user:bob"), (e) => e instanceof HeraldError && e.code === "ACCESS_DENIED");
      await assert.rejects(alice.subscribe("nope:x"), (e) => e.code === "INVALID_CHANNEL");
      const mine = await alice.subscribe("user:alice");
      await server.publish("user:alice", "hello");
      assert.equal((await new Reader(mine).nextOf("event")).event, "hello");
    } finally {
      await alice.close();
    }
  });

  test("snapshot on subscribe gives the latest state per key, then live events; the filter applies", async () => {
    await server.publish("public:tasks", "task.status", { s: "queued" }, { key: "t1" });
    await server.publish("public:tasks", "task.status", { s: "running" }, { key: "t1" });
    await server.publish("public:tasks", "job.note", { s: "ignored" }, { key: "j" });
    const alice = client();
    try {
      const tasks = await alice.subscribe("public:tasks", { snapshot: true, events: ["task.*"] });
      const reader = new Reader(tasks);
      const snapshot = await reader.nextOf("snapshot");
      assert.deepEqual(snapshot.items.map((i) => [i.key, i.data.s]), [["t1", "running"]]);
      await server.publish("public:tasks", "job.note", null, { key: "j" });
      await server.publish("public:tasks", "task.status", { s: "done" }, { key: "t1" });
      const next = await reader.nextOf("event");
      assert.deepEqual([next.offset, next.event], [5, "task.status"]);
    } finally {
      await alice.close();
    }
  });

  test("closing a subscription ends its iteration; closing the client ends the rest without an error", async () => {
    const alice = client();
    const first = await alice.subscribe("public:again");
    const iterator = first[Symbol.asyncIterator]();
    await first.close();
    assert.equal((await iterator.next()).done, true);
    const second = await alice.subscribe("public:again");
    const pending = second[Symbol.asyncIterator]().next();
    await alice.close();
    assert.equal((await pending).done, true);
    assert.equal((await alice.stopped).closedByClient, true);
    assert.equal(alice.state, "stopped");
  });
});
