/** @internal One dispatched Server-Sent Event: its type ("message" when unnamed), data and the stream's last id. */
export interface StreamEvent {
  type: string;
  data: string;
  lastEventId: string;
}

/**
 * @internal The event-stream format as the HTML standard parses it (lines end with CR, LF or
 * CRLF; `data`, `event`, `id` and `retry` fields; `:` starts a comment), fed text chunks as they
 * arrive. The browser's `EventSource` cannot listen to event names it does not know beforehand,
 * and a channel's events are named after themselves, so the client reads the stream itself.
 */
export class EventStreamParser {
  lastEventId = "";
  private buffer = "";
  private data: string[] = [];
  private type = "";
  private started = false;

  constructor(
    private readonly onEvent: (event: StreamEvent) => void,
    /** A comment line (the server's heartbeat is `: ping`). */
    private readonly onComment: () => void,
  ) {}

  feed(chunk: string): void {
    this.buffer += chunk;
    if (!this.started && this.buffer.length > 0) {
      this.started = true;
      if (this.buffer.charCodeAt(0) === 0xfeff) {
        this.buffer = this.buffer.slice(1);
      }
    }
    let start = 0;
    for (;;) {
      const cr = this.buffer.indexOf("\r", start);
      const lf = this.buffer.indexOf("\n", start);
      const end = cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf);
      if (end < 0 || (end === cr && end === this.buffer.length - 1)) {
        break; // No whole line yet; a CR at the end of a chunk may be half of a CRLF.
      }
      this.line(this.buffer.slice(start, end));
      start = end === cr && this.buffer[end + 1] === "\n" ? end + 2 : end + 1;
    }
    this.buffer = this.buffer.slice(start);
  }

  private line(line: string): void {
    if (line === "") {
      this.dispatch();
      return;
    }
    if (line.startsWith(":")) {
      this.onComment();
      return;
    }
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) {
      value = value.slice(1);
    }
    switch (field) {
      case "data":
        this.data.push(value);
        break;
      case "event":
        this.type = value;
        break;
      case "id":
        if (!value.includes("\0")) {
          this.lastEventId = value;
        }
        break;
      // `retry` is the browser's reconnect delay; the client keeps its own backoff.
    }
  }

  private dispatch(): void {
    const data = this.data;
    const type = this.type || "message";
    this.data = [];
    this.type = "";
    if (data.length > 0) {
      this.onEvent({ type, data: data.join("\n"), lastEventId: this.lastEventId });
    }
  }
}
