import type { Redis } from 'ioredis';
import type { AuthEventsPage } from '../cognito/cognito.client';
import { hashedKeyPart } from './redis-key';
import { RedisScript } from './redis-script';
import { decodePage, encodePage } from './page.codec';
import type { PageCache, PageCacheLookup, PageCacheStats } from '../cache/page-cache';

/** Settings of `RedisPageCache`. */
export interface RedisPageCacheOptions {
  readonly redis: Redis;
  /** Start of every key (`REDIS_KEY_PREFIX`). */
  readonly keyPrefix: string;
  /** How long a page is served (`PAGE_CACHE_TTL_MS`); at least 1. */
  readonly ttlMs: number;
  /**
   * How long a user's generation is remembered after an invalidation: longer than a page lives
   * plus the longest a read may take between its lookup and its store (the request deadline),
   * so neither a page nor a read from before the invalidation can ever count as current again.
   */
  readonly generationTtlMs: number;
}

/**
 * Stores a page read under generation ARGV[1] only if that is still the user's generation, so a
 * read that began before an invalidation (on any replica) is not cached after it.
 *
 * KEYS[1] the user's generation, KEYS[2] the page. ARGV: generation, encoded page, TTL ms.
 */
const STORE_PAGE = new RedisScript(`
if (redis.call('GET', KEYS[1]) or '0') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[1] .. '|' .. ARGV[2], 'PX', ARGV[3])
return 1
`);

/** KEYS[1] the user's generation. ARGV: how long it is remembered, ms. */
const INVALIDATE_USER = new RedisScript(`
redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1
`);

/**
 * Pages in Redis, shared by every replica: a page read through one replica is served through
 * all, and feedback through any forgets the user's pages for all. Each user has a generation
 * number; a page is stored with the generation it was read under and served only while that
 * is still the user's generation, so an invalidation is one `INCR` however many pages the user
 * has, and the old pages simply expire (`PX` = the TTL). Keys hold hashes of the user and of
 * the page key, never names; values hold the generation and Cognito's page, nothing else.
 * Rejects when Redis fails; the fallback decides what to do.
 */
export class RedisPageCache implements PageCache {
  private counts = { hits: 0, misses: 0 };

  constructor(private readonly options: RedisPageCacheOptions) {}

  get stats(): PageCacheStats {
    // Redis evicts by its own maxmemory policy, which the gateway does not see.
    return { ...this.counts, evictions: 0 };
  }

  async lookup(key: string, user: string): Promise<PageCacheLookup> {
    const { redis, ttlMs } = this.options;
    const keys = this.keysOf(key, user);
    const [generation, stored] = await redis.mget(keys.generation, keys.page);
    const current = generation ?? '0';
    const page = stored === null || stored === undefined ? undefined : pageOfGeneration(stored, current);
    if (page !== undefined) {
      this.counts.hits += 1;
      return { page };
    }
    this.counts.misses += 1;
    return {
      page: undefined,
      store: async (read: AuthEventsPage) => {
        await STORE_PAGE.run(redis, [keys.generation, keys.page], [current, encodePage(read), ttlMs]);
      },
    };
  }

  async invalidateUser(user: string): Promise<void> {
    await INVALIDATE_USER.run(this.options.redis, [this.generationKeyOf(user)], [this.options.generationTtlMs]);
  }

  /** One hash tag per user, so a user's keys sit in one slot of a Redis Cluster. */
  private generationKeyOf(user: string): string {
    return `${this.options.keyPrefix}page:{${hashedKeyPart(user)}}:generation`;
  }

  private keysOf(key: string, user: string): { generation: string; page: string } {
    return {
      generation: this.generationKeyOf(user),
      page: `${this.options.keyPrefix}page:{${hashedKeyPart(user)}}:${hashedKeyPart(key)}`,
    };
  }
}

/** The page in `stored` if it was read under `generation`; an unreadable value is a miss. */
function pageOfGeneration(stored: string, generation: string): AuthEventsPage | undefined {
  const separator = stored.indexOf('|');
  if (separator === -1 || stored.slice(0, separator) !== generation) return undefined;
  try {
    return decodePage(stored.slice(separator + 1));
  } catch {
    return undefined;
  }
}
