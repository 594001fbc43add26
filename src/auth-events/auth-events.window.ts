import { MAX_AUTH_EVENTS_PAGE_SIZE } from '../cognito/cognito.constraints';
import type { AuthEventsPage, CognitoAuthEvent } from '../cognito/cognito.client';

/**
 * Reads a window of `first` events of a user's history from Cognito's token-paged API, and
 * gives each event the place right after it, so every edge gets its own cursor.
 *
 * Cognito gives one `NextToken` per page and nothing per item, so a place in the history is a
 * token plus a count of that page's items to skip. `hasNextPage` must be exact, and Cognito
 * may hand out a `NextToken` that leads to an empty page, so the only proof that an event
 * follows is to hold it: the window reads one event more than it returns (the lookahead). The
 * lookahead travels inside the last edge's cursor, so the next page starts with it and reads
 * only `first` new events: following `endCursor` costs ceil(first / 60) calls a page.
 *
 * Pure: it calls `fetchPage` and nothing else, so it is unit-tested without a network.
 */

/** A place in a user's history: just before the item `skip` of the page Cognito returns for `token`. */
export type HistoryPosition =
  | { readonly kind: 'at'; readonly token: string | null; readonly skip: number }
  /** After the oldest event: nothing follows. */
  | { readonly kind: 'end' };

/** What an edge's cursor holds: where to read on, and the event known to come next, if carried. */
export interface HistoryCursorState {
  /** Where reading resumes; after `lookahead` when there is one. */
  readonly position: HistoryPosition;
  /** The next event, already read, so the next page need not read it again. */
  readonly lookahead?: CognitoAuthEvent;
}

/** One event of the window and the state right after it. */
export interface HistoryWindowEdge {
  readonly event: CognitoAuthEvent;
  /** The state right after the event, carrying the lookahead on the last edge when there is one. */
  readonly after: HistoryCursorState;
  /** The place right after the event without any lookahead, for when carrying it is not wanted. */
  readonly resumeAt: HistoryPosition;
}

/** A window of the history. */
export interface HistoryWindow {
  readonly edges: readonly HistoryWindowEdge[];
  readonly hasNextPage: boolean;
}

/** Reads one page: at most `maxResults` (1–60) events from `token` on. */
export type FetchAuthEventsPage = (token: string | null, maxResults: number) => Promise<AuthEventsPage>;

/** The newest end of the history. */
export const HISTORY_START: HistoryCursorState = { position: { kind: 'at', token: null, skip: 0 } };

/**
 * Extra upstream calls a window may spend beyond the minimum, on pages that come back short or
 * empty; past that it stops and reports `hasNextPage: true` honestly instead of looping on a
 * misbehaving upstream.
 */
const SLACK_FETCHES = 3;

/**
 * Reads the `first` events after `from`. `first` must be at least 1; a window of zero events
 * needs no upstream call and is the caller's to answer.
 */
export async function readHistoryWindow(
  from: HistoryCursorState,
  first: number,
  fetchPage: FetchAuthEventsPage,
): Promise<HistoryWindow> {
  if (!Number.isInteger(first) || first < 1) {
    throw new RangeError(`readHistoryWindow needs first >= 1; received ${first}`);
  }
  const wanted = first + 1; // the edges, then the lookahead
  const read: Array<{ event: CognitoAuthEvent; after: HistoryPosition }> = [];
  let position = from.position;
  if (from.lookahead !== undefined) read.push({ event: from.lookahead, after: position });

  const maxFetches = Math.ceil(wanted / MAX_AUTH_EVENTS_PAGE_SIZE) + SLACK_FETCHES;
  let fetches = 0;
  while (read.length < wanted && position.kind === 'at' && fetches < maxFetches) {
    const { token, skip } = position;
    // Ask for exactly what is missing; a token marks a place, not a page size, so the page
    // may be longer than the one the token came with.
    const maxResults = Math.min(MAX_AUTH_EVENTS_PAGE_SIZE, skip + wanted - read.length);
    const page = await fetchPage(token, maxResults);
    fetches += 1;
    const events = page.events.slice(0, maxResults);
    const afterLast: HistoryPosition =
      page.nextToken === null ? { kind: 'end' } : { kind: 'at', token: page.nextToken, skip: 0 };
    for (let index = skip; index < events.length; index += 1) {
      const isLast = index === events.length - 1;
      read.push({
        event: events[index] as CognitoAuthEvent,
        after: isLast ? afterLast : { kind: 'at', token, skip: index + 1 },
      });
    }
    position = afterLast;
  }

  const lookahead = read[first];
  const kept = read.slice(0, first);
  const edges = kept.map(({ event, after }, index): HistoryWindowEdge => {
    if (index === kept.length - 1 && lookahead !== undefined) {
      return { event, after: { position: lookahead.after, lookahead: lookahead.event }, resumeAt: after };
    }
    return { event, after: { position: after }, resumeAt: after };
  });
  // Exact unless the fetch budget ran out on short pages; then more may follow, and saying so
  // lets the client continue rather than silently losing the rest of the history.
  const hasNextPage = lookahead !== undefined || (read.length <= first && position.kind === 'at');
  return { edges, hasNextPage };
}
