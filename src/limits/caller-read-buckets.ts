/** The answer of a bucket: granted, or when to retry. */
export type BucketDecision = { readonly granted: true } | { readonly granted: false; readonly retryAfterSeconds: number };

/**
 * Per-caller token buckets of Cognito reads. Behind this interface so the buckets can move to
 * a store shared by replicas without touching the request path.
 */
export interface CallerReadBuckets {
  /** Takes `reads` tokens from `callerId`'s bucket if it holds them all; otherwise takes none. */
  take(callerId: string, reads: number): Promise<BucketDecision>;
}
