import { OutcomeTally, postGraphQL, type RequestOutcome } from './soak.outcome';
import { feedbackVerdictOf, FeedbackLedger } from './soak.feedback-ledger';
import { UserRotation } from '../../bench/bench.user-rotation';

/** The kinds of request the soak mixes, with what each must be answered when Cognito is well. */
export const REQUEST_KINDS = {
  /** A synthetic user's first page: a user comes round again only after the page cache forgot them. */
  cold: 'data',
  /** One seeded user's first page, again and again: the page cache answers most. */
  hot: 'data',
  /** A filtered page (sign-ins only) of a synthetic user. */
  filtered: 'data',
  /** A user reading their own history with their own token. */
  self: 'data',
  /** A feedback update (admin), flipping an event between VALID and INVALID. */
  feedback: 'data',
  /** `first: -1`. */
  badArgument: 'BAD_USER_INPUT',
  /** A body that is not JSON. */
  badJson: 'BAD_REQUEST',
  /** A token that expired an hour ago. */
  expiredToken: 'UNAUTHENTICATED',
  /** A token whose signature is not the pool's. */
  forgedToken: 'UNAUTHENTICATED',
} as const;

/** One kind of request. */
export type RequestKind = keyof typeof REQUEST_KINDS;

/** One request in 20 of each kind; cold reads (and so Cognito calls) are the largest share. */
const MIX: readonly RequestKind[] = [
  'cold', 'cold', 'cold', 'cold', 'cold', 'cold',
  'hot', 'hot', 'hot', 'hot',
  'filtered', 'filtered',
  'self',
  'feedback', 'feedback',
  'badArgument',
  'badJson',
  'expiredToken',
  'forgedToken',
  'cold',
];

/** Users the filtered reads rotate over. */
const FILTERED_USERS = 300;

/** The codes a request that must get data may get instead while Cognito fails: typed, retryable errors. */
export const STORM_CODES: ReadonlySet<string> = new Set(['RATE_LIMITED', 'UPSTREAM_UNAVAILABLE']);

const READ = 'query SoakRead($username: String, $first: Int, $filter: AuthEventFilter) { authEvents(username: $username, first: $first, filter: $filter) { edges { node { id eventId eventType creationDate } } pageInfo { hasNextPage endCursor } } }';
const FEEDBACK = 'mutation SoakFeedback($input: UpdateAuthEventFeedbackInput!) { updateAuthEventFeedback(input: $input) { authEvent { id eventFeedback { feedbackValue } } } }';

/** Who the requests are sent as, and about whom. */
export interface TrafficParties {
  readonly graphqlUrl: string;
  /** `Bearer …` of an admin (the support console's client-credentials token). */
  readonly adminAuthorization: string;
  /** `Bearer …` of `selfUsername`'s own access token. */
  readonly selfAuthorization: string;
  readonly selfUsername: string;
  /** `Bearer …` of a token that expired. */
  readonly expiredAuthorization: string;
  /** `Bearer …` of a token signed with a key that is not the pool's. */
  readonly forgedAuthorization: string;
  /** Users for cold and filtered reads, asked about in turn. */
  readonly coldUsernames: readonly string[];
  readonly hotUsername: string;
  /** The events feedback is given on: each gets one update at a time, flipping its value. */
  readonly feedbackEvents: ReadonlyArray<{ readonly username: string; readonly eventId: string; readonly initial: string | undefined }>;
  /** The client's own time limit per request (the gateway's deadline plus a margin): past it, `client-timeout`. */
  readonly clientTimeoutMs: number;
}

/** One request's record: its kind, when it was sent, how long it took and how it ended. */
export interface RequestRecord {
  readonly kind: RequestKind;
  /** ms since the epoch. */
  readonly sentAt: number;
  readonly elapsedMs: number;
  readonly outcome: RequestOutcome;
}

/**
 * Sends the soak's mixed traffic at a fixed rate (open loop: a slow answer does not slow the
 * sending), and hands every finished request to `onRecord`.
 */
export class SoakTraffic {
  readonly feedbackLedger = new FeedbackLedger();
  private readonly cold: UserRotation;
  private readonly filteredUsers: UserRotation;
  private readonly idleFeedback: Array<TrafficParties['feedbackEvents'][number]>;
  private readonly feedbackValues = new Map<string, string | undefined>();
  private position = 0;
  private timer: NodeJS.Timeout | undefined;
  private inFlight = new Set<Promise<void>>();
  /** Feedback slots of the mix skipped because every event had an update in flight. */
  skippedFeedback = 0;

  constructor(
    private readonly parties: TrafficParties,
    private readonly onRecord: (record: RequestRecord) => void,
  ) {
    this.cold = new UserRotation(parties.coldUsernames);
    // A few hundred users, so the filtered pages they cost the page cache are all cached within
    // the warm-up (a filtered read caches Cognito pages of 60 events, ten times a cold read's).
    this.filteredUsers = new UserRotation(parties.coldUsernames.slice(-FILTERED_USERS).reverse());
    this.idleFeedback = [...parties.feedbackEvents];
    for (const event of parties.feedbackEvents) this.feedbackValues.set(feedbackKey(event.username, event.eventId), event.initial);
  }

  /** Starts sending `requestsPerSecond` requests a second, in ticks of 50 ms. */
  start(requestsPerSecond: number): void {
    const tickMs = 50;
    const startedAt = Date.now();
    let sent = 0;
    this.timer = setInterval(() => {
      const due = Math.floor(((Date.now() - startedAt) / 1000) * requestsPerSecond);
      for (; sent < due; sent += 1) this.sendNext();
    }, tickMs);
  }

