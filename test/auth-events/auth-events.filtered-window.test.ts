import type { AuthEventsPage, CognitoAuthEvent } from '../../src/cognito/cognito.client';
import { readFilteredWindow } from '../../src/auth-events/auth-events.filtered-window';
import { HISTORY_START, type HistoryCursorState } from '../../src/auth-events/auth-events.window';

const NEWEST = Date.UTC(2025, 0, 31);
const MINUTE = 60_000;

/** Event `index` of a fake history: newest first, one a minute. */
const eventAt = (index: number): CognitoAuthEvent => ({ EventId: `e${index}`, CreationDate: new Date(NEWEST - index * MINUTE) });

/**
 * An in-memory history of `size` events paged the way Cognito pages (a token marks a position),
 * with a log of the pages asked for; `emptyPageAt` serves an empty page that still carries a
 * token once at that position, as Cognito may.
 */
function pagedHistory(size: number, options: { emptyPageAt?: number } = {}) {
  const events = Array.from({ length: size }, (_, index) => eventAt(index));
  const calls: Array<[string | null, number]> = [];
  let emptyServed = false;
  const fetchPage = async (token: string | null, maxResults: number): Promise<AuthEventsPage> => {
    calls.push([token, maxResults]);
    const start = token === null ? 0 : Number(token.slice(1));
    if (options.emptyPageAt === start && !emptyServed) {
      emptyServed = true;
      return { events: [], nextToken: `p${start}` };
    }
    const page = events.slice(start, start + maxResults);
    const end = start + page.length;
    return { events: page, nextToken: end < size ? `p${end}` : null };
  };
  return { fetchPage, calls };
}

/** Matches the events whose index is in `indexes`. */
const matchingIndexes = (indexes: number[]) => (event: CognitoAuthEvent) => indexes.includes(Number(event.EventId?.slice(1)));

type Window = Awaited<ReturnType<typeof readFilteredWindow>>;
const summary = (window: Window) => ({
  ids: window.edges.map((edge) => edge.event.EventId),
  afters: window.edges.map((edge) => edge.after),
  hasNextPage: window.hasNextPage,
  tail: window.tail,
  searchedUntil: window.searchedUntil,
});

