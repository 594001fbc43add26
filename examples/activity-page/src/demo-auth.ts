/**
 * Where the demo's credentials come from: the Cognito emulator's token and feedback-token routes,
 * which `serve.ts` passes through on the page's own origin. This is the one file a real app
 * replaces: the access token comes from its sign-in (Cognito's Hosted UI, or Amplify's
 * `fetchAuthSession()`), and a feedback token only from the link in Cognito's notification email.
 */

/** The emulator's demo user pool, where the seeded users live. */
const DEMO_POOL_ID = 'eu-west-1_DemoPool01';

/** How early a token is replaced before it expires, so a request never leaves with a stale one. */
const EXPIRY_MARGIN_SECONDS = 60;

/**
 * The emulator would not sign the demo user in: it answered 400 (it knows no such user, for
 * instance), with its reason. Anything else (no answer, a 5xx) is a plain `Error`.
 */
export class DemoSignInRefused extends Error {
  constructor(
    /** The emulator's reason, e.g. `No user nobody-here in pool eu-west-1_DemoPool01`. */
    readonly reason: string,
  ) {
    super(`The emulator refused: ${reason}`);
    this.name = 'DemoSignInRefused';
  }
}

/**
 * Whether the emulator refused because it has no such user: it says `No user <name> in pool …`
 * (its `/_emulator/users` lists who it has).
 */
export function isUnknownUser(failure: unknown): boolean {
  return failure instanceof DemoSignInRefused && /^No user /.test(failure.reason);
}

interface EmulatorToken {
  readonly authorization: string;
  /** Epoch seconds. */
  readonly expiresAt: number;
}

/** The seeded user the page signs in as: `?user=` in the address (e.g. `frequent-flyer`), else alice. */
export const demoUsername = new URLSearchParams(window.location.search).get('user') || 'alice';

let token: Promise<EmulatorToken> | undefined;

/** `Bearer <access token>` of the demo user, minted once and again shortly before it expires. */
export async function demoAuthorization(): Promise<string> {
  const current = token === undefined ? undefined : await token.catch(() => undefined);
  if (current !== undefined && current.expiresAt - EXPIRY_MARGIN_SECONDS > Date.now() / 1000) return current.authorization;
  token = getJson<EmulatorToken>('/_emulator/token', { userPoolId: DEMO_POOL_ID, username: demoUsername });
  return (await token).authorization;
}

/**
 * The feedback token Cognito would have mailed the demo user about `eventId`. The gateway lets a
 * signed-in user give feedback only with one (without it, feedback is the admin path).
 */
export async function demoFeedbackToken(eventId: string): Promise<string> {
  const { feedbackToken } = await getJson<{ feedbackToken: string }>('/_emulator/feedback-token', {
    userPoolId: DEMO_POOL_ID,
    username: demoUsername,
    eventId,
  });
  return feedbackToken;
}

async function getJson<T>(path: string, query: Record<string, string>): Promise<T> {
  const response = await fetch(`${path}?${new URLSearchParams(query).toString()}`);
  if (response.status === 400) {
    const { error } = (await response.json().catch(() => ({}))) as { error?: unknown };
    throw new DemoSignInRefused(typeof error === 'string' ? error : `${path} answered HTTP 400`);
  }
  if (!response.ok) throw new Error(`The emulator answered ${path} with HTTP ${response.status}`);
  return (await response.json()) as T;
}
