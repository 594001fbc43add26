import cors from 'cors';
import type { CorsOrigins } from '../config/config';
import type { GatewayLogger } from '../logging/logger';
import type { HttpMiddleware } from './graphql-http.handler';

/** The origins the development default allows: any local port, and the hosted Apollo Sandbox. */
const LOCAL_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;
const APOLLO_STUDIO_ORIGIN = 'https://studio.apollographql.com';

/** Request headers a browser client may send: its token, and Apollo's CSRF-safe markers. */
const ALLOWED_HEADERS = [
  'content-type',
  'authorization',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'apollographql-client-name',
  'apollographql-client-version',
];

/**
 * The CORS middleware for `CORS_ORIGINS`: exact origins, the development default, or none (no
 * CORS headers at all, the production default). `*` is honoured but logged as a warning: any
 * web page could then call the gateway with a token it holds. Apollo's CSRF prevention stays
 * on whatever this allows.
 */
export function corsFor(origins: CorsOrigins, logger: GatewayLogger): HttpMiddleware {
  const common = { methods: ['GET', 'POST'], allowedHeaders: ALLOWED_HEADERS, maxAge: 600 };
  switch (origins.kind) {
    case 'none':
      return cors({ ...common, origin: false });
    case 'development':
      return cors({ ...common, origin: [LOCAL_ORIGIN, APOLLO_STUDIO_ORIGIN] });
    case 'list': {
      if (origins.origins.includes('*')) {
        logger.warn('CORS_ORIGINS=*: any web page may call the gateway from a browser; name the origins instead');
        return cors({ ...common, origin: '*' });
      }
      const allowed = new Set(origins.origins);
      return cors({ ...common, origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)) });
    }
  }
}
