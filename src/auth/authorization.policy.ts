import { BadUserInputError, ForbiddenError } from '../errors/gateway-errors';
import type { Caller } from './caller';

/**
 * The one authorization policy of the gateway. Every resolver path that reads or changes a
 * user's events asks it, after the arguments are checked and before any upstream call:
 *
 * | caller | read a history / one event | feedback with a token | feedback without (admin path) |
 * | --- | --- | --- | --- |
 * | admin (group in `AUTH_ADMIN_GROUPS`, or client-credentials scope in `AUTH_ADMIN_SCOPES`) | any user of any served pool | yes | yes |
 * | a user | their own: `username` is their username or `sub`, in their own pool | their own | no |
 * | a machine client without an admin scope | no | no | no |
 *
 * "Their own" is decided from the token alone: an email alias is never recognised as the
 * caller, since telling whether it resolves to them would cost a Cognito call per check.
 */

/** What a request wants to do to whose events. */
export type HistoryAction = 'read' | 'feedback-with-token' | 'admin-feedback';

/** The user whose events are concerned. */
export interface HistoryOwner {
  readonly userPoolId: string;
  readonly username: string;
}

/**
 * Allows `action` on `owner`'s events or refuses it.
 *
 * @throws ForbiddenError when the caller may not; its message names the rule, never a user.
 */
export function authorizeHistoryAccess(caller: Caller, owner: HistoryOwner, action: HistoryAction): void {
  if (caller.admin) return;
  if (action === 'admin-feedback') {
    throw new ForbiddenError(
      'Feedback without a feedbackToken uses the gateway\'s admin rights and needs an admin caller; pass the feedbackToken from Cognito\'s email instead.',
    );
  }
  if (!isSelf(caller, owner)) {
    throw new ForbiddenError(
      action === 'read'
        ? "You may read only your own auth events: username must be your username or sub in your own user pool (or omitted). Reading other users' events needs an admin caller."
        : 'You may give feedback only on your own auth events, unless you are an admin.',
    );
  }
}

/** Whether `owner` is the caller, by the token's username or `sub` in the token's own pool. */
export function isSelf(caller: Caller, owner: HistoryOwner): boolean {
  return (
    caller.kind === 'user' &&
    caller.userPoolId === owner.userPoolId &&
    (owner.username === caller.username || owner.username === caller.sub)
  );
}

/** Whose history a request means when it names a user, a pool, both or neither. */
export interface HistoryOwnerRequest {
  readonly username?: string | null;
  readonly userPoolId?: string | null;
}

/**
 * Fills in what a request leaves out: no `username` means the caller (in the caller's pool), and
 * no `userPoolId` means the caller's pool, or `defaultUserPoolId` for callers who have none
 * (machine clients, `AUTH_MODE=none`). The result still goes through the usual input checks.
 *
 * @throws BadUserInputError when `username` is omitted by a caller who is no user, or for a
 *   pool other than the caller's.
 */
export function resolveHistoryOwner(
  caller: Caller,
  request: HistoryOwnerRequest,
  defaultUserPoolId: string,
  argumentPrefix = '',
): { username: string; userPoolId: string } {
  const ownPool = caller.kind === 'user' ? caller.userPoolId : undefined;
  const userPoolId = request.userPoolId ?? ownPool ?? defaultUserPoolId;
  if (request.username !== null && request.username !== undefined) return { username: request.username, userPoolId };
  if (caller.kind !== 'user' || caller.username === undefined) {
    throw new BadUserInputError(`${argumentPrefix}username`, `${argumentPrefix}username is required: the caller is not a signed-in user of a pool.`);
  }
  if (userPoolId !== caller.userPoolId) {
    throw new BadUserInputError(
      `${argumentPrefix}username`,
      `${argumentPrefix}username may be omitted only for your own user pool; name the user to read another pool.`,
    );
  }
  return { username: caller.username, userPoolId };
}
