import { DateTimeResolver } from 'graphql-scalars';
import { Field, InputType } from 'type-graphql';
import { AuthEventResponse, AuthEventType, RiskDecision, RiskLevel } from './auth-event.enums';

/**
 * Which events of a history `authEvents` returns. The gateway filters, not Cognito
 * (`AdminListUserAuthEvents` has no filter), so a filtered page scans a bounded number of
 * Cognito pages; see `AuthEventConnection.searchedUntil`.
 */
@InputType({
  description:
    'Which events to return. A list means any of its values; the fields combine with AND; an omitted field does not filter. The gateway scans at most `FILTER_SCAN_PAGES` Cognito pages (of 60 events) for one page of matches, and a cursor works only with the filter it was issued under.',
})
export class AuthEventFilter {
  @Field(() => [AuthEventType], {
    nullable: true,
    description: 'Only events of one of these types. An event of a type this schema does not know yet never matches.',
  })
  eventTypes?: AuthEventType[] | null;

  @Field(() => [AuthEventResponse], {
    nullable: true,
    description: 'Only events with one of these outcomes. An outcome this schema does not know yet never matches.',
  })
  eventResponses?: AuthEventResponse[] | null;

  @Field(() => [RiskLevel], {
    nullable: true,
    description: 'Only events Cognito judged at one of these risk levels. An event without a risk level, or with one this schema does not know yet, never matches.',
  })
  riskLevels?: RiskLevel[] | null;

  @Field(() => [RiskDecision], {
    nullable: true,
    description: 'Only events with one of these risk decisions. An event without a decision, or with one this schema does not know yet, never matches.',
  })
  riskDecisions?: RiskDecision[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only events whose `eventFeedback` is not null; false: only events whose `eventFeedback` is null.',
  })
  hasFeedback?: boolean | null;

  @Field(() => DateTimeResolver, {
    nullable: true,
    description: 'Only events created at or after this instant. The scan stops at the first older event, so it costs no further Cognito call.',
  })
  since?: Date | null;

  @Field(() => DateTimeResolver, {
    nullable: true,
    description: 'Only events created before this instant; newer events are skipped on the way.',
  })
  until?: Date | null;
}
