import { FetchError, NonRetryableFetchError } from 'aws-jwt-verify/error';
import type { Fetcher } from 'aws-jwt-verify/https';

/**
 * A JWKS fetcher for aws-jwt-verify that also reaches `http://` issuers. The library's own
 * fetcher accepts only `https://`, which is right for Cognito; this one is used only when the
 * gateway is pointed at another Cognito endpoint (`AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER`,
 * such as the emulator), whose issuer is that endpoint's.
 */
export class EndpointJwksFetcher implements Fetcher {
  constructor(private readonly timeoutMs: number) {}

  /** GETs `uri`; a non-200 answer is not retried (the library's penalty box spaces retries). */
  async fetch(uri: string): Promise<ArrayBuffer> {
    let response: Response;
    try {
      response = await fetch(uri, { signal: AbortSignal.timeout(this.timeoutMs), headers: { accept: 'application/json' } });
    } catch (error) {
      throw new FetchError(uri, error instanceof Error ? error.message : String(error));
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new NonRetryableFetchError(uri, `Status code is ${response.status}, expected 200`);
    }
    return response.arrayBuffer();
  }
}
