/**
 * Who is calling, as the gateway established it before anything else ran. Shared by the
 * authorization policy, the fair-use limits and the cursors, so it lives below all of them.
 */
export interface Caller {
  /**
   * A stable identity for per-caller limits and cursor binding (`<pool>/<sub>`, or
   * `address:<ip>` when authentication is off). Never shown to clients or logged as is.
   */
  readonly id: string;
  /**
   * `user`: a person signed in to a pool (access or ID token). `machine`: an app client using
   * the client-credentials flow (no user). `unauthenticated`: `AUTH_MODE=none`.
   */
  readonly kind: 'user' | 'machine' | 'unauthenticated';
  /** The pool that issued the token; `undefined` when authentication is off. */
  readonly userPoolId: string | undefined;
  /** The user's `sub`, or the client id of a machine caller. */
  readonly sub: string | undefined;
  /** The user's username (`username` of an access token, `cognito:username` of an ID token). */
  readonly username: string | undefined;
  /** Admins read any user's events in any served pool and may use the admin feedback path. */
  readonly admin: boolean;
}

/** The caller of every request when `AUTH_MODE=none`: an admin, told apart by client address for fair use. */
export function unauthenticatedCaller(address: string | undefined): Caller {
  return {
    id: `address:${address ?? 'unknown'}`,
    kind: 'unauthenticated',
    userPoolId: undefined,
    sub: undefined,
    username: undefined,
    admin: true,
  };
}
