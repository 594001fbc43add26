import type { CognitoAuthEvent } from '../cognito/cognito.client';
import { NEXT_TOKEN_RULE } from '../cognito/cognito.constraints';
import { BadUserInputError } from '../errors/gateway-errors';
import { type CursorCodec, type CursorRejection, InvalidCursorError, type SealedCursorGroup } from '../pagination/cursor.codec';
import type { HistoryCursorState, HistoryWindowEdge } from './auth-events.window';

/** What an `authEvents` cursor is bound to: it works only for the same pool, user, caller and filter. */
export interface AuthEventCursorBinding {
  readonly userPoolId: string;
  readonly username: string;
  /** `Caller.id` of the caller it was issued to: a cursor passed to someone else opens nothing. */
  readonly callerId: string;
  /**
   * `canonicalAuthEventFilter` of the page's filter; absent when unfiltered. A filtered cursor's
   * lookahead is a match and its position may lie past events only that filter skipped, so
   * under another filter it would silently lose or invent events.
   */
  readonly filter?: string;
}

/** The JSON sealed inside an `authEvents` cursor. Short keys: cursors travel in every edge. */
export interface AuthEventCursorPayload {
  /** Cognito `NextToken` of the position (null: the newest page). Absent at the end. */
  t?: string | null;
  /** Items of that page to skip. */
  k?: number;
  /** 1: the history ends here. */
  e?: 1;
  /** The lookahead event, dates as epoch milliseconds. */
  l?: StoredAuthEvent;
}

type StoredAuthEvent = Omit<CognitoAuthEvent, 'CreationDate' | 'EventFeedback'> & {
  CreationDate?: number;
  EventFeedback?: Omit<NonNullable<CognitoAuthEvent['EventFeedback']>, 'FeedbackDate'> & { FeedbackDate?: number };
};

/**
 * Longest cursor accepted: a `NextToken` of Cognito's maximum length (131,072 characters) plus a
 * generous lookahead event, base64url-encoded. Anything longer is refused before decryption.
 */
export const MAX_AUTH_EVENT_CURSOR_LENGTH = Math.ceil(((NEXT_TOKEN_RULE.maxLength + 8192) * 4) / 3);

const REJECTION_MESSAGES: Record<CursorRejection, string> = {
  oversized: `after is longer than any cursor this gateway issues (${MAX_AUTH_EVENT_CURSOR_LENGTH} characters).`,
  malformed: 'after is not a cursor issued by this gateway.',
  'unsupported-version': 'after is a cursor of a version this gateway no longer reads; start again from the first page.',
  'unknown-key': 'after was issued with a key this gateway does not hold (rotated out, or another deployment).',
  tampered: 'after is not a valid cursor: it was changed or truncated.',
  expired: 'after has expired; start again from the first page.',
  foreign: 'after was issued for a different user or user pool, to a different caller, or under a different filter (a cursor works only with the filter it was issued under).',
};

/** Seals the state after an edge into the edge's cursor. */
export function encodeAuthEventCursor(
  codec: CursorCodec<AuthEventCursorPayload>,
  state: HistoryCursorState,
  binding: AuthEventCursorBinding,
): string {
  return codec.encodeCursor(toPayload(state), bindingOf(binding));
}

/**
 * The cursors of one connection's edges, each made only when asked for (a query that selects
 * no `cursor` seals nothing) and as cheaply as its state allows: the edges that resume inside
 * the same Cognito page share one sealed `{ t: token }` and are member cursors of it, the skip
 * being the member index; an edge that carries the lookahead or ends the history is sealed on
 * its own. A page of edges from one Cognito page therefore costs at most two seals, not one per edge.
 */
export class AuthEventCursors {
  private readonly groups = new Map<string | null, SealedCursorGroup>();
  private readonly binding: string;

  constructor(
    private readonly codec: CursorCodec<AuthEventCursorPayload>,
    binding: AuthEventCursorBinding,
  ) {
    this.binding = bindingOf(binding);
  }

