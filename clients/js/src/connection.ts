import { CloseCodes } from "./backoff.js";
import type { Credential } from "./options.js";
import type { Subscription } from "./subscription.js";
import type { Transport } from "./transport.js";
import type { StreamPosition } from "./updates.js";

/** @internal A request waiting for its answer on one connection. */
export interface Pending {
  subscription?: Subscription<any>;
  resolve: (error: { code: string; message: string } | null) => void;
}

/** @internal How a connection ended, with the server's last `error` without an id. */
export type CloseInfo = { code: number; reason: string; errorCode?: string; errorMessage?: string };

/** @internal Request ids, unique over all of a client's connections. */
export class RequestIds {
  private last = 0;

  next(): number {
    return ++this.last;
  }
}

/** @internal What a connection reports to its client. */
export interface ConnectionEvents {
  connectTimeoutMs: number;
  onMessage(connection: Connection, message: Record<string, unknown>): void;
  /** Called once, as the connection is abandoned and before `closed` settles. */
  onEnded(connection: Connection): void;
}

/**
 * @internal One transport connection and what the client knows about it. `closed` settles once,
 * however it ends: closed by either side, silent too long, no welcome in time, or abandoned.
 */
export class Connection {
  readonly pending = new Map<number, Pending>();
  /** Subscriptions waiting for the mount to announce their channel instead of sending `subscribe`. */
  readonly awaiting = new Map<string, Subscription<any>>();
  /** The id of the ping whose `pong` means every announcement has arrived. */
  barrier = -1;
  welcomedAt: number | undefined;
  lastError: { code: string; message: string } | undefined;
  abandoned = false;
  credential: Credential;
  readonly closed: Promise<CloseInfo>;
  private settle!: (info: CloseInfo) => void;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private idleTimeoutMs = 60_000;
  private readonly connectTimer: ReturnType<typeof setTimeout>;

  /** Connects at once; throws what the transport throws for a URL it cannot open. */
  constructor(
    private readonly transport: Transport,
    url: string,
    readonly generation: number,
    credential: Credential,
    /** The positions sent on the upgrade URL (`since=<epoch>:<offset>:<channel>`) for the mount's own subscriptions. */
    readonly resumeAt: Map<string, StreamPosition>,
    private readonly events: ConnectionEvents,
  ) {
    this.credential = credential;
    this.closed = new Promise<CloseInfo>((resolve) => (this.settle = resolve));
    transport.onmessage = (text) => this.receive(text);
    transport.onclose = (code, reason) => this.abandon({ code, reason });
    transport.connect(url);
    this.connectTimer = setTimeout(() => {
      if (this.welcomedAt === undefined) {
        this.abandon({ code: CloseCodes.Abnormal, reason: `no welcome within ${events.connectTimeoutMs / 1000} s` });
      }
    }, events.connectTimeoutMs);
  }

  send(message: object): boolean {
    return !this.abandoned && this.transport.send(JSON.stringify(message));
  }

  /** Closes the transport; its close still arrives through `abandon`, unless that ran first. */
  close(code?: number, reason?: string): void {
    this.transport.close(code, reason);
  }

  /** The server welcomed this connection: from now on, silence longer than `idleTimeoutMs` ends it. */
  welcomed(idleTimeoutMs: number): void {
    this.idleTimeoutMs = idleTimeoutMs;
    this.armIdle();
    this.welcomedAt = Date.now();
  }

  /** Stops listening to the connection and settles its close once. */
  abandon(info: CloseInfo): void {
    if (this.abandoned) {
      return;
    }
    this.abandoned = true;
    clearTimeout(this.connectTimer);
    if (this.idleTimer !== undefined) {
      clearTimeout(this.idleTimer);
    }
    for (const pending of this.pending.values()) {
      if (!pending.subscription) {
        pending.resolve({ code: "CLOSED", message: "the connection closed" });
      }
    }
    this.pending.clear();
    this.events.onEnded(this);
    this.settle({ ...info, errorCode: this.lastError?.code, errorMessage: this.lastError?.message });
  }

  private receive(text: string): void {
    if (this.abandoned) {
      return;
    }
    this.armIdle();
    // The server may join several messages with "\n" (JSON text never holds a raw newline).
    for (const line of text.split("\n")) {
      if (!line) {
        continue;
      }
      let message: Record<string, unknown>;
      try {
        message = JSON.parse(line) as Record<string, unknown>;
      } catch {
        continue;
      }
      this.events.onMessage(this, message);
      if (this.abandoned) {
        return;
      }
    }
  }

  private armIdle(): void {
    if (this.idleTimer !== undefined) {
      clearTimeout(this.idleTimer);
    }
    this.idleTimer = setTimeout(() => {
      this.abandon({ code: CloseCodes.Abnormal, reason: `no message from the server for ${this.idleTimeoutMs / 1000} s` });
      this.transport.close();
    }, this.idleTimeoutMs);
  }
}
