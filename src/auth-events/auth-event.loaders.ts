import DataLoader from 'dataloader';
import { pageKeyOf, type SharedPageReader, userKeyOf } from '../cache/shared-page-reader';
import type { AuthEventsPage, AuthEventsPageRequest, CognitoAuthEvent, CognitoCallScope } from '../cognito/cognito.client';
import { MAX_AUTH_EVENTS_PAGE_SIZE } from '../cognito/cognito.constraints';
import type { AuthEventKey } from './auth-event.id';

/** The per-request loaders through which every upstream read goes. */
export interface AuthEventLoaders {
  /**
   * One Cognito page per distinct (pool, user, token, page size): everything that determines
   * Cognito's answer, so identical reads within one operation happen once.
   */
  readonly pages: DataLoader<AuthEventsPageRequest, AuthEventsPage, string>;
  /**
   * Events by (pool, user, event id). Cognito has no read by id, so a batch scans each user's
   * history once, newest first, for all of that user's requested events, within the scan
   * bound; events already read in this request are not read again. `null`: not found within
   * the bound.
   */
  readonly events: DataLoader<AuthEventKey, CognitoAuthEvent | null, string>;
  /**
   * Forgets everything read for one user, in this request and in the shared page cache (after
   * that user's events changed).
   */
  invalidateUser(userPoolId: string, username: string): Promise<void>;
}

/** What the loaders need from the process. */
export interface AuthEventLoaderDependencies {
  /** The process-wide reader: page cache and single flight in front of the guarded client. */
  readonly reader: SharedPageReader;
  /** The request on whose behalf Cognito is read: its abort signal and its tally of calls. */
  readonly scope: CognitoCallScope;
  /** Pages of one user's history the event loader may read. */
  readonly eventScanPages: number;
}

/** Builds fresh loaders; called once per GraphQL request, in the context function, and nowhere else. */
export function createAuthEventLoaders(dependencies: AuthEventLoaderDependencies): AuthEventLoaders {
  const { reader, scope, eventScanPages } = dependencies;
  // Per user: events read so far in this request, and the loader cache keys to clear on change.
  const seenEvents = new Map<string, Map<string, CognitoAuthEvent>>();
  const pageKeysByUser = new Map<string, AuthEventsPageRequest[]>();
  const eventKeysByUser = new Map<string, AuthEventKey[]>();

  const remember = <K>(index: Map<string, K[]>, user: string, key: K) => {
    let keys = index.get(user);
    if (keys === undefined) index.set(user, (keys = []));
    keys.push(key);
  };

  const pages = new DataLoader<AuthEventsPageRequest, AuthEventsPage, string>(
    // Cognito has no batch read, so a batch is the distinct pages of one tick, read side by
    // side (the guarded client caps how many at once); each failure lands in its own key's
    // slot and never fails a sibling.
    (requests) =>
      Promise.all(
        requests.map(async (request) => {
          const user = userKeyOf(request.userPoolId, request.username);
          remember(pageKeysByUser, user, request);
          try {
            const page = await reader.read(request, scope);
            let seen = seenEvents.get(user);
            if (seen === undefined) seenEvents.set(user, (seen = new Map()));
            for (const event of page.events) if (event.EventId !== undefined) seen.set(event.EventId, event);
            return page;
          } catch (error) {
            // Already a GatewayError (the client maps every failure); in this key's slot only.
            return asError(error);
          }
        }),
      ),
    { cacheKeyFn: pageKeyOf },
  );

  /** Finds one user's events, reading whole Cognito pages from the newest until all are found. */
  const scanUser = async (userPoolId: string, username: string, eventIds: readonly string[]) => {
    const seen = () => seenEvents.get(userKeyOf(userPoolId, username));
    const missing = () => eventIds.filter((id) => !seen()?.has(id));
    let nextToken: string | null = null;
    for (let read = 0; read < eventScanPages && missing().length > 0; read += 1) {
      // Full pages: the fewest calls per event, and the same key as a connection's full page.
      const page: AuthEventsPage = await pages.load({
        userPoolId,
        username,
        nextToken,
        maxResults: MAX_AUTH_EVENTS_PAGE_SIZE,
      });
      if (page.nextToken === null) break;
      nextToken = page.nextToken;
    }
    return new Map(eventIds.map((id) => [id, seen()?.get(id) ?? null]));
  };

  const events = new DataLoader<AuthEventKey, CognitoAuthEvent | null, string>(
    async (keys) => {
      const idsByUser = new Map<string, { userPoolId: string; username: string; ids: string[] }>();
      for (const key of keys) {
        const user = userKeyOf(key.userPoolId, key.username);
        remember(eventKeysByUser, user, key);
        const group = idsByUser.get(user) ?? { userPoolId: key.userPoolId, username: key.username, ids: [] };
        group.ids.push(key.eventId);
        idsByUser.set(user, group);
      }
      const results = new Map(
        await Promise.all(
          [...idsByUser.entries()].map(async ([user, { userPoolId, username, ids }]) => {
            const found: Map<string, CognitoAuthEvent | null> | Error = await scanUser(userPoolId, username, ids).catch(asError);
            return [user, found] as const;
          }),
        ),
      );
      return keys.map((key) => {
        const found = results.get(userKeyOf(key.userPoolId, key.username));
        return found instanceof Error ? found : (found?.get(key.eventId) ?? null);
      });
    },
    { cacheKeyFn: eventCacheKey },
  );

  return {
    pages,
    events,
    async invalidateUser(userPoolId, username) {
      await reader.invalidateUser(userPoolId, username);
      const user = userKeyOf(userPoolId, username);
      seenEvents.delete(user);
      for (const request of pageKeysByUser.get(user) ?? []) pages.clear(request);
      for (const key of eventKeysByUser.get(user) ?? []) events.clear(key);
      pageKeysByUser.delete(user);
      eventKeysByUser.delete(user);
    },
  };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** Everything that names an event: pool, user and event id (the user's key, then the id). */
function eventCacheKey(key: AuthEventKey): string {
  return `${userKeyOf(key.userPoolId, key.username)}\u0000${key.eventId}`;
}
