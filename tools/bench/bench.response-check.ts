import { isDeepStrictEqual } from 'node:util';
import { AuthEventType, RiskLevel } from '../../src/auth-events/auth-event.enums';
import type { EmulatorEvent } from './bench.emulator-admin';
import { BENCH_PAGE_SIZE } from './bench.query';

/** An edge's node as the bench query selects it. */
export interface ExpectedNode {
  readonly eventId: string;
  readonly eventType: string | null;
  readonly creationDate: string;
  readonly eventRisk: { readonly riskLevel: string | null } | null;
}

/** The first page of one user's history, as every server must answer it. */
export interface ExpectedPage {
  readonly username: string;
  readonly nodes: readonly ExpectedNode[];
  readonly hasNextPage: boolean;
}

/** How many failures keep their description for the report. */
const KEPT_SAMPLES = 5;

/**
 * The first page the bench query must return for a history (newest first), spelt as the
 * gateway's schema spells it: the expected enum names come from the gateway's own enums, so a
 * baseline that spells a value differently fails here rather than looking faster.
 */
export function expectedFirstPage(username: string, history: readonly EmulatorEvent[]): ExpectedPage {
  return {
    username,
    hasNextPage: history.length > BENCH_PAGE_SIZE,
    nodes: history.slice(0, BENCH_PAGE_SIZE).map((event) => ({
      eventId: event.EventId,
      eventType: graphqlName(AuthEventType, event.EventType),
      // The SDK rounds Cognito's epoch seconds to whole milliseconds the same way.
      creationDate: new Date(Math.round(event.CreationDate * 1000)).toISOString(),
      eventRisk: event.EventRisk === undefined ? null : { riskLevel: graphqlName(RiskLevel, event.EventRisk.RiskLevel) },
    })),
  };
}

/**
 * Checks every response of a run against the expected first page of the user its request
 * named: status 200, no `errors`, `data.authEvents` equal to that page, with a non-empty cursor
 * per edge and `endCursor` the last edge's cursor.
 */
export class ResponseChecker {
  private readonly pagesByUsername: ReadonlyMap<string, ExpectedPage>;
  private checkedCount = 0;
  private failedCount = 0;
  private readonly failureSamples: string[] = [];

  /** @param pages The expected page of every user a request may name. */
  constructor(pages: Iterable<ExpectedPage>) {
    this.pagesByUsername = new Map([...pages].map((page) => [page.username, page]));
  }

  /**
   * Records one response; its body is the raw text. `username` is the user its request named,
   * `undefined` when the load generator cannot tell (counted as wrong).
   */
  check(username: string | undefined, status: number, body: string): void {
    this.checkedCount += 1;
    const problem = problemOf(username, status, body, this.pagesByUsername);
    if (problem === undefined) return;
    this.failedCount += 1;
    if (this.failureSamples.length < KEPT_SAMPLES) this.failureSamples.push(problem);
  }

  /** Responses checked so far. */
  get checked(): number {
    return this.checkedCount;
  }

  /** Responses that were wrong. */
  get failed(): number {
    return this.failedCount;
  }

  /** Descriptions of the first few wrong responses. */
  get samples(): readonly string[] {
    return this.failureSamples;
  }
}

function problemOf(username: string | undefined, status: number, body: string, pages: ReadonlyMap<string, ExpectedPage>): string | undefined {
  const excerpt = (): string => body.slice(0, 300);
  if (username === undefined) return `a response to no request the bench knows of: ${excerpt()}`;
  const page = pages.get(username);
  if (page === undefined) return `a request for ${username}, whose page the bench does not know`;
  if (status !== 200) return `status ${status} for ${username}: ${excerpt()}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `not JSON for ${username}: ${excerpt()}`;
  }
  const answer = parsed as { errors?: unknown; data?: { authEvents?: unknown } };
  if (answer.errors !== undefined) return `errors for ${username}: ${excerpt()}`;
  const connection = answer.data?.authEvents as
    | { edges?: Array<{ cursor?: unknown; node?: unknown }>; pageInfo?: { hasNextPage?: unknown; endCursor?: unknown } }
    | undefined;
  const edges = connection?.edges;
  if (!Array.isArray(edges)) return `no data.authEvents.edges for ${username}: ${excerpt()}`;
  if (edges.length !== page.nodes.length) return `${edges.length} edges for ${username}, expected ${page.nodes.length}`;
  const nodes = edges.map((edge) => edge.node);
  if (!isDeepStrictEqual(nodes, page.nodes)) return `nodes of ${username} differ from the emulator's: ${excerpt()}`;
  if (!edges.every((edge) => typeof edge.cursor === 'string' && edge.cursor !== '')) return `an edge of ${username} has no cursor`;
  if (connection?.pageInfo?.hasNextPage !== page.hasNextPage) return `hasNextPage of ${username} is not ${page.hasNextPage}`;
  if (connection.pageInfo.endCursor !== edges[edges.length - 1]?.cursor) return `endCursor of ${username} is not its last edge's cursor`;
  return undefined;
}

/** The GraphQL name of a Cognito value (`SignIn` → `SIGN_IN`), or null for one the schema does not know. */
function graphqlName(values: Readonly<Record<string, string>>, cognitoValue: string | undefined): string | null {
  return Object.entries(values).find(([, value]) => value === cognitoValue)?.[0] ?? null;
}
