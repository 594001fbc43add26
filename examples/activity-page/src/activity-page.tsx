import { useState } from 'react';
import { NetworkStatus } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { RECENT_ACTIVITY, REPORT_NOT_ME, type ActivityEvent } from './activity.operations';

/** Events per page: a screenful. */
export const PAGE_SIZE = 10;

/** Props of {@link ActivityPage}. */
export interface ActivityPageProps {
  /** Who is signed in, for the heading. */
  readonly username: string;
  /**
   * The feedback token for an event, when the caller is the user: the gateway lets a user give
   * feedback only with the token Cognito mailed them. Omit it for an admin caller (a support
   * console), whose feedback takes the admin path.
   */
  readonly feedbackTokenFor?: (eventId: string) => Promise<string>;
}

/** The signed-in user's recent sign-in activity, a page at a time, with "This wasn't me" per event. */
export function ActivityPage({ username, feedbackTokenFor }: ActivityPageProps) {
  const { data, error, networkStatus, fetchMore, refetch } = useQuery(RECENT_ACTIVITY, { variables: { first: PAGE_SIZE } });
  const [loadMoreError, setLoadMoreError] = useState<string>();
  const connection = data?.authEvents;
  const loadingMore = networkStatus === NetworkStatus.fetchMore;

  const loadMore = async (after: string | null) => {
    setLoadMoreError(undefined);
    try {
      // relayStylePagination appends the page to the cached list, and the rows re-render from it.
      await fetchMore({ variables: { after } });
    } catch (failure) {
      setLoadMoreError(messageOf(failure));
    }
  };

  let body;
  if (connection == null && error !== undefined) {
    body = (
      <div className="notice notice-error" role="alert">
        <p>Your activity could not be loaded: {error.message}</p>
        <button type="button" onClick={() => void refetch()}>
          Try again
        </button>
      </div>
    );
  } else if (connection == null) {
    body = (
      <p className="notice" role="status">
        Loading your sign-in activity…
      </p>
    );
  } else if (connection.edges.length === 0) {
    body = <p className="notice">No sign-in activity yet.</p>;
  } else {
    const { hasNextPage, endCursor } = connection.pageInfo;
    body = (
      <>
        <table className="activity" data-testid="activity-table">
          <caption>Sign-in activity, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Event</th>
              <th scope="col">Outcome</th>
              <th scope="col">Risk</th>
              <th scope="col">Device</th>
              <th scope="col">Place</th>
              <th scope="col">Feedback</th>
              <th scope="col">Not you?</th>
            </tr>
          </thead>
          <tbody>
            {connection.edges.map(({ node }) => (
              <ActivityRow key={node.id} event={node} feedbackTokenFor={feedbackTokenFor} />
            ))}
          </tbody>
        </table>
        <footer className="more">
          <p role="status">
            {connection.edges.length} events shown{hasNextPage ? '' : ': that is all of your recent activity'}.
          </p>
          {hasNextPage && (
            <button type="button" onClick={() => void loadMore(endCursor)} disabled={loadingMore} aria-busy={loadingMore}>
              Load more
            </button>
          )}
          {loadMoreError !== undefined && (
            <p className="error" role="alert">
              More events could not be loaded: {loadMoreError}
            </p>
          )}
        </footer>
      </>
    );
  }

  return (
    <main>
      <header>
        <h1>Recent sign-in activity</h1>
        <p>
          Signed in as <strong>{username}</strong>. If you do not recognise an event, tell us: it helps protect your
          account.
        </p>
      </header>
      {body}
    </main>
  );
}

interface ActivityRowProps {
  readonly event: ActivityEvent;
  readonly feedbackTokenFor: ((eventId: string) => Promise<string>) | undefined;
}

