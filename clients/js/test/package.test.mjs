// The npm package as a user gets it: `npm pack` of a clean copy (no dist/, so the pack must build it),
// installed into a fresh project, imported by name in Node (ESM) with `ws` as its WebSocket, and
// type-checked as a bundler user's TypeScript would be. Needs no flags on Node 20.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { after, before, describe, test } from "node:test";
import ts from "typescript";
import { HeraldServer, mintToken } from "./support/server.mjs";

const run = promisify(execFile);
const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const manifest = JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8"));
const wsVersion = JSON.parse(readFileSync(join(packageRoot, "node_modules/ws/package.json"), "utf8")).version;

const app = `
import { HeraldClient } from "${manifest.name}";
import WebSocket from "ws";

const [url, token, publishUrl] = process.argv.slice(2);
const client = new HeraldClient({ url, credentials: () => ({ token }), WebSocket });
await client.connect();
const news = await client.subscribe("public:package");
const response = await fetch(publishUrl, {
  method: "POST",
  headers: { "Content-Type": "application/json", Authorization: "Bearer " + token },
  body: JSON.stringify({ channel: "public:package", event: "story.published", data: { title: "Hello" } }),
});
if (!response.ok) throw new Error("publish: " + response.status);
for await (const update of news) {
  console.log(JSON.stringify({ user: client.session.user, type: update.type, event: update.event, data: update.data }));
  break;
}
await client.close();
`;

const typed = `
import { HeraldClient, KeyedState, type ChannelUpdate } from "${manifest.name}";

const client = new HeraldClient({ url: "/ws", credentials: async () => ({ token: "t" }), WebSocket: globalThis.WebSocket });
const news = await client.subscribe<{ title: string }>("public:news");
for await (const update of news) {
  const seen: ChannelUpdate<{ title: string }> = update;
  if (seen.type === "event") console.log(seen.data.title.toUpperCase());
}
const tasks: KeyedState<{ status: string }> = await KeyedState.subscribe(client, "public:tasks");
console.log(tasks.items.size);
`;

describe("the npm package", () => {
  let work;
  let project;
  let tarball;
  let server;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), "herald-npm-"));
    // A clean copy of the package sources: nothing built, so only the pack's own build makes dist/.
    const source = join(work, "source");
    for (const entry of ["package.json", "tsconfig.json", "src", "README.md", "LICENSE"]) {
      cpSync(join(packageRoot, entry), join(source, entry), { recursive: true });
    }
    symlinkSync(join(packageRoot, "node_modules"), join(source, "node_modules"), "dir");
    const packed = await run("npm", ["pack", "--json", "--pack-destination", work], { cwd: source });
    tarball = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("[")))[0];

    project = join(work, "app");
    mkdirSync(project);
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "fresh-app", private: true, type: "module" }));
    await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", join(work, tarball.filename), `ws@${wsVersion}`], { cwd: project });
    server = await HeraldServer.start();
  });

  after(async () => {
    await server?.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  test("the tarball holds the built module, its types, the README and the license, and no sources or tests", () => {
    const files = tarball.files.map((f) => f.path).sort();
    for (const file of ["dist/herald.js", "dist/herald.d.ts", "README.md", "LICENSE", "package.json"]) {
      assert.ok(files.includes(file), `${file} is in the tarball: ${files.join(", ")}`);
    }
    assert.deepEqual(files.filter((f) => f.startsWith("src/") || f.startsWith("test/")), []);
    // Released together with the NuGet packages: one version number for both.
    const props = readFileSync(join(packageRoot, "../../Directory.Build.props"), "utf8");
    assert.equal(tarball.version, /<VersionPrefix>([^<]+)<\/VersionPrefix>/.exec(props)?.[1]);
  });

  test("imported by name in Node with ws, it connects to a real server and receives an event", async () => {
    writeFileSync(join(project, "app.mjs"), app);
    const token = mintToken("alice", ["publish", "admin"]);
    const { stdout } = await run(process.execPath, ["app.mjs", server.wsUrl, token, `${server.url}/api/publish`], { cwd: project, timeout: 30_000 });
    assert.deepEqual(JSON.parse(stdout.trim()), { user: "alice", type: "event", event: "story.published", data: { title: "Hello" } });
  });

  test("a bundler user's TypeScript, and the README's examples, resolve the types through exports and type-check", () => {
    const files = [join(project, "check.ts")];
    writeFileSync(files[0], typed);
    const readme = readFileSync(join(packageRoot, "README.md"), "utf8");
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
    assert.ok(blocks.length >= 2, "the README has its TypeScript examples");
    blocks.forEach((code, i) => {
      files.push(join(project, `readme-${i}.ts`));
      writeFileSync(files.at(-1), `declare function getToken(): Promise<string>;\n${code}\nexport {};\n`);
    });
    const program = ts.createProgram(files, {
      noEmit: true,
      strict: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
      types: [],
    });
    const errors = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
    assert.deepEqual(errors, []);
    const resolved = program.getSourceFiles().map((f) => f.fileName).find((f) => f.endsWith("herald.d.ts"));
    assert.equal(resolved, join(project, "node_modules", ...manifest.name.split("/"), "dist/herald.d.ts"));
  });
});
