// Reconnects: a cut network, a restarted server, tokens that expire, a key that is revoked.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { HeraldClient, HeraldStoppedError } from "../dist/herald.js";
import { HeraldServer, mintToken } from "./support/server.mjs";
import { eventually, fast, Reader, TcpRelay } from "./support/util.mjs";

const tokenFor = (sub, attributes = [], ttl = 3600) => ({ token: mintToken(sub, attributes, ttl) });

describe("reconnect", () => {
  for (const transport of ["websocket", "sse"]) {
  test(`cut connections while publishing lose and duplicate nothing (${transport})`, async () => {
    const server = await HeraldServer.start();
    const relay = await new TcpRelay(server.port).listen();
    const streams = [];
    const fetch = async (url, init) => (streams.push(new URL(url)), globalThis.fetch(url, init));
    const client = new HeraldClient({ url: relay.wsUrl, credentials: () => tokenFor("alice"), ...fast, transport, fetch });
    try {
      const reader = new Reader(await client.subscribe("public:flaky"));
      const total = 200;
      let received = 0;
      const publisher = (async () => {
        for (let i = 1; i <= total; i++) {
          await eventually(() => received >= i - 20, `the reader to reach ${i - 20}`);
          await server.publish("public:flaky", "tick", { i });
        }
      })();
      const events = [];
      for (const cutAfter of [40, 100, 160, total]) {
        while (events.length < cutAfter) {
          events.push(await reader.nextOf("event"));
          received = events.length;
        }
        if (cutAfter < total) {
          relay.cut();
        }
      }
      await publisher;
      assert.deepEqual(events.map((e) => e.offset), Array.from({ length: total }, (_, i) => i + 1));
      assert.deepEqual(events.map((e) => e.data.i), Array.from({ length: total }, (_, i) => i + 1));
      assert.ok(client.connectCount >= 4, `reconnected after each cut (${client.connectCount})`);
      // Over SSE: one stream per connection, each after the first resuming with since.
      assert.equal(streams.length, transport === "sse" ? client.connectCount : 0);
      assert.ok(streams.every((url) => url.pathname === "/ws/events" && url.searchParams.get("channel") === "public:flaky"));
      assert.ok(streams.slice(1).every((url) => url.searchParams.get("since")?.endsWith(":public:flaky")));
    } finally {
      await client.close();
      await relay.close();
      await server.dispose();
    }
  });
  }

  test("a connection gone silent (a sleeping laptop) is replaced and resumed", async () => {
    const server = await HeraldServer.start();
    const relay = await new TcpRelay(server.port).listen();
    const states = [];
    const client = new HeraldClient({ url: relay.wsUrl, credentials: () => tokenFor("alice"), ...fast, heartbeatTimeoutMs: 500, onStateChange: (c) => states.push(c.state) });
    try {
      const reader = new Reader(await client.subscribe("public:sleepy"));
      await server.publish("public:sleepy", "before");
      assert.equal((await reader.nextOf("event")).event, "before");
      relay.freeze();
      await server.publish("public:sleepy", "while-asleep");
      await eventually(() => client.state !== "connected", "the client noticed the silence");
      relay.thaw();
      const missed = await reader.nextOf("event");
      assert.deepEqual([missed.event, missed.offset], ["while-asleep", 2]);
      assert.ok(states.includes("reconnecting"));
    } finally {
      await client.close();
      await relay.close();
      await server.dispose();
    }
  });

  for (const [store, durable] of [["sqlite", true], ["memory", false]]) {
    test(`a server restart (${store}) ${durable ? "loses and duplicates nothing" : "is reported as a gap with a snapshot"}`, async () => {
      const server = await HeraldServer.start({ "Herald:Store": store });
      const client = new HeraldClient({ url: server.wsUrl, credentials: () => tokenFor("alice"), ...fast });
      try {
        const subscription = await client.subscribe("public:restart", { snapshot: true });
        const reader = new Reader(subscription);
        const first = await reader.nextOf("snapshot");
        for (let i = 1; i <= 20; i++) {
          await server.publish("public:restart", "tick", { i }, { key: `k${i}` });
        }
        const before = await reader.events(20);
        const epoch = subscription.position.epoch;
        await server.restart();
        for (let i = 21; i <= 40; i++) {
          await server.publish("public:restart", "tick", { i }, { key: `k${i}` });
        }
        const sequence = [...first.items.map((item) => item.data.i), ...before.map((e) => e.data.i)];
        if (durable) {
          const afterRestart = await reader.events(20);
          assert.deepEqual([...before, ...afterRestart].map((e) => e.offset), Array.from({ length: 40 }, (_, i) => i + 1));
          sequence.push(...afterRestart.map((e) => e.data.i));
        } else {
          const gap = await reader.nextOf("gap");
          assert.deepEqual(gap.since, { epoch, offset: 20 });
          assert.notEqual(gap.epoch, epoch);
          const snapshot = await reader.nextOf("snapshot");
          assert.equal(snapshot.epoch, gap.epoch);
          const afterRestart = await reader.events(20 - snapshot.items.length);
          assert.ok(afterRestart.every((e) => e.offset > snapshot.offset));
          sequence.push(...snapshot.items.map((item) => item.data.i), ...afterRestart.map((e) => e.data.i));
        }
        assert.deepEqual(sequence, Array.from({ length: 40 }, (_, i) => i + 1));
        assert.equal(client.connectCount, 2);
      } finally {
        await client.close();
        await server.dispose();
      }
    });
  }
});

