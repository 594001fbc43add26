import type { AuthEventsPage, AuthEventsPageRequest, CognitoAuthEventsClient, CognitoCallScope } from '../cognito/cognito.client';
import type { GatewayTracer } from '../tracing/gateway-tracer';
import type { PageCache, PageCacheLookup, PageCacheStats } from './page-cache';

/**
 * Where every request's page loader reads Cognito pages: the page cache first (when one is
 * configured), and one Cognito call for any number of requests that miss the same page at the
 * same time (single flight). Below the loaders, so below authorization: nothing reaches it that
 * the policy has not allowed.
 */
export class SharedPageReader {
  private readonly inFlight = new Map<string, Flight>();

  constructor(
    private readonly client: CognitoAuthEventsClient,
    private readonly cache: PageCache | undefined,
    /** When tracing is on: each cache lookup is a span saying hit or miss. */
    private readonly tracer?: GatewayTracer,
  ) {}

  /** What the cache did; zeros when there is none. */
  get cacheStats(): PageCacheStats {
    return this.cache?.stats ?? { hits: 0, misses: 0, evictions: 0 };
  }

  /**
   * One page, from the cache, from a read already under way, or from Cognito on behalf of
   * `scope` (whose request then counts the call).
   */
  async read(request: AuthEventsPageRequest, scope?: CognitoCallScope): Promise<AuthEventsPage> {
    // Past its deadline or with its client gone, a request reads nothing more, not even the cache.
    scope?.throwIfCancelled();
    const key = pageKeyOf(request);
    const user = userKeyOf(request.userPoolId, request.username);
    const lookup = await this.lookUp(key, user);
    if (lookup?.page !== undefined) return lookup.page;

    const leader = this.inFlight.get(key);
    if (leader !== undefined) {
      try {
        return await leader.read;
      } catch (error) {
        // The leader's request gave up (its deadline): that says nothing about this one.
        if (leader.signal?.aborted !== true || scope?.signal?.aborted === true) throw error;
      }
    }
    return this.lead(key, user, request, scope, lookup);
  }

  /** The cache's answer (none without a cache), in a span when tracing is on. */
  private lookUp(key: string, user: string): Promise<PageCacheLookup> | undefined {
    const { cache, tracer } = this;
    if (cache === undefined) return undefined;
    if (tracer === undefined) return cache.lookup(key, user);
    return tracer.inSpan('auth-events page cache lookup', {}, async (span) => {
      const lookup = await cache.lookup(key, user);
      span.setAttribute('cache.hit', lookup.page !== undefined);
      return lookup;
    });
  }

  /** Forgets `userPoolId`/`username`'s pages, and lets no read under way store one. */
  async invalidateUser(userPoolId: string, username: string): Promise<void> {
    const user = userKeyOf(userPoolId, username);
    for (const [key, flight] of this.inFlight) {
      if (flight.user !== user) continue;
      // It may have read the page before the change: it still answers its own readers, but
      // stores nothing and takes no new ones.
      flight.invalidated = true;
      this.inFlight.delete(key);
    }
    await this.cache?.invalidateUser(user);
  }

  private async lead(
    key: string,
    user: string,
    request: AuthEventsPageRequest,
    scope: CognitoCallScope | undefined,
    miss: PageCacheLookup | undefined,
  ): Promise<AuthEventsPage> {
    const read = this.client.listUserAuthEvents(request, scope);
    const flight: Flight = { user, read, signal: scope?.signal, invalidated: false };
    this.inFlight.set(key, flight);
    try {
      const page = await read;
      if (miss !== undefined && miss.page === undefined && !flight.invalidated) await miss.store(page);
      return page;
    } finally {
      if (this.inFlight.get(key) === flight) this.inFlight.delete(key);
    }
  }
}

/** A Cognito read under way, which later readers of the same page wait for. */
interface Flight {
  readonly user: string;
  readonly read: Promise<AuthEventsPage>;
  /** The leading request's signal: its abort is not a follower's failure. */
  readonly signal: AbortSignal | undefined;
  /** Set when the user's pages were invalidated while it was under way. */
  invalidated: boolean;
}

/** Everything that determines Cognito's answer: pool, user, token and page size. */
export function pageKeyOf(request: AuthEventsPageRequest): string {
  return `${request.userPoolId}\u0000${request.username}\u0000${request.maxResults}\u0000${request.nextToken ?? ''}`;
}

/** A user as the cache groups pages (the name as asked for: an alias is another key). */
export function userKeyOf(userPoolId: string, username: string): string {
  return `${userPoolId}\u0000${username}`;
}
