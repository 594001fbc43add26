import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_POOL_ID } from 'cognito-auth-events-emulator';
import { createLogger } from '../../src/logging/logger';
import { startLocalStack, type LocalStack } from '../../tools/local-stack/local-stack';
import { EXPLORER_PATH } from '../../tools/local-stack/offline-explorer';
import { launchChromium } from '../support/chromium';

/** Where the run leaves pictures of both pages: an ignored path, so a test run changes nothing committed. */
const SCREENSHOTS = path.join(__dirname, '../../test-results');
/** The operation the explorer opens with (`EXPLORER_DEFAULT_QUERY`). */
const DEFAULT_OPERATION = 'MyRecentEvents';

/**
 * The local stack as `npm start` runs it, in a Chromium that cannot reach anything but the
 * gateway: every request to another origin is cut, as on a machine without a network (this one
 * has none anyway; CI machines may). The Apollo Sandbox then cannot load from Apollo's CDN,
 * which is the case the offline explorer is for.
 */
describe('the offline explorer', () => {
  let stack: LocalStack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let origin: string;
  /** Every request the pages tried to send anywhere but the gateway, cut before it left. */
  const outside: string[] = [];
  /** Uncaught errors and console errors of the explorer page. */
  const pageErrors: string[] = [];

  beforeAll(async () => {
    stack = await startLocalStack({
      env: { NODE_ENV: 'development', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent' },
      emulatorPort: 0,
      logger: createLogger('silent'),
    });
    origin = new URL(stack.gateway.graphqlUrl).origin;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin) {
        await route.continue();
        return;
      }
      outside.push(url);
      await route.abort('internetdisconnected');
    });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  test('the Sandbox page, which cannot load offline, links to the explorer', async () => {
    await page.goto(stack.gateway.graphqlUrl);
    const link = page.getByRole('link', { name: /local explorer/ });
    await link.waitFor();

    expect({
      href: await link.getAttribute('href'),
      triedApollosCdn: outside.some((url) => new URL(url).hostname.endsWith('.apollographql.com')),
    }).toEqual({ href: EXPLORER_PATH, triedApollosCdn: true });

    // Apollo's notice fades in a second after the page loads; the picture waits for it. A
    // function, not a string: the page's policy forbids eval, which a string would need.
    await page.waitForFunction(() => {
      const browser = globalThis as unknown as BrowserWindow;
      return browser.getComputedStyle(browser.document.querySelector('.fallback')).opacity === '1';
    });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sandbox-offline.png') });
    await link.click();
    await page.waitForURL(`${origin}${EXPLORER_PATH}`);
  });

  test("loads from the gateway alone, runs alice's first query as alice and shows her events", async () => {
    outside.length = 0;
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    const aliceEvents = stack.emulator.store.eventsOf(DEMO_POOL_ID, 'alice');
    const newest = aliceEvents[0];
    if (newest === undefined) throw new Error('the seed gives alice no events');
    const answered = page.waitForResponse(
      (response) => response.url() === stack.gateway.graphqlUrl && operationNameOf(response.request().postData()) === DEFAULT_OPERATION,
    );

    await page.goto(`${origin}${EXPLORER_PATH}`);
    await page.locator('.graphiql-execute-button').click();
    const response = await answered;
    const body = (await response.json()) as { data?: { authEvents?: { edges: { node: { eventId: string } }[] } }; errors?: unknown };
    await page.locator('.graphiql-response', { hasText: newest.EventId }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'offline-explorer.png') });

    expect({
      status: response.status(),
      authorization: response.request().headers().authorization,
      errors: body.errors,
      eventIds: body.data?.authEvents?.edges.map((edge) => edge.node.eventId),
      outside,
      pageErrors,
    }).toEqual({
      status: 200,
      authorization: stack.tokens.user,
      errors: undefined,
      eventIds: aliceEvents.slice(0, 5).map((event) => event.EventId),
      outside: [],
      pageErrors: [],
    });
  });
});

/** What the test reads of a browser window (the tests are compiled without the DOM's types). */
interface BrowserWindow {
  readonly document: { querySelector(selector: string): unknown };
  getComputedStyle(element: unknown): { readonly opacity: string };
}

function operationNameOf(postData: string | null): string | undefined {
  if (postData === null) return undefined;
  try {
    const body = JSON.parse(postData) as { operationName?: unknown };
    return typeof body.operationName === 'string' ? body.operationName : undefined;
  } catch {
    return undefined;
  }
}
