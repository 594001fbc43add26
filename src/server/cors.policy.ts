import type { CorsOrigins } from '../config/config';
import type { GatewayLogger } from '../logging/logger';

/** The origins the development default allows: any local port, and the hosted Apollo Sandbox. */
const LOCAL_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;
const APOLLO_STUDIO_ORIGIN = 'https://studio.apollographql.com';

/** Request headers a browser client may send: its token, and Apollo's CSRF-safe markers. */
export const CORS_ALLOWED_HEADERS =
  'content-type,authorization,apollo-require-preflight,x-apollo-operation-name,apollographql-client-name,apollographql-client-version';

/** Methods of GraphQL over HTTP that a browser may send across origins. */
export const CORS_ALLOWED_METHODS = 'GET,POST';

/** Seconds a browser may keep a preflight's answer. */
const PREFLIGHT_MAX_AGE_SECONDS = '600';

/** Headers of one answer; shared, never changed. */
export type HeaderSet = Readonly<Record<string, string>>;

const NO_HEADERS: HeaderSet = Object.freeze({});
/** The answer depends on the Origin, so a shared cache must not serve one origin's to another. */
const VARY_ORIGIN: HeaderSet = Object.freeze({ vary: 'Origin' });

/**
 * Which browser origins may read the API's answers (`CORS_ORIGINS`), decided from the `Origin`
 * header alone. It only adds headers, never refuses: a request without `Origin` (curl, a router,
 * any server) or from an origin not allowed is served exactly like any other, without the CORS
 * headers, so a browser keeps the answer from the page that asked. What stops cross-site
 * requests from *doing* anything is Apollo's CSRF prevention, which stays on whatever this
 * allows, and the bearer token every request needs.
 *
 * A native allow-list rather than the `cors` package behind a connect-style shim: the whole
 * policy is a set lookup, and the shim's contract (`next(null)`, `next('route')`, async
 * middleware) was where requests without an allowed Origin turned into 500s.
 */
export class CorsPolicy {
  private constructor(
    private readonly allows: (origin: string) => boolean,
    /** `*`: any origin, answered with a literal `*` (no credentials are ever allowed). */
    private readonly anyOrigin: boolean,
    /** Whether answers differ by origin at all (`none` and `*` do not). */
    private readonly variesByOrigin: boolean,
  ) {}

  /**
   * The policy for a `CORS_ORIGINS` setting. `*` is honoured but logged as a warning: any web
   * page could then call the gateway with a token it holds.
   */
  static of(origins: CorsOrigins, logger: GatewayLogger): CorsPolicy {
    switch (origins.kind) {
      case 'none':
        return new CorsPolicy(() => false, false, false);
      case 'development':
        return new CorsPolicy((origin) => origin === APOLLO_STUDIO_ORIGIN || LOCAL_ORIGIN.test(origin), false, true);
      case 'list': {
        if (origins.origins.includes('*')) {
          logger.warn('CORS_ORIGINS=*: any web page may call the gateway from a browser; name the origins instead');
          return new CorsPolicy(() => true, true, false);
        }
        const allowed = new Set(origins.origins);
        return new CorsPolicy((origin) => allowed.has(origin), false, true);
      }
    }
  }

  /** Headers for an answer to a request (not a preflight) that came with this `Origin`, or none. */
  headersFor(origin: string | undefined): HeaderSet {
    if (origin === undefined || !this.allows(origin)) return this.variesByOrigin ? VARY_ORIGIN : NO_HEADERS;
    if (this.anyOrigin) return ANY_ORIGIN_HEADERS;
    return {
      'access-control-allow-origin': origin,
      'access-control-expose-headers': 'retry-after',
      vary: 'Origin',
    };
  }

  /**
   * Headers of the `204` answering a preflight (`OPTIONS` with `Access-Control-Request-Method`):
   * the methods and headers allowed when the origin is, nothing more when it is not, which the
   * browser reads as a refusal.
   */
  preflightHeadersFor(origin: string | undefined): HeaderSet {
    if (origin === undefined || !this.allows(origin)) return this.variesByOrigin ? VARY_ORIGIN : NO_HEADERS;
    return {
      'access-control-allow-origin': this.anyOrigin ? '*' : origin,
      'access-control-allow-methods': CORS_ALLOWED_METHODS,
      'access-control-allow-headers': CORS_ALLOWED_HEADERS,
      'access-control-max-age': PREFLIGHT_MAX_AGE_SECONDS,
      ...(this.anyOrigin ? {} : { vary: 'Origin' }),
    };
  }
}

const ANY_ORIGIN_HEADERS: HeaderSet = Object.freeze({
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'retry-after',
});
