import type { AuthEventsPage } from '../cognito/cognito.client';

/** Counts of what a page cache did, for tests and metrics. */
export interface PageCacheStats {
  readonly hits: number;
  readonly misses: number;
  /** Entries dropped to stay within the bounds (not expiries, not invalidations). */
  readonly evictions: number;
}

/** What a page cache holds under a key: the page, or how to store the page once Cognito answers. */
export type PageCacheLookup =
  | { readonly page: AuthEventsPage }
  | {
      readonly page: undefined;
      /**
       * Stores `page`, read from Cognito after this lookup, unless the user's pages were
       * invalidated since: a read that began before feedback must not be cached after it.
       */
      store(page: AuthEventsPage): Promise<void>;
    };

/**
 * Cognito pages just read, by page key, grouped by user so a user's pages can be forgotten at
 * once. Async so an implementation may live in a store shared by replicas; chosen once at
 * start-up.
 */
export interface PageCache {
  /** The page under `key` (a page of `user`), or a miss that can store it. */
  lookup(key: string, user: string): Promise<PageCacheLookup>;
  /** Forgets every page of `user`. */
  invalidateUser(user: string): Promise<void>;
  readonly stats: PageCacheStats;
}
