/** The one operation the bench sends, and the page size it asks for. */

/** Edges asked for; the gateway reads one more to know `hasNextPage` exactly. */
export const BENCH_PAGE_SIZE = 10;

/** The bench query: the first page of a user's history, with the fields a history view shows. */
export const BENCH_QUERY = `query Bench($username: String) { authEvents(username: $username, first: ${BENCH_PAGE_SIZE}) { edges { cursor node { eventId eventType creationDate eventRisk { riskLevel } } } pageInfo { hasNextPage endCursor } } }`;

/** The JSON body of the bench query for one user. */
export function benchRequestBody(username: string): string {
  return JSON.stringify({ operationName: 'Bench', query: BENCH_QUERY, variables: { username } });
}
