import type { AuthEventsPage } from '../../src/cognito/cognito.client';
import { HISTORY_START, readHistoryWindow } from '../../src/auth-events/auth-events.window';

/**
 * An in-memory history paged the way Cognito pages: a token marks a position; `shortPages`
 * makes every page return at most that many events, `emptyPagesBefore` inserts empty pages
 * that still carry a token (Cognito may answer both ways).
 */
function pagedHistory(size: number, options: { shortPages?: number; emptyPagesBefore?: number[] } = {}) {
  const events = Array.from({ length: size }, (_, index) => ({ EventId: `e${index}` }));
  const calls: Array<[string | null, number]> = [];
  const emptyServed = new Set<string>();
  const fetchPage = async (token: string | null, maxResults: number): Promise<AuthEventsPage> => {
    calls.push([token, maxResults]);
    const start = token === null ? 0 : Number(token.replace(/^(empty-)?p/, ''));
    if (options.emptyPagesBefore?.includes(start) && !emptyServed.has(`${start}`)) {
      emptyServed.add(`${start}`);
      return { events: [], nextToken: `p${start}` };
    }
    const take = Math.min(maxResults, options.shortPages ?? maxResults);
    const page = events.slice(start, start + take);
    const end = start + page.length;
    return { events: page, nextToken: end < size ? `p${end}` : null };
  };
  return { fetchPage, calls };
}

const idsOf = (window: Awaited<ReturnType<typeof readHistoryWindow>>) => window.edges.map((edge) => edge.event.EventId);

describe('readHistoryWindow', () => {
  test('reads one event beyond the window and carries it in the last edge', async () => {
    const history = pagedHistory(10);
    const window = await readHistoryWindow(HISTORY_START, 3, history.fetchPage);

    expect({
      ids: idsOf(window),
      hasNextPage: window.hasNextPage,
      afters: window.edges.map((edge) => edge.after),
      calls: history.calls,
    }).toEqual({
      ids: ['e0', 'e1', 'e2'],
      hasNextPage: true,
      afters: [
        { position: { kind: 'at', token: null, skip: 1 } },
        { position: { kind: 'at', token: null, skip: 2 } },
        { position: { kind: 'at', token: 'p4', skip: 0 }, lookahead: { EventId: 'e3' } },
      ],
      calls: [[null, 4]],
    });
  });

  test('continues from a carried lookahead reading only the window size', async () => {
    const history = pagedHistory(10);
    const first = await readHistoryWindow(HISTORY_START, 3, history.fetchPage);
    const second = await readHistoryWindow(first.edges[2]?.after ?? HISTORY_START, 3, history.fetchPage);

    expect({ ids: idsOf(second), hasNextPage: second.hasNextPage, calls: history.calls }).toEqual({
      ids: ['e3', 'e4', 'e5'],
      hasNextPage: true,
      calls: [
        [null, 4],
        ['p4', 3],
      ],
    });
  });

  test('reports the end exactly when the history holds exactly the window', async () => {
    const history = pagedHistory(3);
    const window = await readHistoryWindow(HISTORY_START, 3, history.fetchPage);

    expect({ ids: idsOf(window), hasNextPage: window.hasNextPage, lastAfter: window.edges[2]?.after }).toEqual({
      ids: ['e0', 'e1', 'e2'],
      hasNextPage: false,
      lastAfter: { position: { kind: 'end' } },
    });
  });

  test('keeps reading through short and empty pages until the window and lookahead are full', async () => {
    const history = pagedHistory(10, { shortPages: 2, emptyPagesBefore: [2] });
    const window = await readHistoryWindow(HISTORY_START, 4, history.fetchPage);

    expect({ ids: idsOf(window), hasNextPage: window.hasNextPage, calls: history.calls }).toEqual({
      ids: ['e0', 'e1', 'e2', 'e3'],
      hasNextPage: true,
      calls: [
        [null, 5],
        ['p2', 3],
        ['p2', 3],
        ['p4', 1],
      ],
    });
  });

  test('stops on an upstream that only hands out empty pages and says more may follow', async () => {
    let calls = 0;
    const window = await readHistoryWindow(HISTORY_START, 5, async () => {
      calls += 1;
      return { events: [], nextToken: `again${calls}` };
    });

    expect({ edges: window.edges.length, hasNextPage: window.hasNextPage, calls }).toEqual({
      edges: 0,
      hasNextPage: true,
      calls: 4,
    });
  });

  test('refuses a window of zero events, stating the rule and the value', async () => {
    await expect(readHistoryWindow(HISTORY_START, 0, pagedHistory(1).fetchPage)).rejects.toThrow(
      'readHistoryWindow needs first >= 1; received 0',
    );
  });
});
