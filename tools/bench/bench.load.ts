import autocannon from 'autocannon';
import { benchRequestBody } from './bench.query';
import type { ResponseChecker } from './bench.response-check';
import type { UserRotation } from './bench.user-rotation';

/** One burst of load against one server. */
export interface LoadRequest {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** The `Authorization` header of a request about `username`. */
  readonly authorizationFor: (username: string) => string;
  /** Whom each request asks about, one user after the other; one user means the same page every time. */
  readonly users: UserRotation;
  readonly connections: number;
  readonly seconds: number;
  /** Where every response is checked, against the page of the user its request named. */
  readonly checker: ResponseChecker;
}

/** What the load generator saw. */
export interface LoadResult {
  /** Responses received (all of them checked). */
  readonly responses: number;
  /** Connection errors and timeouts: requests that got no response. */
  readonly transportErrors: number;
  /** Wall-clock length of the run, in seconds. */
  readonly seconds: number;
  readonly requestsPerSecond: number;
  /** Median response time, in milliseconds. */
  readonly p50Ms: number;
  /** 99th-percentile response time, in milliseconds. */
  readonly p99Ms: number;
}

/**
 * Sends the bench query over `connections` keep-alive connections (one request in flight on
 * each) for `seconds`, and checks every response.
 *
 * Percentiles come from every response time as measured (microsecond precision), not from
 * autocannon's histogram, which rounds to whole milliseconds: too coarse at sub-millisecond
 * baseline latencies.
 */
export async function runLoad(request: LoadRequest): Promise<LoadResult> {
  const bodies = new Map(request.users.usernames.map((username) => [username, benchRequestBody(username)]));
  // autocannon gives each request a fresh context object and hands the same one to its
  // response's callback (one request in flight per connection), so the context says whom a
  // response is about.
  const usernameOf = new WeakMap<object, string>();
  const times: number[] = [];
  const startedAt = process.hrtime.bigint();
  let finish: (error: unknown, result: autocannon.Result) => void = () => undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = (error, result) => (error ? reject(error) : resolve(result));
  });
  // The callback form returns the instance, whose events give every response time.
  const instance = autocannon({
    url: `${request.origin}/graphql`,
    connections: request.connections,
    pipelining: 1,
    duration: request.seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (req, context) => {
          const username = request.users.next();
          usernameOf.set(context, username);
          req.body = bodies.get(username) ?? benchRequestBody(username);
          req.headers = { ...req.headers, authorization: request.authorizationFor(username) };
          return req;
        },
        onResponse: (status, body, context) => request.checker.check(usernameOf.get(context), status, body),
      },
    ],
  }, (error, result) => finish(error, result));
  instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  const result = await done;
  const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
  times.sort((a, b) => a - b);
  return {
    responses: times.length,
    // autocannon counts timeouts among its errors.
    transportErrors: result.errors,
    seconds,
    requestsPerSecond: times.length / seconds,
    p50Ms: percentile(times, 0.5),
    p99Ms: percentile(times, 0.99),
  };
}

/** The nearest-rank percentile of sorted values; NaN when there are none. */
function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}
