import { MAX_AUTH_EVENTS_PAGE_SIZE } from '../cognito/cognito.constraints';
import type { CognitoAuthEvent } from '../cognito/cognito.client';
import type { FetchAuthEventsPage, HistoryCursorState, HistoryPosition, HistoryWindowEdge } from './auth-events.window';

/**
 * Reads a window of the `first` events of a history that match a filter, with the positions and
 * lookahead of `readHistoryWindow`: positions are places in the raw history, and the lookahead
 * is the next *matching* event, so `hasNextPage` stays exact.
 *
 * Cognito cannot filter, so matches are found by reading pages, and a rare match could cost a
 * whole history of reads. One window therefore reads at most `scanPages` Cognito pages; when
 * that budget runs out first, it returns the matches it has (possibly none), says
 * `hasNextPage: true`, and its `tail` resumes the scan where it stopped. Pages are read whole
 * (60 events): the number of events needed to find the next match is unknown, and a full page
 * costs the same call as a short one.
 *
 * Pure: it calls `fetchPage` and nothing else, so it is unit-tested without a network.
 */

/** How far a filtered window may read. */
export interface FilteredWindowOptions {
  /** Most Cognito pages one window reads (`FILTER_SCAN_PAGES`); at least 1. */
  readonly scanPages: number;
  /**
   * The history is newest first, so the first event created before this instant (a filter's
   * `since`) proves that nothing after it can match: the scan ends there.
   */
  readonly stopBefore?: Date;
}

/** A window of the matching events. */
export interface FilteredHistoryWindow {
  /** The matching events; the last edge's `after` is `tail`. */
  readonly edges: readonly HistoryWindowEdge[];
  readonly hasNextPage: boolean;
  /**
   * Where the next window starts: after the last edge, carrying the lookahead match when there
   * is one; else where the scan stopped (the end, or the raw position where the budget ran out).
   * For a window without edges this is what `endCursor` holds.
   */
  readonly tail: HistoryCursorState;
  /** Creation date of the oldest event examined; null when nothing is left to examine. */
  readonly searchedUntil: Date | null;
}

/**
 * Reads the `first` matching events after `from`; `first` must be at least 1. A lookahead in
 * `from` was a match under the same filter (cursors are bound to their filter) and is used as is.
 */
export async function readFilteredWindow(
  from: HistoryCursorState,
  first: number,
  matches: (event: CognitoAuthEvent) => boolean,
  fetchPage: FetchAuthEventsPage,
  options: FilteredWindowOptions,
): Promise<FilteredHistoryWindow> {
  if (!Number.isInteger(first) || first < 1) {
    throw new RangeError(`readFilteredWindow needs first >= 1; received ${first}`);
  }
  if (!Number.isInteger(options.scanPages) || options.scanPages < 1) {
    throw new RangeError(`readFilteredWindow needs scanPages >= 1; received ${options.scanPages}`);
  }
  const wanted = first + 1; // the edges, then the lookahead match
  const matched: Array<{ event: CognitoAuthEvent; after: HistoryPosition }> = [];
  let position = from.position;
  let oldestExamined: Date | undefined;
  if (from.lookahead !== undefined) {
    matched.push({ event: from.lookahead, after: position });
    oldestExamined = from.lookahead.CreationDate;
  }
  const stopBefore = options.stopBefore?.getTime();

  let pages = 0;
  scan: while (matched.length < wanted && position.kind === 'at' && pages < options.scanPages) {
    const { token, skip } = position;
    const page = await fetchPage(token, MAX_AUTH_EVENTS_PAGE_SIZE);
    pages += 1;
    const events = page.events.slice(0, MAX_AUTH_EVENTS_PAGE_SIZE);
    const afterLast: HistoryPosition =
      page.nextToken === null ? { kind: 'end' } : { kind: 'at', token: page.nextToken, skip: 0 };
    for (let index = skip; index < events.length; index += 1) {
      const event = events[index] as CognitoAuthEvent;
      const created = event.CreationDate;
      if (stopBefore !== undefined && created !== undefined && created.getTime() < stopBefore) {
        position = { kind: 'end' };
        break scan;
      }
      if (created !== undefined) oldestExamined = created;
      const after: HistoryPosition = index === events.length - 1 ? afterLast : { kind: 'at', token, skip: index + 1 };
      if (matches(event)) {
        matched.push({ event, after });
        if (matched.length === wanted) {
          position = after;
          break scan;
        }
      }
    }
    position = afterLast;
  }

  const lookahead = matched[first];
  const kept = matched.slice(0, first);
  // No match lies between the last edge and where the scan stopped, so the last edge resumes
  // there rather than re-reading what this window already searched.
  const tail: HistoryCursorState =
    lookahead === undefined ? { position } : { position: lookahead.after, lookahead: lookahead.event };
  const edges = kept.map(({ event, after }, index): HistoryWindowEdge => {
    const isLast = index === kept.length - 1;
    return { event, after: isLast ? tail : { position: after }, resumeAt: isLast && lookahead === undefined ? position : after };
  });
  const hasNextPage = lookahead !== undefined || position.kind === 'at';
  return { edges, hasNextPage, tail, searchedUntil: hasNextPage ? (oldestExamined ?? null) : null };
}