  /** Stops sending and resolves once every request in flight has ended. */
  async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /**
   * Sends one request of `kind` now (a read for `username`, when given) and resolves with its
   * record (also given to `onRecord`); undefined when a feedback event was not free.
   */
  sendOne(kind: RequestKind, username?: string): Promise<RequestRecord | undefined> {
    const request =
      username === undefined ? this.requestOf(kind) : { body: JSON.stringify({ query: READ, variables: { username, first: 10 } }), authorization: this.parties.adminAuthorization };
    if (request === undefined) return Promise.resolve(undefined);
    let record: RequestRecord | undefined;
    const work = this.post(kind, request).then((done) => {
      record = done;
      this.onRecord(done);
    });
    this.inFlight.add(work);
    return work.finally(() => this.inFlight.delete(work)).then(() => record);
  }

  private sendNext(): void {
    const kind = MIX[this.position % MIX.length] as RequestKind;
    this.position += 1;
    void this.sendOne(kind);
  }

  private requestOf(kind: RequestKind): { body: string; authorization: string; afterAnswer?: (outcome: RequestOutcome) => void } | undefined {
    const { parties } = this;
    const read = (variables: Record<string, unknown>, authorization = parties.adminAuthorization) => ({
      body: JSON.stringify({ query: READ, variables }),
      authorization,
    });
    switch (kind) {
      case 'cold':
        return read({ username: this.cold.next(), first: 10 });
      case 'hot':
        return read({ username: parties.hotUsername, first: 10 });
      case 'filtered':
        return read({ username: this.filteredUsers.next(), first: 5, filter: { eventTypes: ['SIGN_IN'] } });
      case 'self':
        return read({ first: 10 }, parties.selfAuthorization);
      case 'badArgument':
        return read({ username: parties.hotUsername, first: -1 });
      case 'badJson':
        return { body: '{"query": "{ authEvents { edges', authorization: parties.adminAuthorization };
      case 'expiredToken':
        return read({ first: 1 }, parties.expiredAuthorization);
      case 'forgedToken':
        return read({ first: 1 }, parties.forgedAuthorization);
      case 'feedback':
        return this.feedbackRequest();
    }
  }

  /** The next update of an event with none in flight (flipping its value), or undefined when every event has one. */
  private feedbackRequest(): { body: string; authorization: string; afterAnswer: (outcome: RequestOutcome) => void } | undefined {
    const event = this.idleFeedback.shift();
    if (event === undefined) {
      this.skippedFeedback += 1;
      return undefined;
    }
    const key = feedbackKey(event.username, event.eventId);
    const value = this.feedbackValues.get(key) === 'Valid' ? 'Invalid' : 'Valid';
    const record = this.feedbackLedger.send(key, value, event.initial);
    // What the next update flips from: what this one sets, whatever its answer (a failed update
    // is not retried here; the next one moves the event on).
    this.feedbackValues.set(key, value);
    return {
      body: JSON.stringify({
        query: FEEDBACK,
        variables: { input: { username: event.username, eventId: event.eventId, feedbackValue: value === 'Valid' ? 'VALID' : 'INVALID' } },
      }),
      authorization: this.parties.adminAuthorization,
      afterAnswer: (outcome) => {
        record(feedbackVerdictOf(outcome));
        this.idleFeedback.push(event);
      },
    };
  }

  private async post(kind: RequestKind, request: { body: string; authorization: string; afterAnswer?: (outcome: RequestOutcome) => void }): Promise<RequestRecord> {
    const sentAt = Date.now();
    const { outcome, elapsedMs } = await postGraphQL(this.parties.graphqlUrl, request.authorization, request.body, this.parties.clientTimeoutMs);
    request.afterAnswer?.(outcome);
    return { kind, sentAt, elapsedMs, outcome };
  }
}

/** The ledger's key of an event. */
export function feedbackKey(username: string, eventId: string): string {
  return `${username}/${eventId}`;
}

/** Tallies of outcome labels per request kind. */
export class KindTally {
  private readonly tallies = new Map<RequestKind, OutcomeTally>();

  add(kind: RequestKind, label: string): void {
    let tally = this.tallies.get(kind);
    if (tally === undefined) {
      tally = new OutcomeTally();
      this.tallies.set(kind, tally);
    }
    tally.add(label);
  }

  /** Kinds in {@link REQUEST_KINDS} order, each with its labels. */
  entries(): Array<[RequestKind, Array<[string, number]>]> {
    return (Object.keys(REQUEST_KINDS) as RequestKind[]).filter((kind) => this.tallies.has(kind)).map((kind) => [kind, this.tallies.get(kind)?.entries() ?? []]);
  }

  /** Requests counted. */
  get total(): number {
    let sum = 0;
    for (const tally of this.tallies.values()) sum += tally.total;
    return sum;
  }
}

/**
 * Whether an outcome is one the kind may get: its own expected label, or, while Cognito fails
 * (`storm`), for requests that need Cognito, typed retryable errors only (also beside data).
 */
export function isAllowed(kind: RequestKind, label: string, storm: boolean): boolean {
  const expected = REQUEST_KINDS[kind];
  if (label === expected) return true;
  if (!storm || expected !== 'data') return false;
  return label.split('+').every((code) => STORM_CODES.has(code));
}
