// The guides' examples, run as written: docs/clients/typescript.md in headless Chromium (compiled
// from TypeScript as a bundler would), docs/clients/shell.md with bash, herald, curl and wscat.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import ts from "typescript";
import { HeraldServer, mintToken, repoRoot, secret } from "./support/server.mjs";
import { eventually } from "./support/util.mjs";

/** The `<!-- example: name -->` blocks of a guide, in order. */
function examples(guide, language) {
  const text = readFileSync(join(repoRoot, "docs/clients", guide), "utf8");
  return [...text.matchAll(/<!-- example: (\S+) -->\n```(\w+)\n([\s\S]*?)\n```/g)]
    .filter((match) => match[2] === language)
    .map((match) => ({ name: match[1], code: match[3] }));
}

async function hasSubscriber(server, channel) {
  const { body } = await server.api("GET", "/api/channels");
  return body.channels.some((c) => c.channel === channel && c.subscribers > 0);
}

const chromiumPath = process.env.HERALD_CHROMIUM ?? "/usr/bin/chromium";
const noChromium = existsSync(chromiumPath) ? false : `no Chromium at ${chromiumPath}`;

describe("docs/clients/typescript.md", { skip: noChromium }, () => {
  const guide = examples("typescript.md", "ts");
  let server;
  let browser;
  before(async () => {
    const { chromium } = await import("playwright-core");
    server = await HeraldServer.start();
    browser = await chromium.launch({ executablePath: chromiumPath, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  });
  after(async () => {
    await browser?.close();
    await server?.dispose();
  });

  /** Opens a page on the server's origin running one example, with the globals the guide assumes. */
  async function run(name, { body = "", prepare } = {}) {
    const example = guide.find((e) => e.name === name);
    assert.ok(example, `the guide has the '${name}' example`);
    const js = ts.transpileModule(example.code, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
    const page = await browser.newPage();
    const logs = [];
    const errors = [];
    page.on("console", (message) => logs.push(message.text()));
    page.on("pageerror", (error) => errors.push(String(error)));
    await prepare?.(page);
    assert.equal((await page.goto(`${server.url}/herald.js`)).status(), 200);
    const token = JSON.stringify(mintToken("reader"));
    await page.setContent(`<!doctype html><body>${body}<script>window.getToken = async () => ${token};</script><script type="module">${js}</script></body>`);
    return { page, logs, errors };
  }

  test("every example has a test", () => {
    assert.deepEqual(guide.map((e) => e.name), ["quick-start", "dashboard", "credentials"]);
  });

  test("quick-start logs each event", async () => {
    const { page, logs, errors } = await run("quick-start");
    await eventually(() => hasSubscriber(server, "public:news"), "the page subscribed");
    await server.publish("public:news", "story.published", { title: "Hello" });
    await eventually(() => logs.includes("#1 story.published: Hello"), `the event logged (${logs})`);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("dashboard renders the latest item per key", async () => {
    await server.publish("public:tasks", "status", { status: "queued" }, { key: "task-1" });
    const { page, errors } = await run("dashboard", { body: `<ul id="tasks"></ul>` });
    const rows = () => page.$$eval("#tasks li", (items) => items.map((li) => li.textContent));
    await page.waitForFunction(() => document.querySelectorAll("#tasks li").length === 1);
    await server.publish("public:tasks", "status", { status: "done" }, { key: "task-1" });
    await server.publish("public:tasks", "status", { status: "queued" }, { key: "task-2" });
    await page.waitForFunction(() => document.querySelectorAll("#tasks li").length === 2 && document.body.textContent.includes("done"));
    assert.deepEqual(await rows(), ["task-1: done", "task-2: queued"]);
    await server.publish("public:tasks", "removed", null, { key: "task-1", tombstone: true });
    await page.waitForFunction(() => document.querySelectorAll("#tasks li").length === 1);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("credentials fetches a token from the application and connects", async () => {
    let asked = 0;
    const { page, errors } = await run("credentials", {
      prepare: (p) => p.route("**/auth/herald-token", (route) => (asked++, route.fulfill({ json: { token: mintToken("carol") } }))),
    });
    await page.waitForFunction(() => document.body.dataset.herald === "connected");
    assert.equal(asked, 1);
    assert.deepEqual(errors, []);
    await page.close();
  });
});

describe("docs/clients/shell.md", () => {
  const guide = examples("shell.md", "sh");
  const cli = process.env.HERALD_CLI_DLL ?? join(repoRoot, "src/Herald.Cli/bin/Debug/net10.0/herald.dll");
  const noCli = existsSync(cli) ? false : `herald CLI not built at ${cli} (set HERALD_CLI_DLL)`;
  let server;
  let bin;
  before(async () => {
    server = await HeraldServer.start();
    bin = mkdtempSync(join(tmpdir(), "herald-bin-"));
    writeFileSync(join(bin, "herald"), `#!/bin/sh\nexec dotnet "${cli}" "$@"\n`);
    chmodSync(join(bin, "herald"), 0o755);
  });
  after(async () => {
    await server?.dispose();
    rmSync(bin, { recursive: true, force: true });
  });

  /** Runs one example with bash; `during` may act while it runs (publish, then stop it). */
  function run(name, during) {
    const example = guide.find((e) => e.name === name);
    assert.ok(example, `the guide has the '${name}' example`);
    const child = spawn("bash", ["-c", example.code], {
      detached: true,
      env: {
        ...process.env,
        PATH: `${bin}:${join(repoRoot, "clients/js/node_modules/.bin")}:${process.env.PATH}`,
        HERALD_URL: server.url,
        HERALD_TOKEN: mintToken("alice", ["admin", "publish"]),
        HERALD_JWT_SECRET: secret,
        HERALD_API_KEY: "",
      },
    });
    const result = { stdout: "", stderr: "", code: undefined, child };
    child.stdout.setEncoding("utf8").on("data", (d) => (result.stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d) => (result.stderr += d));
    const exited = new Promise((resolve) => child.on("exit", (code) => resolve((result.code = code))));
    return (async () => {
      await during?.(result);
      const timer = setTimeout(() => process.kill(-child.pid, "SIGKILL"), 60_000);
      await exited;
      clearTimeout(timer);
      return result;
    })();
  }

  const tailing = (result) => eventually(() => result.stderr.includes("tailing public:news"), `tail started (${result.stderr})`, 30_000);

  test("every example has a test", () => {
    assert.deepEqual(guide.map((e) => e.name), ["publish", "tail", "tail-json", "exit-codes", "keys", "stats", "curl", "wscat"]);
  });

  test("publish", { skip: noCli }, async () => {
    const { code, stdout, stderr } = await run("publish");
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^published story\.published to public:news at [0-9a-f]{16}:\d+\n$/);
  });

  test("tail prints what is published, and Ctrl+C ends it with 0", { skip: noCli }, async () => {
    const { code, stdout, stderr } = await run("tail", async (result) => {
      await tailing(result);
      await server.publish("public:news", "story.published", { title: "Hello" }, { key: "story:1" });
      await eventually(() => result.stdout.includes("story.published"), "the line printed");
      process.kill(-result.child.pid, "SIGINT");
    });
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^\d\d:\d\d:\d\d\.\d{3} {2}public:news {2}#\d+ {2}story\.published {2}story:1 {2}\{"title":"Hello"\}\n$/);
  });

  test("tail-json feeds a script", { skip: noCli }, async () => {
    const { code, stdout, stderr } = await run("tail-json", async (result) => {
      await tailing(result);
      await server.publish("public:news", "story.published", { title: "Json" });
    });
    assert.equal(code, 0, stderr);
    const line = JSON.parse(stdout.replace(/^got: /, ""));
    assert.deepEqual([line.type, line.channel, line.event, line.data], ["event", "public:news", "story.published", { title: "Json" }]);
  });

  test("exit-codes", { skip: noCli }, async () => {
    const { code, stdout, stderr } = await run("exit-codes");
    assert.equal(code, 0);
    assert.equal(stdout, "the server refused the request\n");
    assert.match(stderr, /^herald: 400 INVALID_CHANNEL: /);
  });

  test("keys", { skip: noCli }, async () => {
    const { code, stdout, stderr } = await run("keys");
    assert.equal(code, 0, stderr);
    assert.match(stdout, /published story\.published to public:news/);
    assert.match(stdout, /task backend/);
    assert.match(stderr, /shown only this once/);
  });

  test("stats", { skip: noCli }, async () => {
    const { code, stdout, stderr } = await run("stats");
    assert.equal(code, 0, stderr);
    assert.match(stdout, /node-js/);
  });

  test("curl", async () => {
    const { code, stdout, stderr } = await run("curl");
    assert.equal(code, 0, stderr);
    const answer = JSON.parse(stdout);
    assert.equal(answer.channel, "public:news");
    assert.ok(answer.offset >= 1);
  });

  test("wscat", async () => {
    const { code, stdout, stderr } = await run("wscat");
    assert.equal(code, 0, stderr);
    for (const type of ["welcome", "subscribed", "snapshot"]) {
      assert.match(stdout, new RegExp(`"type":"${type}"`), stdout);
    }
  });
});
