import { authorizeHistoryAccess, resolveHistoryOwner } from '../auth/authorization.policy';
import type { Caller } from '../auth/caller';
import type { PaginationConfig } from '../config/config';
import { BadUserInputError, GatewayError, GatewayErrorCode } from '../errors/gateway-errors';
import type { CursorCodec } from '../pagination/cursor.codec';
import { PageInfo } from '../pagination/page-info.type';
import {
  assertValidUsername,
  resolveFirst,
  resolveUserPoolId,
  type UserPoolPolicy,
} from '../validation/cognito-input.validation';
import { resolveAuthEventFilter } from './auth-event-filter.validation';
import {
  type AuthEventCursorBinding,
  type AuthEventCursorPayload,
  AuthEventCursors,
  decodeAuthEventCursor,
  encodeAuthEventCursor,
} from './auth-event.cursor';
import { type AuthEventFilterSpec, canonicalAuthEventFilter, matchesAuthEventFilter } from './auth-event.filter';
import type { AuthEventFilter } from './auth-event-filter.input';
import { type AuthEventKey, decodeAuthEventId } from './auth-event.id';
import type { AuthEventLoaders } from './auth-event.loaders';
import { toAuthEvent } from './auth-event.mapper';
import type { AuthEvent } from './auth-event.type';
import { AuthEventConnection } from './auth-event-connection.type';
import { readFilteredWindow } from './auth-events.filtered-window';
import {
  HISTORY_START,
  type FetchAuthEventsPage,
  type HistoryCursorState,
  type HistoryWindowEdge,
  readHistoryWindow,
} from './auth-events.window';
import type { UnknownValueReporter } from './unknown-value.reporter';

/** The connection arguments, as the query or an entity field passes them. */
export interface AuthEventConnectionRequest {
  /** Omitted: the caller. */
  readonly username?: string | null;
  readonly userPoolId?: string | null;
  readonly first?: number | null;
  readonly after?: string | null;
  /** Omitted, null, or with every field omitted: the whole history. */
  readonly filter?: AuthEventFilter | null;
}

/** What the service needs; the loaders are the request's own. */
export interface AuthEventsServiceDependencies {
  readonly loaders: AuthEventLoaders;
  readonly cursorCodec: CursorCodec<AuthEventCursorPayload>;
  readonly pagination: PaginationConfig;
  readonly pools: UserPoolPolicy;
  readonly reporter: UnknownValueReporter;
  /** Who is asking; every read is authorized for this caller. */
  readonly caller: Caller;
}

/** Per-request reads of users' authentication histories. */
export class AuthEventsService {
  constructor(private readonly deps: AuthEventsServiceDependencies) {}

  /**
   * One page of a user's history as a Relay connection. Every argument, the caller's right to
   * read that history and the cursor are checked before any upstream call.
   */
  async authEventConnection(request: AuthEventConnectionRequest): Promise<AuthEventConnection> {
    const { caller } = this.deps;
    const owner = resolveHistoryOwner(caller, request, this.deps.pools.defaultUserPoolId);
    const username = assertValidUsername('username', owner.username);
    const userPoolId = resolveUserPoolId('userPoolId', owner.userPoolId, this.deps.pools);
    const first = resolveFirst(request.first, this.deps.pagination.defaultFirst, this.deps.pagination.maxFirst);
    const filter = resolveAuthEventFilter('filter', request.filter);
    authorizeHistoryAccess(caller, { userPoolId, username }, 'read');
    const binding: AuthEventCursorBinding =
      filter === undefined
        ? { userPoolId, username, callerId: caller.id }
        : { userPoolId, username, callerId: caller.id, filter: canonicalAuthEventFilter(filter) };
    const from =
      request.after === null || request.after === undefined
        ? undefined
        : decodeAuthEventCursor(this.deps.cursorCodec, request.after, binding);

    if (first === 0) return emptyConnection(from);

    const fetchPage = (nextToken: string | null, maxResults: number) =>
      this.deps.loaders.pages.load({ userPoolId, username, nextToken, maxResults });
    if (filter === undefined) {
      const window = await readHistoryWindow(from ?? HISTORY_START, first, fetchPage);
      return this.connectionOf(window.edges, window.hasNextPage, binding);
    }
    return this.filteredConnection(filter, from ?? HISTORY_START, first, fetchPage, binding);
  }

