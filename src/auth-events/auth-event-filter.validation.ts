import type { AuthEventFilterSpec } from './auth-event.filter';
import type { AuthEventFilter } from './auth-event-filter.input';
import { BadUserInputError } from '../errors/gateway-errors';

/**
 * Checks a `filter` argument before anything is sent upstream and returns what it asks for, or
 * undefined when it asks for nothing (absent, or every field omitted), which reads the history
 * unfiltered. An empty list would match nothing and a `since` not before `until` selects an
 * empty range: both are mistakes a scan of the whole budget would only hide, so they are refused.
 */
export function resolveAuthEventFilter(
  argumentName: string,
  filter: AuthEventFilter | null | undefined,
): AuthEventFilterSpec | undefined {
  if (filter === null || filter === undefined) return undefined;
  const list = <T>(field: string, values: readonly T[] | null | undefined): readonly T[] | undefined => {
    if (values === null || values === undefined) return undefined;
    if (values.length === 0) {
      throw new BadUserInputError(
        `${argumentName}.${field}`,
        `${argumentName}.${field} must list at least one value (it means any of them); omit it not to filter by it.`,
      );
    }
    return values;
  };
  const spec: { -readonly [K in keyof AuthEventFilterSpec]: AuthEventFilterSpec[K] } = {};
  const eventTypes = list('eventTypes', filter.eventTypes);
  if (eventTypes !== undefined) spec.eventTypes = eventTypes;
  const eventResponses = list('eventResponses', filter.eventResponses);
  if (eventResponses !== undefined) spec.eventResponses = eventResponses;
  const riskLevels = list('riskLevels', filter.riskLevels);
  if (riskLevels !== undefined) spec.riskLevels = riskLevels;
  const riskDecisions = list('riskDecisions', filter.riskDecisions);
  if (riskDecisions !== undefined) spec.riskDecisions = riskDecisions;
  if (filter.hasFeedback !== null && filter.hasFeedback !== undefined) spec.hasFeedback = filter.hasFeedback;
  if (filter.since !== null && filter.since !== undefined) spec.since = filter.since;
  if (filter.until !== null && filter.until !== undefined) spec.until = filter.until;
  if (spec.since !== undefined && spec.until !== undefined && spec.since.getTime() >= spec.until.getTime()) {
    throw new BadUserInputError(
      `${argumentName}.since`,
      `${argumentName}.since must be before ${argumentName}.until; received since ${spec.since.toISOString()} and until ${spec.until.toISOString()}.`,
    );
  }
  return Object.keys(spec).length === 0 ? undefined : spec;
}

