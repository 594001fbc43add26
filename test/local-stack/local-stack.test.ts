import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { findRunningEmulator } from 'cognito-auth-events-emulator';
import { createLogger } from '../../src/logging/logger';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../tools/local-stack/local-stack';
import { EXPLORER_DEFAULT_QUERY, EXPLORER_PATH } from '../../tools/local-stack/offline-explorer';
import { sendHttp } from '../support/http';

/**
 * What `npm start` serves besides the gateway's API, over HTTP: the offline explorer and the
 * Sandbox page's link to it (the browser test, `offline-explorer.e2e.ts`, runs them in
 * Chromium), the record `npm run token` finds the emulator by, and the emulator's free port
 * when its own is taken.
 */

const DEVELOPMENT_ENV = { NODE_ENV: 'development', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent' };
const EXPLORER_FILES = ['react.production.min.js', 'react-dom.production.min.js', 'graphiql.min.js', 'graphiql.min.css', 'start.js'];

function startStack(options: Partial<LocalStackOptions> = {}): Promise<LocalStack> {
  return startLocalStack({ env: DEVELOPMENT_ENV, emulatorPort: 0, logger: createLogger('silent'), ...options });
}

/** The settings the explorer page carries (its JSON data block). */
function settingsOf(page: string): unknown {
  const block = /<script type="application\/json" id="explorer-settings">([\s\S]*?)<\/script>/.exec(page)?.[1];
  return block === undefined ? undefined : JSON.parse(block);
}

describe('the local stack (npm start)', () => {
  describe('in development', () => {
    let stack: LocalStack;
    let origin: string;
    beforeAll(async () => {
      stack = await startStack();
      origin = new URL(stack.gateway.graphqlUrl).origin;
    });
    afterAll(() => stack?.close());

    test('serves the offline explorer, signed in as the Sandbox is, allowed to load nothing from elsewhere', async () => {
      const page = await sendHttp(`${origin}${EXPLORER_PATH}`, { method: 'GET' });

      expect({
        status: page.status,
        contentType: page.headers.get('content-type'),
        cacheControl: page.headers.get('cache-control'),
        policy: page.headers.get('content-security-policy'),
        settings: settingsOf(page.text),
        scripts: [...page.text.matchAll(/<script src="([^"]+)"/g)].map((match) => match[1]),
      }).toEqual({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        cacheControl: 'no-store',
        policy: expect.stringMatching(/^default-src 'self'; script-src 'self'; .*connect-src 'self'/),
        settings: { graphqlPath: '/graphql', headers: { Authorization: stack.tokens.user }, query: EXPLORER_DEFAULT_QUERY },
        scripts: ['react.production.min.js', 'react-dom.production.min.js', 'graphiql.min.js', 'start.js'].map((file) => `${EXPLORER_PATH}/${file}`),
      });
    });

    test("serves every file the explorer loads from this workspace's packages, with its media type", async () => {
      const files = await Promise.all(
        EXPLORER_FILES.map(async (file) => {
          const answer = await sendHttp(`${origin}${EXPLORER_PATH}/${file}`, { method: 'GET' });
          return { file, status: answer.status, contentType: answer.headers.get('content-type'), hasBody: answer.text.length > 100 };
        }),
      );

      expect(files).toEqual(
        EXPLORER_FILES.map((file) => ({
          file,
          status: 200,
          contentType: file.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
          hasBody: true,
        })),
      );
    });

    test("links the Sandbox page's offline notice to the explorer", async () => {
      const landing = await sendHttp(stack.gateway.graphqlUrl, { method: 'GET', headers: { accept: 'text/html' } });

      expect({
        status: landing.status,
        notice: /<div class="fallback">[\s\S]*?<\/div>/.exec(landing.text)?.[0].replace(/\s+/g, ' '),
      }).toEqual({
        status: 200,
        notice:
          '<div class="fallback"> <h1>Welcome to Apollo Server</h1> <p>Apollo Sandbox cannot be loaded; it appears that you might be offline.</p> ' +
          '<p class="offline-link"><a href="/explorer">Offline? Open the local explorer: GraphiQL served by this gateway, signed in the same way.</a></p> </div>',
      });
    });

    test('keeps the probes its own: a development page cannot answer /healthz', async () => {
      const probe = await sendHttp(`${origin}/healthz`, { method: 'GET' });

      expect({ status: probe.status, body: probe.json }).toEqual({ status: 200, body: { status: 'ok' } });
    });
  });

  test('serves no explorer and no link in production, where the Sandbox is off', async () => {
    const stack = await startStack({
      env: { ...DEVELOPMENT_ENV, NODE_ENV: 'production', CURSOR_SECRET: 'local-stack-test-secret-0123456789abcdef' },
    });
    try {
      const origin = new URL(stack.gateway.graphqlUrl).origin;
      const [page, script, landing] = await Promise.all([
        sendHttp(`${origin}${EXPLORER_PATH}`, { method: 'GET' }),
        sendHttp(`${origin}${EXPLORER_PATH}/graphiql.min.js`, { method: 'GET' }),
        sendHttp(stack.gateway.graphqlUrl, { method: 'GET', headers: { accept: 'text/html' } }),
      ]);

      expect({ page: page.status, script: script.status, linksExplorer: landing.text.includes(`href="${EXPLORER_PATH}"`) }).toEqual({
        page: 404,
        script: 404,
        linksExplorer: false,
      });
    } finally {
      await stack.close();
    }
  });

  test('leaves a record for npm run token while it runs, and takes it away on close', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'local-stack-discovery-'));
    try {
      const stack = await startStack({ discoveryDirectory: directory });
      const whileRunning = findRunningEmulator(directory);
      await stack.close();

      expect({ whileRunning, afterClose: findRunningEmulator(directory) }).toEqual({
        whileRunning: {
          role: 'local-stack',
          endpoint: stack.emulator.endpoint,
          gateway: stack.gateway.graphqlUrl,
          pid: process.pid,
          startedAt: expect.any(String),
          file: path.join(directory, 'local-stack.json'),
        },
        afterClose: undefined,
      });
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  test('starts its emulator on a free port when the one asked for is taken, and logs which', async () => {
    const holder: Server = createServer();
    const takenPort = await new Promise<number>((resolve) => holder.listen(0, '127.0.0.1', () => resolve((holder.address() as { port: number }).port)));
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
    try {
      // A cursor secret, so the one warning logged is the port's.
      const stack = await startStack({ env: { ...DEVELOPMENT_ENV, CURSOR_SECRET: 'local-stack-test-secret-0123456789abcdef' }, emulatorPort: takenPort, logger });
      await stack.close();

      expect({ movedAway: stack.emulator.port !== takenPort, warnings: lines.map(({ msg, port, endpoint }) => ({ msg, port, endpoint })) }).toEqual({
        movedAway: true,
        warnings: [{ msg: 'the emulator port is taken; the emulator listens on a free one instead', port: takenPort, endpoint: stack.emulator.endpoint }],
      });
    } finally {
      holder.close();
    }
  });
});
