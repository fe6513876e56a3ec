import type { BackoffOptions } from "./options.js";

export const CloseCodes = {
  Normal: 1000,
  GoingAway: 1001,
  Abnormal: 1006,
  MessageTooBig: 1009,
  ServerError: 1011,
  HeartbeatTimeout: 4000,
  NotAuthenticated: 4001,
  Forbidden: 4003,
  SlowConsumer: 4008,
  RateLimited: 4029,
  TooManyErrors: 4400,
} as const;

export type CloseAction = "stop" | "reconnect-now" | "reconnect" | "renew-credentials";

/** The protocol's "client should" column (PROTOCOL.md §7). */
export function closeAction(code: number): CloseAction {
  switch (code) {
    case CloseCodes.Normal:
    case CloseCodes.MessageTooBig:
    case CloseCodes.Forbidden:
    case CloseCodes.TooManyErrors:
      return "stop";
    case CloseCodes.GoingAway:
      return "reconnect-now";
    case CloseCodes.NotAuthenticated:
      return "renew-credentials";
    default:
      return "reconnect"; // 1006, 1011, 4000, 4008, 4029, and codes this client does not know
  }
}

/** Exponential backoff with jitter. */
export class Backoff {
  private readonly options: Required<BackoffOptions>;

  constructor(options: BackoffOptions = {}) {
    this.options = {
      initialDelayMs: options.initialDelayMs ?? 500,
      maxDelayMs: options.maxDelayMs ?? 30_000,
      multiplier: options.multiplier ?? 2,
      jitter: options.jitter ?? 0.5,
      resetAfterMs: options.resetAfterMs ?? 30_000,
      random: options.random ?? Math.random,
    };
  }

  get resetAfterMs(): number {
    return this.options.resetAfterMs;
  }

  /** The delay before attempt `attempt` (0-based). */
  delay(attempt: number): number {
    const o = this.options;
    const ceiling = Math.min(o.maxDelayMs, o.initialDelayMs * Math.pow(Math.max(1, o.multiplier), Math.max(0, attempt)));
    return ceiling * (1 - this.jitterShare() * o.random());
  }

  /** "Reconnect at once" (1001): only a little spread, so a drained node's clients do not stampede. */
  immediate(): number {
    return this.options.initialDelayMs * this.jitterShare() * this.options.random();
  }

  private jitterShare(): number {
    return Math.min(1, Math.max(0, this.options.jitter));
  }
}
