// Starts the real Herald server (the built Herald.Server.dll) for the tests, on 127.0.0.1.
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, "../../../..");
export const secret = "node-test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

/** The server assembly: $HERALD_SERVER_DLL, else the solution's Debug build. */
export function serverDll() {
  const candidates = [
    process.env.HERALD_SERVER_DLL,
    join(repoRoot, "src/Herald.Server/bin/Debug/net10.0/Herald.Server.dll"),
    join(repoRoot, "src/Herald.Server/bin/Release/net10.0/Herald.Server.dll"),
  ].filter(Boolean);
  const found = candidates.find((path) => existsSync(path));
  if (!found) {
    throw new Error(`Herald.Server.dll not found (build the solution first, or set HERALD_SERVER_DLL). Looked at: ${candidates.join(", ")}`);
  }
  return found;
}

export class HeraldServer {
  constructor(settings = {}) {
    this.settings = settings;
    this.dataDirectory = mkdtempSync(join(tmpdir(), "herald-js-"));
    this.port = 0;
    this.process = undefined;
    this.output = "";
  }

  static async start(settings = {}) {
    const server = new HeraldServer(settings);
    await server.start();
    return server;
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  get wsUrl() {
    return `ws://127.0.0.1:${this.port}/ws`;
  }

  async start() {
    const settings = {
      "Herald:Jwt:Secret": secret,
      "Herald:DataDirectory": this.dataDirectory,
      "Herald:Store": "memory",
      "Herald:NodeId": "node-js",
      "Herald:DrainTimeout": "00:00:02",
      "Logging:LogLevel:Default": "Information",
      "Logging:LogLevel:Microsoft": "Warning",
      ...this.settings,
    };
    const args = [serverDll(), "--urls", `http://127.0.0.1:${this.port}`, ...Object.entries(settings).map(([k, v]) => `--${k}=${v}`)];
    const child = spawn("dotnet", args, { cwd: this.dataDirectory, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, DOTNET_NOLOGO: "1" } });
    this.process = child;
    this.output = "";
    this.port = await new Promise((resolvePort, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start within 30 s:\n${this.output}`)), 30_000);
      const onData = (chunk) => {
        this.output += chunk;
        const match = /listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(this.output);
        if (match) {
          clearTimeout(timer);
          resolvePort(Number(match[2]));
        }
      };
      child.stdout.setEncoding("utf8").on("data", onData);
      child.stderr.setEncoding("utf8").on("data", onData);
      child.on("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`the server exited with ${code}:\n${this.output}`));
      });
    });
  }

  /** A graceful stop (SIGTERM: every connection gets 1001); the port and data directory stay for a restart. */
  async stop() {
    const child = this.process;
    if (!child || child.exitCode !== null) {
      return;
    }
    const exited = new Promise((resolveExit) => child.once("exit", resolveExit));
    child.kill("SIGTERM");
    await exited;
    this.process = undefined;
  }

  async restart() {
    await this.stop();
    await this.start();
  }

  async dispose() {
    await this.stop();
    rmSync(this.dataDirectory, { recursive: true, force: true });
  }

  /** An HS256 JWT signed like the server's development issuer. */
  token(sub, attributes = [], ttlSeconds = 3600) {
    return mintToken(sub, attributes, ttlSeconds);
  }

  async publish(channel, event, data = null, extra = {}) {
    const response = await fetch(`${this.url}/api/publish`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${this.token("publisher", ["publish", "admin"])}` },
      body: JSON.stringify({ channel, event, data, ...extra }),
    });
    if (!response.ok) {
      throw new Error(`publish failed: ${response.status} ${await response.text()}`);
    }
    return response.json();
  }

  async api(method, path, body) {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${this.token("root", ["admin"])}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }
}

export function mintToken(sub, attributes = [], ttlSeconds = 3600) {
  const now = Math.floor(Date.now() / 1000);
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const input = `${encode({ alg: "HS256", typ: "JWT" })}.${encode({ sub, attributes, iat: now, nbf: now, exp: now + ttlSeconds })}`;
  return `${input}.${createHmac("sha256", secret).update(input).digest("base64url")}`;
}
