import 'reflect-metadata';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { CognitoEmulator } from 'cognito-auth-events-emulator';
import { createLogger, type GatewayLogger } from '../../src/logging/logger';
import type { RunningGateway } from '../../src/server/gateway.server';
import { startLocalStack } from '../../tools/local-stack/local-stack';

/**
 * The example's server: the built page, and on the same origin the gateway's `/graphql` and the
 * two emulator routes the demo signs in with, so the browser needs no CORS. A real deployment
 * puts its page and the gateway behind one origin the same way, or lists the page's origin in
 * the gateway's `CORS_ORIGINS`.
 */

/** Emulator routes the page may reach: a user's access token, and the feedback token Cognito would mail. */
const EMULATOR_ROUTES = new Set(['/_emulator/token', '/_emulator/feedback-token']);

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** Options of {@link startActivityPageServer}. */
export interface ActivityPageServerOptions {
  /** The page as `vite build` wrote it (holds `index.html`). */
  readonly pageDir: string;
  /** Port of the page; 0 (the default) picks a free one. */
  readonly port?: number;
  /** The gateway's logger; default: pino at `warn`, so the console shows the URL and problems only. */
  readonly logger?: GatewayLogger;
  /**
   * The clock the emulator reads its demo data's day from; default `Date.now`. The browser test
   * fixes it, so its screenshot shows the same dates whatever day it runs.
   */
  readonly emulatorNow?: () => number;
}

/** The running example: the page's server, its gateway and the emulator the gateway calls. */
export interface ActivityPageServer {
  /** Where to open the page, e.g. `http://127.0.0.1:5173/`. */
  readonly url: string;
  readonly gateway: RunningGateway;
  readonly emulator: CognitoEmulator;
  close(): Promise<void>;
}

/**
 * Starts the gateway on the Cognito emulator (the local stack `npm start` runs, on free ports)
 * and a server for the page in front of it, all on loopback.
 *
 * @throws Error when `pageDir` holds no `index.html` (the page was not built).
 */
export async function startActivityPageServer(options: ActivityPageServerOptions): Promise<ActivityPageServer> {
  const pageDir = path.resolve(options.pageDir);
  if (!(await isFile(path.join(pageDir, 'index.html')))) {
    throw new Error(`${pageDir} has no index.html; build the page first: npm run build -w cognito-auth-events-activity-page`);
  }
  const stack = await startLocalStack({
    env: { NODE_ENV: 'development', HOST: '127.0.0.1', PORT: '0' },
    emulatorPort: 0,
    logger: options.logger ?? createLogger('warn'),
    ...(options.emulatorNow === undefined ? {} : { emulatorNow: options.emulatorNow }),
  });
  const { gateway, emulator } = stack;

  const graphqlUrl = new URL(gateway.graphqlUrl);
  const server = createServer((request, response) => {
    const { pathname, search } = new URL(request.url ?? '/', 'http://page.invalid');
    if (pathname === '/graphql') {
      forward(request, response, new URL(`${pathname}${search}`, graphqlUrl));
    } else if (request.method === 'GET' && EMULATOR_ROUTES.has(pathname)) {
      forward(request, response, new URL(`${pathname}${search}`, emulator.endpoint));
    } else if (request.method === 'GET' || request.method === 'HEAD') {
      void servePage(pageDir, pathname, response);
    } else {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    }
  });
  try {
    await listen(server, options.port ?? 0);
  } catch (error) {
    await stack.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    gateway,
    emulator,
    close: async () => {
      await new Promise<void>((done) => server.close(() => done()));
      await stack.close();
    },
  };
}

/** Passes the request on to `target` and its answer back, headers included (`Authorization`, CORS, 401's `WWW-Authenticate`). */
function forward(request: IncomingMessage, response: ServerResponse, target: URL): void {
  const upstream = httpRequest(target, { method: request.method, headers: { ...request.headers, host: target.host } }, (answer) => {
    response.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(response);
  });
  upstream.on('error', (error) => {
    if (response.headersSent) {
      response.destroy(error);
    } else {
      response.writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`Could not reach ${target.origin}: ${error.message}\n`);
    }
  });
  request.pipe(upstream);
}

/** A file of the built page, or `index.html` for any other path (a single-page app owns its paths). */
async function servePage(pageDir: string, pathname: string, response: ServerResponse): Promise<void> {
  let requested: string;
  try {
    requested = path.join(pageDir, decodeURIComponent(pathname));
  } catch {
    requested = pageDir; // A malformed escape: answered with the page, like any unknown path.
  }
  // A path outside the page (`/../…`) is answered with the page itself, never with the file.
  const inside = requested.startsWith(pageDir + path.sep) && (await isFile(requested));
  const file = inside ? requested : path.join(pageDir, 'index.html');
  const hashed = inside && file.includes(`${path.sep}assets${path.sep}`);
  response.writeHead(200, {
    'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    // Vite names built assets by content hash, so they never change; index.html must be revalidated.
    'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  createReadStream(file).pipe(response);
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Listens on `port` of loopback, or on a free port when `port` is taken (so a second run still starts). */
async function listen(server: Server, port: number): Promise<void> {
  const attempt = (chosen: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(chosen, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  try {
    await attempt(port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw error;
    await attempt(0);
  }
}

/** `npm run example`: port `EXAMPLE_PORT`, default 5173. */
async function main(): Promise<void> {
  // Compiled to dist/examples/activity-page/, so the built page is three levels up and back down.
  const pageDir = path.resolve(__dirname, '../../../examples/activity-page/dist');
  const port = Number(process.env.EXAMPLE_PORT ?? 5173);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`EXAMPLE_PORT must be a port number (0 to 65535), got ${JSON.stringify(process.env.EXAMPLE_PORT)}`);
  }
  const example = await startActivityPageServer({ pageDir, port });
  process.stdout.write(
    [
      '',
      `Activity page ready: open ${example.url}`,
      `  signed in as alice of the Cognito emulator; another seeded user: ${example.url}?user=frequent-flyer`,
      `  gateway: ${example.gateway.graphqlUrl}   emulator: ${example.emulator.endpoint}`,
      'Stop with Ctrl+C.',
      '',
    ].join('\n'),
  );
  const stop = () => {
    example.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`The example failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
