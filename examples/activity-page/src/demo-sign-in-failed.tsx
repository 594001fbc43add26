import { isUnknownUser } from './demo-auth';

/** Seeded users worth opening the page as, offered when the one asked for does not exist. */
const SEEDED_USERS = ['alice', 'bob', 'frequent-flyer'];

/** Props of {@link DemoSignInFailed}. */
export interface DemoSignInFailedProps {
  /** The user the page was asked to sign in as (`?user=`). */
  readonly username: string;
  /** Why signing in failed. */
  readonly failure: unknown;
}

/**
 * What the demo shows instead of the activity page when it cannot sign anyone in: nobody is
 * signed in, so it says so, and which users it can open as. A real app sends the user to its
 * sign-in page here.
 */
export function DemoSignInFailed({ username, failure }: DemoSignInFailedProps) {
  const unknown = isUnknownUser(failure);
  return (
    <main>
      <header>
        <h1>Recent sign-in activity</h1>
      </header>
      <div className="notice notice-error" role="alert">
        {unknown ? (
          <p>
            The Cognito emulator has no user <strong>{username}</strong> in its demo pool, so nobody is signed in.
          </p>
        ) : (
          <p>
            Could not sign in as <strong>{username}</strong>: {failure instanceof Error ? failure.message : String(failure)}
          </p>
        )}
        <p>
          Open the page as one of the emulator's users:{' '}
          {SEEDED_USERS.map((user, index) => (
            <span key={user}>
              {index > 0 && ', '}
              <a href={`?user=${encodeURIComponent(user)}`}>{user}</a>
            </span>
          ))}
          .
        </p>
        {!unknown && (
          <button type="button" onClick={() => window.location.reload()}>
            Try again
          </button>
        )}
      </div>
    </main>
  );
}
