import type { StopReason } from "./options.js";

/** The server refused something; `code` is its error code (`ACCESS_DENIED`, `INVALID_CHANNEL`…). */
export class HeraldError extends Error {
  readonly code: string | undefined;

  constructor(code: string | undefined, message: string) {
    super(message);
    this.name = "HeraldError";
    this.code = code;
  }
}

/** The client stopped for good (4003, 4400, 4001 with nothing new, or no credential). */
export class HeraldStoppedError extends HeraldError {
  readonly reason: StopReason;

  constructor(reason: StopReason) {
    super(reason.errorCode, reason.message);
    this.name = "HeraldStoppedError";
    this.reason = reason;
  }
}

/** @internal A listener's bug must not break the connection; surface it where developers look. */
export function reportListenerError(error: unknown): void {
  setTimeout(() => {
    throw error;
  });
}
