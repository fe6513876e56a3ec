import type { Connection, RequestIds } from "./connection.js";
import type { Credential, CredentialProvider } from "./options.js";

/** @internal */
export const sameCredential = (a: Credential | undefined, b: Credential | undefined): boolean =>
  !!a && !!b && JSON.stringify(a) === JSON.stringify(b);

/** @internal The credential goes in the query string: browsers cannot set headers on an upgrade. */
export function withCredential(url: string, credential: Credential): string {
  const target = new URL(url);
  if ("token" in credential) {
    target.searchParams.set("token", credential.token);
  } else if ("apiKey" in credential) {
    target.searchParams.set("api_key", credential.apiKey);
  } else {
    target.searchParams.set("ticket", credential.ticket);
  }
  return target.toString();
}

/**
 * @internal On `expiring`: a new token from the provider goes out as `refresh` on this connection,
 * and becomes the connection's credential once the server answers `refreshed`.
 */
export async function refreshToken(connection: Connection, credentials: CredentialProvider, ids: RequestIds, timeoutMs: number): Promise<void> {
  let next: Credential | null | undefined;
  try {
    next = await credentials({ reason: "expiring", current: connection.credential });
  } catch {
    return; // The 4001 path asks again.
  }
  if (!next || !("token" in next) || sameCredential(next, connection.credential) || connection.abandoned) {
    return;
  }
  const id = ids.next();
  const answer = new Promise<{ code: string; message: string } | null>((resolve) => {
    connection.pending.set(id, { resolve });
    setTimeout(() => resolve({ code: "TIMEOUT", message: "no answer to refresh" }), timeoutMs);
  });
  if (!connection.send({ type: "refresh", id, token: next.token })) {
    connection.pending.delete(id);
    return;
  }
  if ((await answer) === null) {
    connection.credential = next;
  }
}
