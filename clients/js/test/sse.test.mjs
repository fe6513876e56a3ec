// The client over Server-Sent Events (`transport: "sse"` and `"auto"`) against the real server:
// a stream reopened when its channels change, per-subscription options on one stream, refusals,
// the fallback. (Cut streams while publishing: reconnect.test.mjs, over both transports.)
import assert from "node:assert/strict";
import { createServer, request } from "node:http";
import { describe, test } from "node:test";
import { HeraldClient, HeraldError } from "../dist/herald.js";
import { HeraldServer, mintToken } from "./support/server.mjs";
import { eventually, fast, Reader } from "./support/util.mjs";

const alice = () => ({ token: mintToken("alice") });
const sse = { ...fast, transport: "sse" };

/** The stream URLs the client fetched, and what the server answered. */
function recordingFetch(requests) {
  return async (url, init) => {
    const response = await fetch(url, init);
    requests.push({ url: new URL(url), status: response.status });
    return response;
  };
}

/** An HTTP proxy that forwards requests but refuses WebSocket upgrades, as some corporate proxies do. */
async function upgradeStrippingProxy(targetPort) {
  const proxy = createServer((incoming, outgoing) => {
    const upstream = request({ host: "127.0.0.1", port: targetPort, path: incoming.url, method: incoming.method, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode, answer.headers);
      answer.pipe(outgoing);
    });
    upstream.on("error", () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  proxy.on("upgrade", (_request, socket) => socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n"));
  await new Promise((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  return { port: proxy.address().port, close: () => new Promise((resolve) => (proxy.closeAllConnections(), proxy.close(resolve))) };
}

describe("Server-Sent Events", () => {
  test("the stream is parsed one byte at a time (BOM, CRLF, comments), and its close message is the close", async () => {
    const text = [
      "\uFEFFretry: 1000\r\n\r\n",
      'data: {"type":"welcome","protocol":1,"session":"s","node":"n","user":"alice","ping_interval":25}\r\n\r\n',
      ": ping\r\n",
      'id: e1:0:public:x\r\ndata: {"type":"subscribed","channel":"public:x","epoch":"e1","offset":0}\r\n\r\n',
      'id: e1:1:public:x\revent: tick\rdata:{"type":"event","channel":"public:x","offset":1,"event":"tick","data":{"i":1},"ts":"2026-01-01T00:00:00Z"}\r\r',
      'data: {"type":"error","code":"ACCESS_DENIED","message":"taken away"}\n\ndata: {"type":"close","code":4003,"reason":"forbidden"}\n\n',
    ].join("");
    const bytes = new TextEncoder().encode(text);
    const urls = [];
    const fetch = async (url) => {
      urls.push(new URL(url));
      let at = 0;
      const body = new ReadableStream({ pull: (controller) => (at < bytes.length ? controller.enqueue(bytes.slice(at, ++at)) : controller.close()) });
      return new Response(body, { status: 200, headers: { "content-type": "text/event-stream" } });
    };
    const client = new HeraldClient({ url: "http://127.0.0.1:1/ws", credentials: alice, ...sse, fetch });
    const reader = new Reader(await client.subscribe("public:x"));
    const event = await reader.nextOf("event");
    assert.deepEqual([event.event, event.offset, event.data], ["tick", 1, { i: 1 }]);
    const stopped = await client.stopped;
    assert.deepEqual([stopped.closeCode, stopped.errorCode], [4003, "ACCESS_DENIED"]);
    assert.deepEqual([urls.length, urls[0].pathname, urls[0].searchParams.get("channel")], [1, "/ws/events", "public:x"]);
  });

  test("subscribe and unsubscribe reopen the stream with the new channels; the held channel misses nothing", async () => {
    const server = await HeraldServer.start();
    const requests = [];
    const client = new HeraldClient({ url: server.wsUrl, credentials: alice, ...sse, fetch: recordingFetch(requests) });
    try {
      const subscriptionA = await client.subscribe("public:a");
      const a = new Reader(subscriptionA);
      await server.publish("public:a", "one");
      assert.equal((await a.nextOf("event")).event, "one");
      const subscribing = client.subscribe("public:b");
      await server.publish("public:a", "two"); // While the stream is reopened.
      const b = new Reader(await subscribing);
      await server.publish("public:a", "three");
      await server.publish("public:b", "hello");
      assert.deepEqual((await a.events(2)).map((e) => [e.offset, e.event]), [[2, "two"], [3, "three"]]);
      assert.equal((await b.nextOf("event")).event, "hello");
      assert.deepEqual(requests.at(-1).url.searchParams.getAll("channel"), ["public:a", "public:b"]);

      const before = requests.length;
      await subscriptionA.close();
      await eventually(() => requests.length > before, "a stream without public:a");
      assert.deepEqual(requests.at(-1).url.searchParams.getAll("channel"), ["public:b"]);
      await server.publish("public:b", "again");
      assert.equal((await b.nextOf("event")).event, "again");
    } finally {
      await client.close();
      await server.dispose();
    }
  });

  test("a channel the stream refuses (403) rejects that subscribe; the others stay", async () => {
    const server = await HeraldServer.start();
    const requests = [];
    const client = new HeraldClient({ url: server.wsUrl, credentials: alice, ...sse, fetch: recordingFetch(requests) });
    try {
      const mine = new Reader(await client.subscribe("user:alice"));
      await assert.rejects(client.subscribe("user:bob"), (e) => e instanceof HeraldError && e.code === "ACCESS_DENIED");
      await server.publish("user:alice", "hello");
      assert.equal((await mine.nextOf("event")).event, "hello");
      assert.equal(client.state, "connected");
      assert.deepEqual(requests.map((r) => [r.status, r.url.searchParams.getAll("channel").join()]), [
        [200, "user:alice"],
        [403, "user:alice,user:bob"],
        [200, "user:alice"],
      ]);
    } finally {
      await client.close();
      await server.dispose();
    }
  });

  test("events and snapshot options hold per subscription on one stream", async () => {
    const server = await HeraldServer.start();
    const requests = [];
    const client = new HeraldClient({ url: server.wsUrl, credentials: alice, ...sse, fetch: recordingFetch(requests) });
    try {
      await server.publish("public:tasks", "TASK_CREATED", { n: 1 }, { key: "t1" });
      const [created, all] = await Promise.all([
        client.subscribe("public:tasks", { events: ["TASK_*"], snapshot: true }),
        client.subscribe("public:other"),
      ]);
      const tasks = new Reader(created);
      const other = new Reader(all);
      const snapshot = await tasks.nextOf("snapshot");
      assert.deepEqual(snapshot.items.map((item) => item.key), ["t1"]);
      await server.publish("public:tasks", "NOTE", {});
      await server.publish("public:tasks", "TASK_DONE", { n: 1 }, { key: "t1" });
      await server.publish("public:other", "NOTE", {});
      assert.equal((await tasks.nextOf("event")).event, "TASK_DONE");
      const first = await other.next();
      assert.deepEqual([first.type, first.event], ["event", "NOTE"], "no snapshot for a subscription that did not ask");
      const asked = requests.at(-1).url.searchParams;
      assert.deepEqual([asked.getAll("channel"), asked.getAll("events"), asked.get("snapshot")], [["public:tasks", "public:other"], [], "true"]);
    } finally {
      await client.close();
      await server.dispose();
    }
  });

  test('transport "auto" falls back to SSE when a proxy refuses the upgrade', async () => {
    const server = await HeraldServer.start();
    const proxy = await upgradeStrippingProxy(server.port);
    const requests = [];
    const client = new HeraldClient({ url: `ws://127.0.0.1:${proxy.port}/ws`, credentials: alice, ...fast, transport: "auto", fetch: recordingFetch(requests) });
    try {
      const reader = new Reader(await client.subscribe("public:proxied"));
      await server.publish("public:proxied", "through");
      assert.equal((await reader.nextOf("event")).event, "through");
      assert.equal(requests.length, 1);
      assert.equal(requests[0].status, 200);
    } finally {
      await client.close();
      await proxy.close();
      await server.dispose();
    }
  });
});
