import { Directive } from 'type-graphql';
import { AuthEventConnection } from '../auth-events/auth-event-connection.type';
import {
  AuthChallengeResponse,
  AuthEvent,
  AuthEventContextData,
  AuthEventFeedback,
  AuthEventRisk,
} from '../auth-events/auth-event.type';
import { UpdateAuthEventFeedbackPayload } from '../auth-events/update-auth-event-feedback.payload';
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
 * - the objects one read answers (below): `@cost(weight: 0)`.
 *
 * So a router's `max` of `60 × MAX_OPERATION_COGNITO_READS` (3000 by default) refuses, before
 * any call, what the gateway would refuse, and a little more: docs/router.md has the formulas and
 * where they differ (chiefly entity fan-outs, which a router cannot count and the gateway still
 * refuses itself).
 */
export const COST_UNITS_PER_COGNITO_READ = MAX_AUTH_EVENTS_PAGE_SIZE;

/**
 * The object types whose fields come with a read already counted on the field that returns them
 * (the connection and its events, with their risk, challenges, context and feedback; the
 * feedback payload). A router counts 1 per object by default, which would make an event's cost
 * depend on how many of its sub-objects a client selects, not on what it reads: `@cost(weight: 0)`
 * tells it they are free. `AuthEventEdge` keeps its default of 1 (the unit) and `PageInfo`, which
 * other subgraphs define too, keeps its 1.
 */
export const OBJECT_TYPES_FREE_TO_A_ROUTER = [
  AuthEventConnection,
  AuthEvent,
  AuthEventRisk,
  AuthChallengeResponse,
  AuthEventContextData,
  AuthEventFeedback,
  UpdateAuthEventFeedbackPayload,
] as const;

// Applied here, once, when the schema's module graph loads (as a decorator would be), so the
// types stay plain and the mapping reads from this file and from the fields that read, which
// carry their own `@cost` and `@listSize` in their resolvers.
for (const type of OBJECT_TYPES_FREE_TO_A_ROUTER) Directive('@cost(weight: 0)')(type);
