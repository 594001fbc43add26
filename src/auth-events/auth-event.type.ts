import { DateTimeResolver } from 'graphql-scalars';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { ROUTER_COST } from '../limits/router-cost';
import {
  AuthEventResponse,
  AuthEventType,
  ChallengeName,
  ChallengeResult,
  FeedbackValue,
  RiskDecision,
  RiskLevel,
} from './auth-event.enums';

/** Cognito's risk verdict on an event. */
// Free to a router: the read that returns it is costed on the field that reads (docs/router.md).
@Directive(ROUTER_COST.free)
@ObjectType({ simpleResolvers: true, description: "Cognito threat protection's risk assessment of an event." })
export class AuthEventRisk {
  @Field(() => RiskDecision, {
    nullable: true,
    description: 'The decision taken. Null when Cognito reports none or a value this schema does not know yet.',
  })
  riskDecision!: RiskDecision | null;

  @Field(() => RiskLevel, {
    nullable: true,
    description: 'The assessed risk level. Null when Cognito reports none or a value this schema does not know yet.',
  })
  riskLevel!: RiskLevel | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether the credentials used were found in a list of compromised credentials.',
  })
  compromisedCredentialsDetected!: boolean | null;
}

/** One challenge of an event and its result. */
// Free to a router: the read that returns it is costed on the field that reads (docs/router.md).
@Directive(ROUTER_COST.free)
@ObjectType({ simpleResolvers: true, description: 'A challenge the user faced during the event, and its result.' })
export class AuthChallengeResponse {
  @Field(() => ChallengeName, {
    nullable: true,
    description: 'The challenge. Null when it is one this schema does not know yet.',
  })
  challengeName!: ChallengeName | null;

  @Field(() => ChallengeResult, {
    nullable: true,
    description: 'The result. Null when it is one this schema does not know yet.',
  })
  challengeResponse!: ChallengeResult | null;
}

/** Where the event came from. */
// Free to a router: the read that returns it is costed on the field that reads (docs/router.md).
@Directive(ROUTER_COST.free)
@ObjectType({ simpleResolvers: true, description: 'The device and place an event came from, as Cognito recorded them.' })
export class AuthEventContextData {
  @Field(() => String, { nullable: true, description: 'The client IP address.' })
  ipAddress!: string | null;

  @Field(() => String, { nullable: true, description: "The user's device name." })
  deviceName!: string | null;

  @Field(() => String, { nullable: true, description: "The device's time zone, e.g. `+01:00`." })
  timezone!: string | null;

  @Field(() => String, { nullable: true, description: 'The city the request came from.' })
  city!: string | null;

  @Field(() => String, { nullable: true, description: 'The country the request came from.' })
  country!: string | null;
}

/** Feedback given on the event. */
// Free to a router: the read that returns it is costed on the field that reads (docs/router.md).
@Directive(ROUTER_COST.free)
@ObjectType({ simpleResolvers: true, description: 'Feedback an admin or the user gave on whether the event was really the user.' })
export class AuthEventFeedback {
  @Field(() => FeedbackValue, {
    description: 'Whether the event was the user. (A value this schema does not know yet hides the whole feedback.)',
  })
  feedbackValue!: FeedbackValue;

  @Field(() => String, { description: 'Who gave the feedback, as Cognito reports it (e.g. `Admin`, `User`).' })
  provider!: string;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When the feedback was given.' })
  feedbackDate!: Date | null;
}

/** One event of a user's authentication history. */
// Free to a router: the read that returns it is costed on the field that reads (docs/router.md).
@Directive(ROUTER_COST.free)
@ObjectType({ simpleResolvers: true, description: "One event of a Cognito user's authentication history (threat protection must be on)." })
export class AuthEvent {
  @Field(() => ID, {
    description:
      'Opaque, stable, globally unique id (user pool, user and event); use it to refetch the event with `authEvent(id:)`.',
  })
  id!: string;

  @Field(() => String, { description: "Cognito's id of the event." })
  eventId!: string;

  @Field(() => AuthEventType, {
    nullable: true,
    description: 'What happened. Null when Cognito reports a type this schema does not know yet.',
  })
  eventType!: AuthEventType | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When the event happened (ISO-8601, UTC).' })
  creationDate!: Date | null;

  @Field(() => AuthEventResponse, {
    nullable: true,
    description: 'How the attempt ended. Null when Cognito reports an outcome this schema does not know yet.',
  })
  eventResponse!: AuthEventResponse | null;

  @Field(() => AuthEventRisk, { nullable: true, description: 'The risk assessment, when Cognito made one.' })
  eventRisk!: AuthEventRisk | null;

  @Field(() => [AuthChallengeResponse], { description: 'The challenges faced, in the order Cognito lists them.' })
  challengeResponses!: AuthChallengeResponse[];

  @Field(() => AuthEventContextData, { nullable: true, description: 'Device, IP address and place.' })
  eventContextData!: AuthEventContextData | null;

  @Field(() => AuthEventFeedback, { nullable: true, description: 'Feedback given on the event, if any.' })
  eventFeedback!: AuthEventFeedback | null;
}
