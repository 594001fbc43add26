/**
 * How the client-library tests page: 25 edges a page, which does not divide Cognito's 60-event
 * pages, so most cursors resume in the middle of one.
 */
export const CLIENT_PAGE_SIZE = 25;

/**
 * The length of the client's merged list after each page: `CLIENT_PAGE_SIZE` more every page
 * until the history of `total` events ends. Both Apollo's relayStylePagination (it cuts the
 * list at `after` before appending) and Relay's ConnectionHandler (it skips nodes it already
 * holds) hide a cursor that resumes one edge early in the final list; this growth shows it.
 */
export function expectedGrowth(total: number): number[] {
  return Array.from({ length: Math.ceil(total / CLIENT_PAGE_SIZE) }, (_, index) =>
    Math.min((index + 1) * CLIENT_PAGE_SIZE, total),
  );
}

/**
 * Where in frequent-flyer's history the event the feedback tests mark INVALID sits: VALID in
 * the seed, in the third page of 25 and Cognito's first page of 60.
 */
export const FEEDBACK_TARGET_INDEX = 56;
