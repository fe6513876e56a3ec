// What the dashboard's modules share: the loaded client module, the live client and the credential.

export const CREDENTIAL_KEY = "herald.dashboard.credential";

export const session = {
  /** The /herald.js module, once imported. */
  herald: null,
  /** The HeraldClient of the current sign-in; a callback from an older one compares and returns. */
  client: null,
  /** The JWT or API key the user signed in with (kept in session storage). */
  credential: null,
  /** Why the credential provider gave up (shown on the sign-in form). */
  authFailure: null,
};

export const $ = (id) => document.getElementById(id);
