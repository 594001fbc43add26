import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { SandboxPages } from '../../src/server/gateway.server';

/**
 * The offline explorer: GraphiQL served by the local stack's gateway at {@link EXPLORER_PATH},
 * signed in as the Sandbox is, for when the Apollo Sandbox cannot load (it comes from Apollo's
 * CDN: no network, an air-gapped one, a train).
 *
 * Every byte comes from this machine: GraphiQL 3's browser build and React 18's (GraphiQL 3
 * ships a UMD build that needs no bundler; React 19 ships none), installed by npm for this
 * workspace only, so neither is in the gateway's dependencies or its production build. The page's
 * content security policy allows nothing but this origin, which the browser test holds it to.
 */

/** Where the explorer answers. */
export const EXPLORER_PATH = '/explorer';

/**
 * The operation the explorer opens with: the README's first query, as the signed-in user. The
 * comment lines say where the token is, since the Headers pane starts closed on small screens.
 */
export const EXPLORER_DEFAULT_QUERY = `# The offline explorer of the auth-events gateway (GraphiQL, served by the gateway itself).
# Signed in through the Headers pane below; press the Run button (or Ctrl+Enter).
query MyRecentEvents {
  authEvents(first: 5) {
    edges {
      cursor
      node { id eventId eventType creationDate eventResponse eventRisk { riskDecision riskLevel } eventContextData { city country } }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`;

/** What the explorer needs to know. */
export interface OfflineExplorerOptions {
  /** The GraphQL endpoint's path on the same origin, e.g. `/graphql`. */
  readonly graphqlPath: string;
  /** Headers the explorer opens with (the Sandbox's: alice's `Authorization`). */
  readonly headers: Readonly<Record<string, string>>;
}

interface Asset {
  readonly contentType: string;
  readonly body: Buffer;
}

/** The files the page loads, by the name it asks for, and where npm put each. */
const ASSET_SOURCES: Readonly<Record<string, { readonly packageName: string; readonly file: string; readonly contentType: string }>> = {
  'react.production.min.js': { packageName: 'react', file: 'umd/react.production.min.js', contentType: 'text/javascript; charset=utf-8' },
  'react-dom.production.min.js': { packageName: 'react-dom', file: 'umd/react-dom.production.min.js', contentType: 'text/javascript; charset=utf-8' },
  'graphiql.min.js': { packageName: 'graphiql', file: 'graphiql.min.js', contentType: 'text/javascript; charset=utf-8' },
  'graphiql.min.css': { packageName: 'graphiql', file: 'graphiql.min.css', contentType: 'text/css; charset=utf-8' },
};

/**
 * Starts GraphiQL from the settings the page carries as JSON (a data block, not code), so the
 * page needs no inline script and its policy can forbid them.
 */
const START_SCRIPT = `'use strict';
(function () {
  var settings = JSON.parse(document.getElementById('explorer-settings').textContent);
  var fetcher = GraphiQL.createFetcher({ url: new URL(settings.graphqlPath, window.location.href).toString() });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: settings.query,
      defaultHeaders: JSON.stringify(settings.headers, null, 2),
      defaultEditorToolsVisibility: 'headers',
      // The token stays in the page, not in the browser's storage.
      shouldPersistHeaders: false,
    }),
  );
})();
`;

/** Only this origin, for everything: the page works with no network, and tries none. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // GraphiQL and its editors set style attributes.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The explorer's routes for `startGateway`'s `sandboxPages`: the page at {@link EXPLORER_PATH}
 * and its files under it, read once here (about 1.5 MB), and the link the Sandbox page shows
 * when it cannot load.
 *
 * @throws Error naming the package when GraphiQL or React is not installed (run `npm ci`).
 */
export function offlineExplorerPages(options: OfflineExplorerOptions): SandboxPages {
  const assets = new Map<string, Asset>(
    Object.entries(ASSET_SOURCES).map(([name, source]) => [
      `${EXPLORER_PATH}/${name}`,
      { contentType: source.contentType, body: readFileSync(path.join(installedPackageDirectory(source.packageName), source.file)) },
    ]),
  );
  assets.set(`${EXPLORER_PATH}/start.js`, { contentType: 'text/javascript; charset=utf-8', body: Buffer.from(START_SCRIPT) });
  const page = Buffer.from(explorerPage(options));

  const routes: Record<string, (request: IncomingMessage, response: ServerResponse) => Promise<void>> = {
    // The page holds a token: never cached.
    [EXPLORER_PATH]: async (_request, response) => send(response, 'text/html; charset=utf-8', page, 'no-store'),
  };
  for (const [route, asset] of assets) {
    routes[route] = async (_request, response) => send(response, asset.contentType, asset.body, 'no-cache');
  }
  return {
    routes,
    link: {
      href: EXPLORER_PATH,
      text: 'Offline? Open the local explorer: GraphiQL served by this gateway, signed in the same way.',
    },
  };
}

function send(response: ServerResponse, contentType: string, body: Buffer, cacheControl: string): void {
  response.writeHead(200, {
    'content-type': contentType,
    'content-length': body.length,
    'cache-control': cacheControl,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  response.end(body);
}

function explorerPage(options: OfflineExplorerOptions): string {
  const settings = JSON.stringify({ graphqlPath: options.graphqlPath, headers: options.headers, query: EXPLORER_DEFAULT_QUERY })
    // Inside <script>, "</script>" or "<!--" in a value would end or upset the block.
    .replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width,initial-scale=1" />
    <title>Offline explorer · auth-events gateway</title>
    <link rel="stylesheet" href="${EXPLORER_PATH}/graphiql.min.css" />
    <style>
      html, body { height: 100%; margin: 0; }
      body { display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
      .explorer-note { margin: 0; padding: 0.4em 1em; font-size: 0.9em; background: #f4f4f6; border-bottom: 1px solid #ddd; }
      #graphiql { flex: 1; min-height: 0; }
    </style>
  </head>
  <body>
    <p class="explorer-note">
      Offline explorer of the auth-events gateway, served from this machine: signed in as the Apollo Sandbox at
      <a href="${options.graphqlPath}">${options.graphqlPath}</a> is (see the Headers pane). From a shell, curl
      ${options.graphqlPath} with the Authorization header <code>npm start</code> printed.
    </p>
    <div id="graphiql">Loading the explorer…</div>
    <script type="application/json" id="explorer-settings">${settings}</script>
    <script src="${EXPLORER_PATH}/react.production.min.js"></script>
    <script src="${EXPLORER_PATH}/react-dom.production.min.js"></script>
    <script src="${EXPLORER_PATH}/graphiql.min.js"></script>
    <script src="${EXPLORER_PATH}/start.js"></script>
  </body>
</html>
`;
}

/**
 * Where npm installed a package for this workspace. Resolved from the workspace's folder, not
 * from this file: npm keeps GraphiQL's React 18 in `tools/local-stack/node_modules/` (the example
 * page has React 19 at the root), and this file also runs compiled from `dist/tools/local-stack/`.
 */
function installedPackageDirectory(packageName: string): string {
  const requireFromWorkspace = createRequire(path.join(localStackWorkspace(), 'package.json'));
  try {
    return path.dirname(requireFromWorkspace.resolve(`${packageName}/package.json`));
  } catch {
    throw new Error(`The offline explorer needs the package ${packageName}, which is not installed: run npm ci.`);
  }
}

function localStackWorkspace(): string {
  for (let directory = __dirname; ; directory = path.dirname(directory)) {
    const candidate = path.join(directory, 'tools', 'local-stack');
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(directory) === directory) throw new Error(`No tools/local-stack/package.json above ${__dirname}`);
  }
}
