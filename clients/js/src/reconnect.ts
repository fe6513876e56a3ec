import { type Backoff, closeAction } from "./backoff.js";
import type { CloseInfo } from "./connection.js";
import type { CredentialReason } from "./options.js";

/**
 * @internal Where the connect loop stands between two connections: how many attempts failed in a
 * row, and why the credential provider is asked next.
 */
export class ReconnectPlan {
  reason: CredentialReason = "connect";
  private attempt = 0;

  constructor(private readonly backoff: Backoff) {}

  /** The wait after the credential provider threw. */
  afterProviderFailure(): number {
    return this.backoff.delay(this.attempt++);
  }

  /** After a connection ended: "stop" for good (PROTOCOL.md §7), or the wait before the next attempt. */
  afterClose(close: CloseInfo, welcomedAt: number | undefined): number | "stop" {
    if (welcomedAt !== undefined && Date.now() - welcomedAt >= this.backoff.resetAfterMs) {
      this.attempt = 0;
    }
    switch (closeAction(close.code)) {
      case "stop":
        return "stop";
      case "reconnect-now":
        this.attempt = 0;
        this.reason = "reconnect";
        return this.backoff.immediate();
      case "renew-credentials":
        this.reason = "rejected";
        return this.backoff.delay(this.attempt++);
      default:
        this.reason = "reconnect";
        return this.backoff.delay(this.attempt++);
    }
  }
}

/** @internal Why a connection ended, for humans. */
export function describe(close: CloseInfo): string {
  return close.errorCode
    ? `the server closed the connection with ${close.code} (${close.errorCode}: ${close.errorMessage ?? ""})`
    : `the connection closed with ${close.code}${close.reason ? ` (${close.reason})` : ""}`;
}

/** @internal A wait that `close()` cuts short. */
export class Sleeper {
  private wake: (() => void) | undefined;

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  wakeUp(): void {
    this.wake?.();
  }
}