describe("credentials", () => {
  test("on expiring the client refreshes and keeps its connection and subscriptions", async () => {
    const server = await HeraldServer.start({ "Herald:ExpiringNotice": "3600" });
    const reasons = [];
    let expiresBy;
    const client = new HeraldClient({
      url: server.wsUrl,
      ...fast,
      credentials: ({ reason }) => {
        reasons.push(reason);
        if (reason === "connect") {
          expiresBy = Date.now() + 3000;
          return tokenFor("alice", [], 3);
        }
        return tokenFor("alice", [], 7200);
      },
    });
    try {
      const reader = new Reader(await client.subscribe("public:refresh"));
      await eventually(() => reasons.includes("expiring"), "expiring asked the provider");
      await eventually(() => Date.now() > expiresBy + 1500, "the first token's expiry passed", 15_000);
      await server.publish("public:refresh", "still-here");
      assert.equal((await reader.nextOf("event")).event, "still-here");
      assert.equal(client.connectCount, 1);
      assert.ok(!reasons.includes("rejected"));
    } finally {
      await client.close();
      await server.dispose();
    }
  });

  test("a token that expires with nothing new from the provider stops the client", async () => {
    const server = await HeraldServer.start();
    let token;
    const reasons = [];
    const client = new HeraldClient({ url: server.wsUrl, ...fast, credentials: ({ reason }) => (reasons.push(reason), (token ??= tokenFor("alice", [], 3))) });
    try {
      const reader = new Reader(await client.subscribe("public:ends"));
      const stopped = await client.stopped;
      assert.equal(stopped.closeCode, 4001);
      assert.equal(stopped.errorCode, "TOKEN_EXPIRED");
      await assert.rejects(reader.next(), (e) => e instanceof HeraldStoppedError && e.reason.closeCode === 4001);
      assert.equal(reasons[0], "connect");
      assert.equal(reasons.at(-1), "rejected");
      assert.ok(!reasons.includes("reconnect"));
      assert.equal(client.connectCount, 1);
    } finally {
      await client.close();
      await server.dispose();
    }
  });

  test("a revoked API key stops reconnect attempts", async () => {
    const server = await HeraldServer.start();
    const created = await server.api("POST", "/api/keys", { owner: "svc", attributes: [] });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const reasons = [];
    const client = new HeraldClient({ url: server.wsUrl, ...fast, credentials: ({ reason }) => (reasons.push(reason), { apiKey: created.body.key }) });
    try {
      const reader = new Reader(await client.subscribe("public:svc"));
      assert.equal((await server.api("DELETE", `/api/keys/${created.body.id}`)).status, 204);
      const stopped = await client.stopped;
      assert.equal(stopped.closeCode, 4001);
      assert.deepEqual(reasons, ["connect", "rejected"]);
      assert.equal(client.connectCount, 1);
      await assert.rejects(reader.next(), HeraldStoppedError);
    } finally {
      await client.close();
      await server.dispose();
    }
  });
});
