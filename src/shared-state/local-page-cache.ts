import { LRUCache } from 'lru-cache';
import type { AuthEventsPage } from '../cognito/cognito.client';
import type { PageCache, PageCacheLookup, PageCacheStats } from '../cache/page-cache';

/** Bounds of the in-memory page cache. */
export interface InMemoryPageCacheOptions {
  /** How long a page is served from memory (`PAGE_CACHE_TTL_MS`); at least 1. */
  readonly ttlMs: number;
  /** Most pages held (`PAGE_CACHE_MAX_ENTRIES`). */
  readonly maxEntries: number;
  /** Most bytes held, by an estimate of each page's size (`PAGE_CACHE_MAX_BYTES`). */
  readonly maxBytes: number;
  /**
   * The clock the TTL is measured on, in milliseconds; default lru-cache's own (`performance.now`).
   * Injectable so a test can pass the TTL by setting the time instead of waiting for it.
   */
  readonly now?: () => number;
}

/**
 * Pages in this process's memory, in lru-cache: least recently used out first when a bound is
 * reached, and never served past the TTL. Values are Cognito's response only, shared by the
 * requests that read them and never changed by them.
 */
export class InMemoryPageCache implements PageCache {
  private readonly pages: LRUCache<string, { user: string; page: AuthEventsPage }>;
  private readonly keysByUser = new Map<string, Set<string>>();
  private counts = { hits: 0, misses: 0, evictions: 0 };

  constructor(options: InMemoryPageCacheOptions) {
    this.pages = new LRUCache({
      max: options.maxEntries,
      maxSize: options.maxBytes,
      ttl: options.ttlMs,
      // An injected clock is read at every check: lru-cache otherwise reuses a reading for up to a
      // millisecond of real time, which would hide a test's change of the time.
      ...(options.now === undefined ? {} : { perf: { now: options.now }, ttlResolution: 0 }),
      sizeCalculation: ({ page }) => estimatedBytes(page),
      dispose: ({ user }, key, reason) => {
        if (reason === 'evict') this.counts.evictions += 1;
        if (reason === 'set') return;
        const keys = this.keysByUser.get(user);
        keys?.delete(key);
        if (keys?.size === 0) this.keysByUser.delete(user);
      },
    });
  }

  get stats(): PageCacheStats {
    return { ...this.counts };
  }

  async lookup(key: string, user: string): Promise<PageCacheLookup> {
    const page = await this.get(key);
    if (page !== undefined) return { page };
    // In one process the single-flight reader already drops a read overtaken by an
    // invalidation, so the store needs no check of its own here.
    return { page: undefined, store: (read) => this.set(key, user, read) };
  }

  /** The page under `key`, if held and fresh. */
  async get(key: string): Promise<AuthEventsPage | undefined> {
    const entry = this.pages.get(key);
    if (entry === undefined) this.counts.misses += 1;
    else this.counts.hits += 1;
    return entry?.page;
  }

  /** Holds `page` of `user` under `key` for the TTL. */
  async set(key: string, user: string, page: AuthEventsPage): Promise<void> {
    this.pages.set(key, { user, page });
    if (!this.pages.has(key)) return; // larger than the whole cache: not kept
    let keys = this.keysByUser.get(user);
    if (keys === undefined) this.keysByUser.set(user, (keys = new Set()));
    keys.add(key);
  }

  async invalidateUser(user: string): Promise<void> {
    for (const key of [...(this.keysByUser.get(user) ?? [])]) this.pages.delete(key);
    this.keysByUser.delete(user);
  }
}

/**
 * A cheap over-estimate of a page's memory: what its JSON would take, without serialising it
 * (sizing runs on every store).
 */
function estimatedBytes(page: AuthEventsPage): number {
  return 256 + page.events.length * 768 + (page.nextToken?.length ?? 0) * 2;
}
