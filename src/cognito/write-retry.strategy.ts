import { StandardRetryStrategy } from '@smithy/core/retry';
import type { RetryErrorInfo, RetryStrategyV2, StandardRetryToken } from '@smithy/types';

/**
 * The SDK's standard retry strategy, narrowed for feedback updates: it retries only throttling,
 * which Cognito answers before applying anything. A timeout, a reset connection or a 5xx may
 * come after the update was applied, so those are reported, never retried blindly.
 */
export class ThrottlingOnlyRetryStrategy implements RetryStrategyV2 {
  private readonly standard: StandardRetryStrategy;

  constructor(maxAttempts: number) {
    this.standard = new StandardRetryStrategy(maxAttempts);
  }

  acquireInitialRetryToken(retryTokenScope: string): Promise<StandardRetryToken> {
    return this.standard.acquireInitialRetryToken(retryTokenScope);
  }

  refreshRetryTokenForRetry(token: StandardRetryToken, errorInfo: RetryErrorInfo): Promise<StandardRetryToken> {
    if (errorInfo.errorType !== 'THROTTLING') {
      // Refusing a token makes the SDK's retry middleware give up and surface the error.
      return Promise.reject(new Error(`not retried: a ${errorInfo.errorType} error may follow an applied update`));
    }
    return this.standard.refreshRetryTokenForRetry(token, errorInfo);
  }

  recordSuccess(token: StandardRetryToken): void {
    this.standard.recordSuccess(token);
  }
}