function ActivityRow({ event, feedbackTokenFor }: ActivityRowProps) {
  const [reportNotMe] = useMutation(REPORT_NOT_ME);
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string>();
  const reported = event.eventFeedback?.feedbackValue === 'INVALID';
  const when = formatDate(event.creationDate);

  const report = async () => {
    setPending(true);
    setProblem(undefined);
    try {
      const feedbackToken = feedbackTokenFor === undefined ? undefined : await feedbackTokenFor(event.eventId);
      const { data } = await reportNotMe({ variables: { eventId: event.eventId, feedbackToken } });
      // Null only for an event older than the gateway's scan bound: recorded, but not read back.
      if (data?.updateAuthEventFeedback?.authEvent == null) setProblem('Reported; reload to see it.');
    } catch (failure) {
      setProblem(`Not reported: ${messageOf(failure)}`);
    } finally {
      setPending(false);
    }
  };

  return (
    <tr data-testid="activity-row" data-event-id={event.eventId} className={reported ? 'reported' : undefined}>
      <td>{event.creationDate === null ? '—' : <time dateTime={event.creationDate}>{when}</time>}</td>
      <td>{EVENT_TYPE_LABELS[event.eventType ?? 'UNKNOWN']}</td>
      <td>
        <span className={`badge outcome-${(event.eventResponse ?? 'unknown').toLowerCase()}`}>
          {OUTCOME_LABELS[event.eventResponse ?? 'UNKNOWN']}
        </span>
      </td>
      <td>
        <RiskCell risk={event.eventRisk} />
      </td>
      <td>{event.eventContextData?.deviceName ?? '—'}</td>
      <td>{placeOf(event) || '—'}</td>
      <td data-testid="feedback" data-feedback-value={event.eventFeedback?.feedbackValue ?? ''}>
        <FeedbackCell feedback={event.eventFeedback} />
      </td>
      <td>
        <button
          type="button"
          className="report"
          onClick={() => void report()}
          disabled={reported || pending}
          // Starts with the visible text, so voice control users can say what they see.
          aria-label={`This wasn't me: ${EVENT_TYPE_LABELS[event.eventType ?? 'UNKNOWN']}, ${when}`}
        >
          {pending ? 'Sending…' : "This wasn't me"}
        </button>
        {problem !== undefined && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
      </td>
    </tr>
  );
}

function RiskCell({ risk }: { risk: ActivityEvent['eventRisk'] }) {
  if (risk === null || (risk.riskLevel === null && risk.riskDecision === null)) return <>Not assessed</>;
  return (
    <>
      {risk.riskLevel !== null && <span className={`badge risk-${risk.riskLevel.toLowerCase()}`}>{RISK_LEVEL_LABELS[risk.riskLevel]}</span>}{' '}
      {risk.riskDecision !== null && (
        <span className="decision">
          {risk.riskLevel === null ? capitalize(RISK_DECISION_LABELS[risk.riskDecision]) : RISK_DECISION_LABELS[risk.riskDecision]}
        </span>
      )}
    </>
  );
}

function FeedbackCell({ feedback }: { feedback: ActivityEvent['eventFeedback'] }) {
  if (feedback === null) return <span className="muted">None</span>;
  const given = feedback.feedbackDate === null ? '' : `, ${formatDate(feedback.feedbackDate)}`;
  return (
    <>
      <strong>{feedback.feedbackValue === 'INVALID' ? 'Not me' : 'It was me'}</strong>
      <span className="muted">
        {' '}
        by {feedback.provider.toLowerCase()}
        {given}
      </span>
    </>
  );
}

const EVENT_TYPE_LABELS: Record<NonNullable<ActivityEvent['eventType']> | 'UNKNOWN', string> = {
  SIGN_IN: 'Sign-in',
  SIGN_UP: 'Sign-up',
  FORGOT_PASSWORD: 'Forgotten password',
  PASSWORD_CHANGE: 'Password change',
  RESEND_CODE: 'Code resent',
  UNKNOWN: 'Other',
};

const OUTCOME_LABELS: Record<NonNullable<ActivityEvent['eventResponse']> | 'UNKNOWN', string> = {
  PASS: 'Succeeded',
  FAIL: 'Failed',
  IN_PROGRESS: 'In progress',
  UNKNOWN: 'Unknown',
};

type Risk = NonNullable<ActivityEvent['eventRisk']>;
const RISK_LEVEL_LABELS: Record<NonNullable<Risk['riskLevel']>, string> = { LOW: 'Low', MEDIUM: 'Medium', HIGH: 'High' };
const RISK_DECISION_LABELS: Record<NonNullable<Risk['riskDecision']>, string> = {
  NO_RISK: 'no risk',
  ACCOUNT_TAKEOVER: 'account takeover',
  BLOCK: 'blocked',
};

const DATE_FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function formatDate(iso: string | null): string {
  return iso === null ? '' : DATE_FORMAT.format(new Date(iso));
}

function placeOf(event: ActivityEvent): string {
  const context = event.eventContextData;
  return [context?.city, context?.country].filter((part) => part != null && part !== '').join(', ');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function messageOf(failure: unknown): string {
  return failure instanceof Error ? failure.message : String(failure);
}