  /**
   * A page of the events that match `filter`, within the scan budget. When the budget runs out
   * before any match, `endCursor` still resumes the scan (Relay would have it null on a page
   * without edges; Apollo Client and Relay follow it all the same, and without it the search
   * could never get past a long stretch of non-matching events).
   */
  private async filteredConnection(
    filter: AuthEventFilterSpec,
    from: HistoryCursorState,
    first: number,
    fetchPage: FetchAuthEventsPage,
    binding: AuthEventCursorBinding,
  ): Promise<AuthEventConnection> {
    const window = await readFilteredWindow(from, first, (event) => matchesAuthEventFilter(filter, event), fetchPage, {
      scanPages: this.deps.pagination.filterScanPages,
      ...(filter.since === undefined ? {} : { stopBefore: filter.since }),
    });
    const connection = this.connectionOf(window.edges, window.hasNextPage, binding);
    connection.searchedUntil = window.searchedUntil;
    if (window.edges.length === 0 && window.hasNextPage) {
      let resume: string | undefined;
      const endCursor = () => (resume ??= encodeAuthEventCursor(this.deps.cursorCodec, window.tail, binding));
      Object.defineProperties(connection.pageInfo, {
        startCursor: { get: () => null, enumerable: true },
        endCursor: { get: endCursor, enumerable: true },
      });
    }
    return connection;
  }

  /** The connection of `windowEdges`, its cursors and `startCursor`/`endCursor` made when read. */
  private connectionOf(
    windowEdges: readonly HistoryWindowEdge[],
    hasNextPage: boolean,
    binding: AuthEventCursorBinding,
  ): AuthEventConnection {
    const owner = { userPoolId: binding.userPoolId, username: binding.username };
    const cursors = new AuthEventCursors(this.deps.cursorCodec, binding);
    // Cursors are made when a field reads them, once: `cursor`, `startCursor` and `endCursor`
    // of a query that selects none of them cost nothing.
    const edges = windowEdges.map((windowEdge) =>
      withLazyCursor({ node: toAuthEvent(windowEdge.event, owner, this.deps.reporter) }, () => cursors.after(windowEdge)),
    );
    const pageInfo = Object.assign(new PageInfo(), { hasNextPage, hasPreviousPage: false });
    Object.defineProperties(pageInfo, {
      startCursor: { get: () => edges[0]?.cursor ?? null, enumerable: true, configurable: true },
      endCursor: { get: () => edges[edges.length - 1]?.cursor ?? null, enumerable: true, configurable: true },
    });
    return Object.assign(new AuthEventConnection(), { edges, pageInfo, searchedUntil: null });
  }

  /**
   * The event an `AuthEvent.id` names, read through the event loader: `null` when it is not
   * within the scan bound of the user's newest events, or the user is gone. The id names the
   * pool and user, so the caller's right to read them is checked first.
   */
  async authEventById(id: string): Promise<AuthEvent | null> {
    const key = decodeAuthEventId('id', id);
    if (!this.deps.pools.userPoolIds.includes(key.userPoolId)) {
      throw new BadUserInputError('id', 'id names a user pool this gateway does not serve.');
    }
    authorizeHistoryAccess(this.deps.caller, key, 'read');
    return this.authEventOf(key);
  }

  /**
   * The event at `key`, which the caller is already authorized to read (the feedback mutation
   * reads back the event it has just changed); `null` when Cognito no longer has it.
   */
  async authEventOf(key: AuthEventKey): Promise<AuthEvent | null> {
    try {
      const event = await this.deps.loaders.events.load(key);
      return event === null ? null : toAuthEvent(event, key, this.deps.reporter);
    } catch (error) {
      if (error instanceof GatewayError && error.code === GatewayErrorCode.NOT_FOUND) return null;
      throw error;
    }
  }
}

/** `edge` with a `cursor` property made by `make` on first read, then kept. */
function withLazyCursor<TEdge extends object>(edge: TEdge, make: () => string): TEdge & { readonly cursor: string } {
  let cursor: string | undefined;
  return Object.defineProperty(edge, 'cursor', {
    get: () => (cursor ??= make()),
    enumerable: true,
  }) as TEdge & { readonly cursor: string };
}

/**
 * `first: 0` makes no upstream call. A cursor tells whether an event followed it when it was
 * issued; from the start of the history that is unknown without a call, and reported as false.
 */
function emptyConnection(from: HistoryCursorState | undefined): AuthEventConnection {
  const hasNextPage = from !== undefined && (from.lookahead !== undefined || from.position.kind === 'at');
  return Object.assign(new AuthEventConnection(), {
    edges: [],
    searchedUntil: null,
    pageInfo: Object.assign(new PageInfo(), {
      hasNextPage,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    }),
  });
}
