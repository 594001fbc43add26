import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** A Redis reply as ioredis returns it. */
export type RedisReply = string | number | null | RedisReply[];

/**
 * A Lua script run atomically in Redis by its SHA-1 (`EVALSHA`), sent in full (`EVAL`) only
 * when Redis does not know it yet: after a restart, or on first use.
 */
export class RedisScript {
  private readonly sha: string;

  constructor(private readonly lua: string) {
    this.sha = createHash('sha1').update(lua).digest('hex');
  }

  /** Runs the script with `keys` as `KEYS` and `args` as `ARGV`. */
  async run(redis: Redis, keys: readonly string[], args: ReadonlyArray<string | number>): Promise<RedisReply> {
    try {
      return (await redis.evalsha(this.sha, keys.length, ...keys, ...args)) as RedisReply;
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return (await redis.eval(this.lua, keys.length, ...keys, ...args)) as RedisReply;
    }
  }
}
