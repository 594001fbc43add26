import type { SharedStateSwitch } from './shared-state-switch';
import type { PageCache, PageCacheLookup, PageCacheStats } from '../cache/page-cache';
import type { InMemoryPageCache } from './local-page-cache';
import type { RedisPageCache } from './redis-page-cache';

/**
 * The page cache in Redis while Redis answers, and in this replica's memory while it does not.
 * Invalidations always reach memory too, so a page cached during one outage is never served
 * after feedback given between outages.
 */
export class FallbackPageCache implements PageCache {
  constructor(
    private readonly shared: RedisPageCache,
    private readonly local: InMemoryPageCache,
    private readonly sharedState: SharedStateSwitch,
  ) {}

  get stats(): PageCacheStats {
    const shared = this.shared.stats;
    const local = this.local.stats;
    return { hits: shared.hits + local.hits, misses: shared.misses + local.misses, evictions: local.evictions };
  }

  async lookup(key: string, user: string): Promise<PageCacheLookup> {
    if (this.sharedState.usingRedis) {
      try {
        const lookup = await this.shared.lookup(key, user);
        if (lookup.page !== undefined) return lookup;
        return {
          page: undefined,
          // A page that cannot be stored is only a later miss.
          store: (page) => lookup.store(page).catch((error: unknown) => this.sharedState.failed(error)),
        };
      } catch (error) {
        this.sharedState.failed(error);
      }
    }
    return this.local.lookup(key, user);
  }

  async invalidateUser(user: string): Promise<void> {
    await this.local.invalidateUser(user);
    if (!this.sharedState.usingRedis) return;
    try {
      await this.shared.invalidateUser(user);
    } catch (error) {
      // Other replicas may then serve this user's pages until their TTL, as after feedback
      // given outside the gateway.
      this.sharedState.failed(error);
    }
  }
}
