import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { DEMO_POOL_ID, type EmulatorAuthEvent } from 'cognito-auth-events-emulator';
import { startActivityPageServer, type ActivityPageServer } from '../serve';
import { launchChromium } from '../../../test/support/chromium';

// The page as `npm run test:e2e` builds it just before this file runs.
const PAGE_DIR = path.join(__dirname, '../dist');
/**
 * Where the run leaves its screenshot: an ignored path, so a test run changes nothing committed.
 * `docs/activity-page.png` is a copy of it, refreshed by hand when the page changes.
 */
const SCREENSHOT = path.join(__dirname, '../test-results/activity-page.png');
/**
 * The day the emulator's demo data ends at, fixed so the screenshot shows the same event dates
 * whatever day the test runs (the data moves with the calendar otherwise).
 */
const DEMO_DAY = () => Date.parse('2026-12-01T09:00:00.000Z');
/** The page's `PAGE_SIZE`. */
const PAGE_SIZE = 10;
const ROW = '[data-testid="activity-row"]';

/**
 * One story, told in order on one page: alice opens the example, reports an event, pages to the
 * end. Every request goes browser → example server → gateway → emulator over HTTP.
 */
describe('the activity page example', () => {
  let example: ActivityPageServer;
  let browser: Browser;
  let page: Page;
  let aliceEvents: EmulatorAuthEvent[];
  /** `operationName` of every GraphQL request the page sent, in order. */
  const operations: string[] = [];
  /** Uncaught errors and console errors of the page. */
  const pageErrors: string[] = [];

  beforeAll(async () => {
    example = await startActivityPageServer({ pageDir: PAGE_DIR, emulatorNow: DEMO_DAY });
    aliceEvents = example.emulator.store.eventsOf(DEMO_POOL_ID, 'alice');
    browser = await launchChromium();
    // Fixed locale and zone, so the screenshot shows the same dates wherever it is taken.
    page = await browser.newPage({ viewport: { width: 1200, height: 900 }, locale: 'en-GB', timezoneId: 'UTC' });
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/graphql') {
        operations.push((request.postDataJSON() as { operationName: string }).operationName);
      }
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await example?.close();
  });

  const shownEventIds = () => page.locator(ROW).evaluateAll((rows) => rows.map((row) => row.getAttribute('data-event-id')));
  const rowOf = (eventId: string): Locator => page.locator(`${ROW}[data-event-id="${eventId}"]`);

  test('shows the first page of alice\'s events, newest first, as the emulator holds them', async () => {
    expect(aliceEvents).toHaveLength(42);
    await page.goto(example.url);
    await page.locator(ROW).first().waitFor();

    expect(await shownEventIds()).toEqual(aliceEvents.slice(0, PAGE_SIZE).map((event) => event.EventId));
    const headers = await page.getByRole('columnheader').allTextContents();
    expect(headers).toEqual(['When', 'Event', 'Outcome', 'Risk', 'Device', 'Place', 'Feedback', 'Not you?']);
    expect(operations).toEqual(['RecentActivity']);
  });

  test('"This wasn\'t me" records INVALID feedback at Cognito and updates the row in place, without a refetch', async () => {
    // A sign-in without feedback yet, on the first page (so the screenshot shows it).
    const target = aliceEvents.slice(0, PAGE_SIZE).find((event) => event.EventType === 'SignIn' && event.EventFeedback === undefined);
    if (target === undefined) throw new Error('The seed gives alice no sign-in without feedback on her first page');
    const row = rowOf(target.EventId);
    expect(await row.getByTestId('feedback').getAttribute('data-feedback-value')).toBe('');
    const updatesBefore = example.emulator.calls.count('UpdateAuthEventFeedback');

    await row.getByRole('button', { name: /^This wasn't me/ }).click();
    await row.locator('[data-testid="feedback"][data-feedback-value="INVALID"]').waitFor();

    expect(await row.getByTestId('feedback').innerText()).toMatch(/^Not me by user, /);
    expect(await row.getByRole('button', { name: /^This wasn't me/ }).isDisabled()).toBe(true);
    // The payload's event updated the cache: the list query was not sent again.
    expect(operations).toEqual(['RecentActivity', 'ReportNotMe']);
    expect(example.emulator.calls.count('UpdateAuthEventFeedback') - updatesBefore).toBe(1);
    const stored = example.emulator.store.eventsOf(DEMO_POOL_ID, 'alice').find((event) => event.EventId === target.EventId);
    expect(stored?.EventFeedback).toEqual({ FeedbackValue: 'Invalid', Provider: 'User', FeedbackDate: expect.any(Number) });
    // Every other event is as the seed left it.
    const others = (events: EmulatorAuthEvent[]) => events.filter((event) => event.EventId !== target.EventId);
    expect(others(example.emulator.store.eventsOf(DEMO_POOL_ID, 'alice'))).toEqual(others(aliceEvents));

    await page.mouse.move(0, 0); // no hover highlight in the picture
    await page.screenshot({ path: SCREENSHOT });
  });

  test('"Load more" pages along the connection until the last page, then disappears', async () => {
    const loadMore = page.getByRole('button', { name: 'Load more' });
    let clicks = 0;
    while ((await loadMore.count()) > 0) {
      const shown = await page.locator(ROW).count();
      await loadMore.click();
      await page.locator(ROW).nth(shown).waitFor(); // the first row of the new page
      clicks += 1;
      if (clicks > 10) throw new Error('"Load more" was still there after 10 clicks');
    }

    const ids = await shownEventIds();
    expect(ids).toEqual(aliceEvents.map((event) => event.EventId));
    expect(new Set(ids).size).toBe(42);
    expect(clicks).toBe(4); // 42 events in pages of 10
    expect(operations).toEqual(['RecentActivity', 'ReportNotMe', 'RecentActivity', 'RecentActivity', 'RecentActivity', 'RecentActivity']);
    expect(await page.getByRole('status').innerText()).toBe('42 events shown: that is all of your recent activity.');
    // The reported row kept its feedback while pages were merged into the cached list.
    const seededInvalid = aliceEvents.filter((event) => event.EventFeedback?.FeedbackValue === 'Invalid').length;
    expect(await page.locator('[data-testid="feedback"][data-feedback-value="INVALID"]').count()).toBe(seededInvalid + 1);
    expect(pageErrors).toEqual([]);
  });

  test('says that nobody is signed in, and whom to open the page as, for a user the emulator does not know', async () => {
    const stranger = await browser.newPage({ locale: 'en-GB', timezoneId: 'UTC' });
    try {
      await stranger.goto(`${example.url}?user=nobody-here`);
      const alert = stranger.getByRole('alert');
      await alert.waitFor();

      expect({
        alert: await alert.innerText(),
        links: await alert.getByRole('link').evaluateAll((links) => links.map((link) => link.getAttribute('href'))),
        claimsSignedIn: await stranger.getByText('Signed in as').count(),
        tableShown: await stranger.getByTestId('activity-table').count(),
      }).toEqual({
        alert:
          'The Cognito emulator has no user nobody-here in its demo pool, so nobody is signed in.\n\n' +
          "Open the page as one of the emulator's users: alice, bob, frequent-flyer.",
        links: ['?user=alice', '?user=bob', '?user=frequent-flyer'],
        claimsSignedIn: 0,
        tableShown: 0,
      });
    } finally {
      await stranger.close();
    }
  });
});
