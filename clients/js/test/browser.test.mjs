// One page in headless Chromium: /herald.js served by Herald, a dashboard bound to KeyedState.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { after, before, test } from "node:test";
import { HeraldServer, mintToken } from "./support/server.mjs";

const chromiumPath = process.env.HERALD_CHROMIUM ?? "/usr/bin/chromium";
const skip = existsSync(chromiumPath) ? false : `no Chromium at ${chromiumPath} (apt-get install chromium)`;

let server;
let browser;

before(async () => {
  if (skip) {
    return;
  }
  const { chromium } = await import("playwright-core");
  server = await HeraldServer.start();
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
});

after(async () => {
  await browser?.close();
  await server?.dispose();
});

/** A page on the server's origin (so the WebSocket passes the Origin check), with `html` as its content. */
async function openPage(html) {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  const script = await page.goto(`${server.url}/herald.js`);
  assert.equal(script.status(), 200, "the server serves /herald.js (build clients/js before the server)");
  await page.setContent(html);
  return { page, errors };
}

test("a dashboard in Chromium shows the snapshot, then every change, and drops deleted keys", { skip }, async () => {
  await server.publish("public:board", "status", { status: "queued" }, { key: "task-1" });
  const { page, errors } = await openPage(`<!doctype html>
    <ul id="tasks"></ul>
    <script type="module">
      import { HeraldClient, KeyedState } from "/herald.js";
      const client = new HeraldClient({ url: "/ws", credentials: () => ({ token: ${JSON.stringify(mintToken("viewer"))} }) });
      const tasks = await KeyedState.subscribe(client, "public:board");
      const render = () => {
        document.querySelector("#tasks").replaceChildren(...[...tasks.items.values()].map((item) => {
          const li = document.createElement("li");
          li.dataset.key = item.key;
          li.textContent = item.key + ": " + item.data.status;
          return li;
        }));
      };
      render();
      tasks.onChange(render);
      window.dashboardReady = true;
    </script>`);
  const rows = () => page.$$eval("#tasks li", (items) => items.map((li) => li.textContent));

  await page.waitForFunction(() => window.dashboardReady === true);
  assert.deepEqual(await rows(), ["task-1: queued"]);

  await server.publish("public:board", "status", { status: "running" }, { key: "task-1" });
  await server.publish("public:board", "status", { status: "queued" }, { key: "task-2" });
  await page.waitForFunction(() => document.querySelectorAll("#tasks li").length === 2 && document.body.textContent.includes("running"));
  assert.deepEqual(await rows(), ["task-1: running", "task-2: queued"]);

  await server.publish("public:board", "removed", null, { key: "task-1", tombstone: true });
  await page.waitForFunction(() => document.querySelectorAll("#tasks li").length === 1);
  assert.deepEqual(await rows(), ["task-2: queued"]);
  assert.deepEqual(errors, []);
  await page.close();
});
