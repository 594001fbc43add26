import { LRUCache } from 'lru-cache';
import type { BucketDecision, CallerReadBuckets } from '../limits/caller-read-buckets';

/** Settings of the buckets. */
export interface TokenBucketOptions {
  /** Tokens regained per second. */
  readonly ratePerSecond: number;
  /** Size of a bucket; a new caller starts full. */
  readonly burst: number;
  /** Most callers tracked at once; the least recently seen are forgotten (and start full again). */
  readonly maxCallers: number;
  /** The clock, in milliseconds; tests pass their own. */
  readonly now?: () => number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Token buckets in this process's memory, refilled lazily on each take (no timers). Forgetting
 * a caller only ever gives it a full bucket, never more than `burst` at once.
 */
export class InMemoryCallerReadBuckets implements CallerReadBuckets {
  private readonly buckets: LRUCache<string, Bucket>;
  private readonly now: () => number;

  constructor(private readonly options: TokenBucketOptions) {
    this.buckets = new LRUCache<string, Bucket>({ max: options.maxCallers });
    this.now = options.now ?? Date.now;
  }

  async take(callerId: string, reads: number): Promise<BucketDecision> {
    const now = this.now();
    const { ratePerSecond, burst } = this.options;
    const bucket = this.buckets.get(callerId) ?? { tokens: burst, updatedAt: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * ratePerSecond);
    bucket.updatedAt = now;
    this.buckets.set(callerId, bucket);
    if (reads <= bucket.tokens) {
      bucket.tokens -= reads;
      return { granted: true };
    }
    // An operation larger than the whole bucket can never be granted; it is told when the
    // bucket is full, and the cost limit (burst >= MAX_OPERATION_COGNITO_READS) keeps that rare.
    const missing = Math.min(reads, burst) - bucket.tokens;
    return { granted: false, retryAfterSeconds: Math.max(1, Math.ceil(missing / ratePerSecond)) };
  }
}