  /** The cursor that resumes right after `edge`. */
  after(edge: HistoryWindowEdge): string {
    const { position, lookahead } = edge.after;
    if (lookahead === undefined && position.kind === 'at') {
      let group = this.groups.get(position.token);
      if (group === undefined) {
        group = this.codec.sealGroup({ t: position.token }, this.binding);
        this.groups.set(position.token, group);
      }
      const cursor = group.member(position.skip);
      if (cursor.length <= MAX_AUTH_EVENT_CURSOR_LENGTH) return cursor;
    }
    const cursor = this.codec.encodeCursor(toPayload(edge.after), this.binding);
    if (cursor.length <= MAX_AUTH_EVENT_CURSOR_LENGTH) return cursor;
    // A huge NextToken plus the lookahead would make a cursor this gateway refuses to read
    // back; without the lookahead it stays within bounds and costs one extra read to resume.
    return this.codec.encodeCursor(toPayload({ position: edge.resumeAt }), this.binding);
  }
}

/**
 * Opens an `after` argument; any cursor that cannot be used is `BAD_USER_INPUT` with the reason,
 * decided before anything is sent upstream.
 */
export function decodeAuthEventCursor(
  codec: CursorCodec<AuthEventCursorPayload>,
  after: string,
  binding: AuthEventCursorBinding,
): HistoryCursorState {
  let opened: { payload: AuthEventCursorPayload; member: number | undefined };
  try {
    opened = codec.openCursor(after, bindingOf(binding));
  } catch (error) {
    if (error instanceof InvalidCursorError) throw new BadUserInputError('after', REJECTION_MESSAGES[error.reason]);
    throw error;
  }
  if (opened.member === undefined) return fromPayload(opened.payload);
  // A member cursor's payload is only the page's token; the member index is the skip.
  return { position: { kind: 'at', token: opened.payload.t ?? null, skip: opened.member } };
}

function bindingOf({ userPoolId, username, callerId, filter }: AuthEventCursorBinding): string {
  // Unfiltered cursors keep the binding they always had, so cursors issued before filters existed still open.
  const unfiltered = `authEvents\u0000${userPoolId}\u0000${username}\u0000${callerId}`;
  return filter === undefined ? unfiltered : `${unfiltered}\u0000filter\u0000${filter}`;
}

function toPayload(state: HistoryCursorState): AuthEventCursorPayload {
  const payload: AuthEventCursorPayload =
    state.position.kind === 'end' ? { e: 1 } : { t: state.position.token, k: state.position.skip };
  if (state.lookahead !== undefined) payload.l = storeEvent(state.lookahead);
  return payload;
}

function fromPayload(payload: AuthEventCursorPayload): HistoryCursorState {
  const position: HistoryCursorState['position'] =
    payload.e === 1 ? { kind: 'end' } : { kind: 'at', token: payload.t ?? null, skip: payload.k ?? 0 };
  return payload.l === undefined ? { position } : { position, lookahead: restoreEvent(payload.l) };
}

function storeEvent(event: CognitoAuthEvent): StoredAuthEvent {
  const { CreationDate, EventFeedback, ...rest } = event;
  const stored: StoredAuthEvent = { ...rest };
  if (CreationDate !== undefined) stored.CreationDate = CreationDate.getTime();
  if (EventFeedback !== undefined) {
    const { FeedbackDate, ...feedback } = EventFeedback;
    stored.EventFeedback = FeedbackDate === undefined ? feedback : { ...feedback, FeedbackDate: FeedbackDate.getTime() };
  }
  return stored;
}

function restoreEvent(stored: StoredAuthEvent): CognitoAuthEvent {
  const { CreationDate, EventFeedback, ...rest } = stored;
  const event: CognitoAuthEvent = { ...rest };
  if (CreationDate !== undefined) event.CreationDate = new Date(CreationDate);
  if (EventFeedback !== undefined) {
    const { FeedbackDate, ...feedback } = EventFeedback;
    event.EventFeedback = FeedbackDate === undefined ? feedback : { ...feedback, FeedbackDate: new Date(FeedbackDate) };
  }
  return event;
}