describe('readFilteredWindow', () => {
  test('returns the first matches and carries the next match as the lookahead, reading whole pages', async () => {
    const history = pagedHistory(200);
    const window = await readFilteredWindow(HISTORY_START, 2, matchingIndexes([3, 70, 130, 150]), history.fetchPage, { scanPages: 5 });

    expect({ ...summary(window), calls: history.calls }).toEqual({
      ids: ['e3', 'e70'],
      afters: [
        { position: { kind: 'at', token: null, skip: 4 } },
        { position: { kind: 'at', token: 'p120', skip: 11 }, lookahead: eventAt(130) },
      ],
      hasNextPage: true,
      tail: { position: { kind: 'at', token: 'p120', skip: 11 }, lookahead: eventAt(130) },
      searchedUntil: eventAt(130).CreationDate,
      calls: [
        [null, 60],
        ['p60', 60],
        ['p120', 60],
      ],
    });
  });

  test('continues from the carried lookahead and ends the history exactly', async () => {
    const history = pagedHistory(200);
    const matches = matchingIndexes([3, 70, 130, 150]);
    const first = await readFilteredWindow(HISTORY_START, 2, matches, history.fetchPage, { scanPages: 5 });
    history.calls.length = 0;
    const second = await readFilteredWindow(first.tail, 2, matches, history.fetchPage, { scanPages: 5 });

    expect({ ...summary(second), calls: history.calls }).toEqual({
      ids: ['e130', 'e150'],
      afters: [{ position: { kind: 'at', token: 'p120', skip: 11 } }, { position: { kind: 'end' } }],
      hasNextPage: false,
      tail: { position: { kind: 'end' } },
      searchedUntil: null,
      calls: [
        ['p120', 60],
        ['p180', 60],
      ],
    });
  });

  test('stops at the scan budget with the matches it has and resumes where it stopped', async () => {
    const history = pagedHistory(300);
    const matches = matchingIndexes([10, 250]);
    const first = await readFilteredWindow(HISTORY_START, 3, matches, history.fetchPage, { scanPages: 2 });
    const second = await readFilteredWindow(first.tail, 3, matches, history.fetchPage, { scanPages: 2 });
    const third = await readFilteredWindow(second.tail, 3, matches, history.fetchPage, { scanPages: 2 });

    expect({ pages: [summary(first), summary(second), summary(third)], calls: history.calls }).toEqual({
      pages: [
        {
          ids: ['e10'],
          afters: [{ position: { kind: 'at', token: 'p120', skip: 0 } }],
          hasNextPage: true,
          tail: { position: { kind: 'at', token: 'p120', skip: 0 } },
          searchedUntil: eventAt(119).CreationDate,
        },
        {
          ids: [],
          afters: [],
          hasNextPage: true,
          tail: { position: { kind: 'at', token: 'p240', skip: 0 } },
          searchedUntil: eventAt(239).CreationDate,
        },
        {
          ids: ['e250'],
          afters: [{ position: { kind: 'end' } }],
          hasNextPage: false,
          tail: { position: { kind: 'end' } },
          searchedUntil: null,
        },
      ],
      calls: [
        [null, 60],
        ['p60', 60],
        ['p120', 60],
        ['p180', 60],
        ['p240', 60],
      ],
    });
  });

  test('ends the scan at the first event older than stopBefore, with no further read', async () => {
    const history = pagedHistory(300);
    const stopBefore = eventAt(65).CreationDate as Date; // e65 is the oldest event at or after it
    const window = await readFilteredWindow(HISTORY_START, 5, matchingIndexes([1, 64, 65, 66, 200]), history.fetchPage, {
      scanPages: 5,
      stopBefore,
    });

    expect({ ...summary(window), calls: history.calls }).toEqual({
      ids: ['e1', 'e64', 'e65'],
      afters: [
        { position: { kind: 'at', token: null, skip: 2 } },
        { position: { kind: 'at', token: 'p60', skip: 5 } },
        { position: { kind: 'end' } },
      ],
      hasNextPage: false,
      tail: { position: { kind: 'end' } },
      searchedUntil: null,
      calls: [
        [null, 60],
        ['p60', 60],
      ],
    });
  });

  test('resumes mid-page after an edge, skipping what was already returned', async () => {
    const history = pagedHistory(100);
    const from: HistoryCursorState = { position: { kind: 'at', token: null, skip: 4 } };
    const window = await readFilteredWindow(from, 1, matchingIndexes([3, 5, 6]), history.fetchPage, { scanPages: 5 });

    expect(summary(window)).toEqual({
      ids: ['e5'],
      afters: [{ position: { kind: 'at', token: null, skip: 7 }, lookahead: eventAt(6) }],
      hasNextPage: true,
      tail: { position: { kind: 'at', token: null, skip: 7 }, lookahead: eventAt(6) },
      searchedUntil: eventAt(6).CreationDate,
    });
  });

  test('counts an empty page with a token against the budget and reports it may go on', async () => {
    const history = pagedHistory(120, { emptyPageAt: 60 });
    const window = await readFilteredWindow(HISTORY_START, 1, matchingIndexes([100]), history.fetchPage, { scanPages: 2 });

    expect({ ...summary(window), calls: history.calls }).toEqual({
      ids: [],
      afters: [],
      hasNextPage: true,
      tail: { position: { kind: 'at', token: 'p60', skip: 0 } },
      searchedUntil: eventAt(59).CreationDate,
      calls: [
        [null, 60],
        ['p60', 60],
      ],
    });
  });

  test('reports no next page for a history without a match', async () => {
    const history = pagedHistory(30);
    const window = await readFilteredWindow(HISTORY_START, 10, () => false, history.fetchPage, { scanPages: 5 });

    expect({ ...summary(window), calls: history.calls }).toEqual({
      ids: [],
      afters: [],
      hasNextPage: false,
      tail: { position: { kind: 'end' } },
      searchedUntil: null,
      calls: [[null, 60]],
    });
  });

  test('refuses a window of zero events or a budget of zero pages', async () => {
    const history = pagedHistory(10);
    await expect(readFilteredWindow(HISTORY_START, 0, () => true, history.fetchPage, { scanPages: 5 })).rejects.toThrow(
      'readFilteredWindow needs first >= 1; received 0',
    );
    await expect(readFilteredWindow(HISTORY_START, 1, () => true, history.fetchPage, { scanPages: 0 })).rejects.toThrow(
      'readFilteredWindow needs scanPages >= 1; received 0',
    );
    expect(history.calls).toEqual([]);
  });
});
