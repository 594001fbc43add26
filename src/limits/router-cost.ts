import { MAX_AUTH_EVENTS_PAGE_SIZE } from '../cognito/cognito.constraints';

/**
 * What one Cognito read is worth in a router's cost units. A router's static estimate (Apollo
 * Router's `demand_control`, Hive Gateway's `demandControl`) counts an `AuthEventEdge` as 1, its
 * default for an object, and a Cognito page holds 60 events, so a unit is one event of a page and
 * 60 units are one read. Every weight of the subgraph is in these units:
 *
 * - `authEvents` (on `Query` and `User`): `@cost(weight: 60)`, the first page with its lookahead,
 *   and `@listSize` sizing `edges` by `first`, so `first: N` adds N. The gateway charges
 *   `ceil((N + 1) / 60)` reads; `60 + N ≥ 60 × ceil((N + 1) / 60)`, with less than a read to spare.
 * - its `filter` argument: `@cost(weight: 240)`, so a filtered page costs at least 300, the scan
 *   budget (`FILTER_SCAN_PAGES`, 5 reads) the gateway charges.
 * - `authEvent(id:)` and `updateAuthEventFeedback`: `@cost(weight: 300)`, the event scan
 *   (`AUTH_EVENT_SCAN_PAGES`, 5 reads).
 * - the objects one read answers (the connection and its events, with their risk, challenges,
 *   context and feedback; the feedback payload): `@cost(weight: 0)`, on their classes. A router
 *   counts 1 per object by default, which would make an event's cost depend on how many of its
 *   sub-objects a client selects rather than on what it reads. `AuthEventEdge` keeps its default
 *   of 1 (the unit) and `PageInfo`, which other subgraphs define too, keeps its 1.
 *
 * So a router's `max` of `60 × MAX_OPERATION_COGNITO_READS` (3000 by default) refuses, before
 * any call, what the gateway would refuse, and a little more: docs/router.md has the formulas and
 * where they differ (chiefly entity fan-outs, which a router cannot count and the gateway still
 * refuses itself).
 */
export const COST_UNITS_PER_COGNITO_READ = MAX_AUTH_EVENTS_PAGE_SIZE;

/**
 * The scan budgets and page size the weights assume: the defaults of `FILTER_SCAN_PAGES`,
 * `AUTH_EVENT_SCAN_PAGES` and `first` (src/config/config.ts). The SDL is static, so a gateway set
 * to larger budgets is under-estimated by its routers (docs/router.md says so).
 */
const ASSUMED = { filterScanPages: 5, eventScanPages: 5, first: 20 } as const;

/** The cost directives of the subgraph's fields, as type-graphql's `@Directive` takes them. */
export const ROUTER_COST = {
  /** On `authEvents`: the first page with its lookahead. */
  connection: `@cost(weight: ${COST_UNITS_PER_COGNITO_READ})`,
  /** On `authEvents`: `edges` sized by `first` (one unit an edge). */
  connectionSize: `@listSize(assumedSize: ${ASSUMED.first}, slicingArguments: ["first"], sizedFields: ["edges"], requireOneSlicingArgument: false)`,
  /** On `authEvents(filter:)`: the rest of the filter's scan budget. */
  filter: `@cost(weight: ${(ASSUMED.filterScanPages - 1) * COST_UNITS_PER_COGNITO_READ})`,
  /** On `authEvent(id:)` and `updateAuthEventFeedback`: the event scan. */
  eventScan: `@cost(weight: ${ASSUMED.eventScanPages * COST_UNITS_PER_COGNITO_READ})`,
  /** On the objects one read answers. */
  free: '@cost(weight: 0)',
} as const;
