import { CloseCodes } from "./backoff.js";
import { EventStreamParser } from "./event-stream.js";
import type { Transport, TransportFactory } from "./transport.js";

/** The subset of `fetch` the SSE transport uses (the browser's, Node 20's, or a test's). */
export type FetchLike = (url: string, init: { headers: Record<string, string>; signal: AbortSignal; cache?: "no-store" }) => Promise<{
  ok: boolean;
  status: number;
  headers: { get(name: string): string | null };
  body: { getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }> } } | null;
  text(): Promise<string>;
}>;

/** @internal Server-Sent Events from `<mount>/events`, read with `fetch` streaming. */
export function sseTransport(given: FetchLike | undefined): TransportFactory {
  const impl = given ?? (globalThis as { fetch?: FetchLike }).fetch?.bind(globalThis);
  if (!impl) {
    throw new TypeError("No fetch implementation for the SSE transport: globalThis.fetch is missing, so pass one as the `fetch` option");
  }
  return { name: "a Server-Sent Events stream", oneWay: true, resolve: streamUrl, create: () => new SseTransport(impl) };
}

/**
 * @internal One stream. It only receives: `send` refuses (the client reopens the stream to change
 * its channels), a refusal's HTTP status becomes the close code the WebSocket would have had,
 * after an `error` message with the problem's `code`, and the server's last `close` message
 * becomes the close.
 */
export class SseTransport implements Transport {
  onmessage: ((text: string) => void) | undefined;
  onclose: ((code: number, reason: string) => void) | undefined;
  private readonly abort = new AbortController();
  private closedWith: { code: number; reason: string } | undefined;
  private ended = false;

  constructor(private readonly fetchImpl: FetchLike) {}

  connect(url: string): void {
    new URL(url); // Throws, as a WebSocket's constructor does, for a URL it cannot open.
    void this.read(url);
  }

  send(): boolean {
    return false;
  }

  close(code?: number, reason?: string): void {
    this.end(code ?? CloseCodes.Normal, reason ?? "");
    this.abort.abort();
  }

  private async read(url: string): Promise<void> {
    try {
      const response = await this.fetchImpl(url, { headers: { Accept: "text/event-stream" }, signal: this.abort.signal, cache: "no-store" });
      if (!response.ok || !response.body) {
        await this.refused(response.status, await response.text().catch(() => ""));
        return;
      }
      const parser = new EventStreamParser(
        (event) => this.receive(event.type, event.data),
        () => this.onmessage?.(""), // The heartbeat: an empty text keeps the connection's silence timer from firing.
      );
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      while (!this.ended) {
        const { done, value } = await reader.read();
        if (done) {
          break;
        }
        parser.feed(decoder.decode(value, { stream: true }));
      }
      this.end(this.closedWith?.code ?? CloseCodes.Abnormal, this.closedWith?.reason ?? "the stream ended");
    } catch (error) {
      this.end(this.closedWith?.code ?? CloseCodes.Abnormal, this.closedWith?.reason ?? String(error));
    }
  }

  private receive(type: string, data: string): void {
    if (type === "message" && data.includes('"close"')) {
      try {
        const message = JSON.parse(data) as { type?: string; code?: number; reason?: string };
        if (message.type === "close") {
          this.closedWith = { code: Number(message.code ?? CloseCodes.Abnormal), reason: String(message.reason ?? "") };
          return;
        }
      } catch {
        // Not JSON: the connection ignores it too.
      }
    }
    this.onmessage?.(data);
  }

  /** An HTTP refusal, said as the server would have closed a WebSocket (docs/protocol.md §10). */
  private async refused(status: number, body: string): Promise<void> {
    let problem: { code?: string; detail?: string; title?: string } = {};
    try {
      problem = JSON.parse(body) as typeof problem;
    } catch {
      // Not a problem document (a proxy's page): the status says enough.
    }
    const code = problem.code ?? (status === 401 ? "INVALID_CREDENTIALS" : status === 403 ? "ACCESS_DENIED" : status >= 500 ? "INTERNAL" : "BAD_REQUEST");
    const message = problem.detail ?? problem.title ?? `HTTP ${status}`;
    this.onmessage?.(JSON.stringify({ type: "error", code, message }));
    this.end(closeCodeFor(status), `HTTP ${status}: ${message}`);
  }

  private end(code: number, reason: string): void {
    if (this.ended) {
      return;
    }
    this.ended = true;
    this.onclose?.(code, reason);
  }
}

function closeCodeFor(status: number): number {
  if (status === 401) {
    return CloseCodes.NotAuthenticated;
  }
  if (status === 403) {
    return CloseCodes.Forbidden;
  }
  if (status === 429) {
    return CloseCodes.RateLimited;
  }
  // Any other 4xx is a request this server will refuse again; 5xx and the rest may pass.
  return status >= 400 && status < 500 ? CloseCodes.TooManyErrors : CloseCodes.ServerError;
}

/** `<mount>/events`, over http(s): a `ws:` mount URL names the same server. */
function streamUrl(url: string): string {
  const base = (globalThis as { location?: { href: string } }).location?.href;
  const resolved = new URL(url, base);
  if (resolved.protocol === "ws:") {
    resolved.protocol = "http:";
  } else if (resolved.protocol === "wss:") {
    resolved.protocol = "https:";
  }
  resolved.pathname = `${resolved.pathname.replace(/\/+$/, "")}/events`;
  return resolved.toString();
}
