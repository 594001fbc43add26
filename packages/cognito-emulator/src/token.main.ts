#!/usr/bin/env node
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { decodeJwt } from 'jose';
import { EMULATOR_ADMIN_SCOPE } from './emulator.app-clients';
import { DEMO_POOL_ID } from './emulator.seed';

/**
 * `npm run token`: asks a running emulator (`npm run emulator`, or the one `npm start` embeds)
 * for a JWT over `GET /_emulator/token`, prints `Authorization: Bearer <token>` on stdout (ready
 * for curl's `-H` or Sandbox's headers) and one line on stderr saying who the token is for.
 *
 *   npm run token -- alice                            user access token of the demo pool
 *   npm run token -- alice --id                       ID token
 *   npm run token -- alice --groups auth-events-admin user in groups (comma-separated)
 *   npm run token -- --admin                          client-credentials token, scope auth-events/admin
 *   --pool <id>  --client <id>  --scope <s>  --expires-in <s>  --endpoint <url>
 */

const DEFAULT_ENDPOINT = 'http://127.0.0.1:9325';
// Generous for a loopback call; short enough that a wrong --endpoint does not hang the terminal.
const REQUEST_TIMEOUT_MS = 5000;

const USAGE =
  'Usage: npm run token -- <username> [--id] [--groups a,b] [--scope s] [--client id] [--pool id] [--expires-in seconds] [--endpoint url]\n' +
  '       npm run token -- --admin [--scope s] [--client id] [--pool id] [--expires-in seconds] [--endpoint url]';

const OPTIONS = {
  id: { type: 'boolean' },
  admin: { type: 'boolean' },
  groups: { type: 'string' },
  scope: { type: 'string' },
  client: { type: 'string' },
  pool: { type: 'string' },
  'expires-in': { type: 'string' },
  endpoint: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

/** A failure the user can act on: printed as one line, exit code 1. */
class TokenCommandError extends Error {}

interface TokenCommand {
  readonly endpoint: string;
  readonly query: URLSearchParams;
}

interface TokenResponse {
  readonly token: string;
  readonly tokenUse: string;
  readonly expiresAt: number;
  readonly authorization: string;
}

async function main(): Promise<void> {
  const command = commandOf(process.argv.slice(2));
  if (command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const minted = await requestToken(command);
  process.stdout.write(`Authorization: ${minted.authorization}\n`);
  process.stderr.write(`${describeToken(minted)}\n`);
}

function parseCommandLine(argv: readonly string[]): ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof OPTIONS }>> {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, options: OPTIONS });
  } catch (error) {
    throw new TokenCommandError(`${error instanceof Error ? error.message : String(error)}; see npm run token -- --help`);
  }
}

function commandOf(argv: readonly string[]): TokenCommand | 'help' {
  const { values, positionals } = parseCommandLine(argv);
  if (values.help) return 'help';
  if (positionals.length > 1) throw new TokenCommandError(`Name one user, got ${positionals.join(' ')}; see npm run token -- --help`);
  const [username] = positionals;
  if (username === undefined && !values.admin) throw new TokenCommandError('Name a user (npm run token -- alice) or pass --admin; see npm run token -- --help');
  if (username !== undefined && values.admin) {
    throw new TokenCommandError(`--admin mints a client-credentials token, which has no user; for an admin user use --groups auth-events-admin`);
  }

  const query = new URLSearchParams({ userPoolId: values.pool ?? DEMO_POOL_ID });
  if (username !== undefined) query.set('username', username);
  if (values.id) query.set('tokenUse', 'id');
  if (values.groups !== undefined) query.set('groups', values.groups);
  const scope = values.scope ?? (values.admin ? EMULATOR_ADMIN_SCOPE : undefined);
  if (scope !== undefined) query.set('scope', scope);
  if (values.client !== undefined) query.set('clientId', values.client);
  if (values['expires-in'] !== undefined) query.set('expiresInSeconds', values['expires-in']);
  const endpoint = (values.endpoint ?? process.env.EMULATOR_ENDPOINT ?? DEFAULT_ENDPOINT).replace(/\/+$/, '');
  return { endpoint, query };
}

async function requestToken({ endpoint, query }: TokenCommand): Promise<TokenResponse> {
  const url = `${endpoint}/_emulator/token?${query.toString()}`;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    throw new TokenCommandError(
      `No emulator answers at ${endpoint} (${networkReason(error)}). Start one with \`npm run emulator\` (or \`npm start\`, which embeds it), or point --endpoint / EMULATOR_ENDPOINT at yours.`,
    );
  }
  const text = await response.text();
  const body = parseJson(text);
  if (response.status === 400) throw new TokenCommandError(`The emulator refused: ${errorOf(body) ?? text}`);
  if (response.status !== 200 || !isTokenResponse(body)) {
    throw new TokenCommandError(`${endpoint} answered HTTP ${response.status} to GET /_emulator/token; is it a Cognito emulator of this version?`);
  }
  return body;
}

function describeToken(minted: TokenResponse): string {
  const claims = decodeJwt(minted.token);
  const text = (name: string): string | undefined => (typeof claims[name] === 'string' ? claims[name] : undefined);
  const groups = Array.isArray(claims['cognito:groups']) ? claims['cognito:groups'].join(',') : undefined;
  const who = text('username') ?? text('cognito:username');
  const parts = [
    who !== undefined ? `${minted.tokenUse} token for ${who} (sub ${claims.sub ?? '?'})` : `client-credentials ${minted.tokenUse} token`,
    `issuer ${claims.iss ?? '?'}`,
    `client ${text('client_id') ?? text('aud') ?? '?'}`,
    ...(groups !== undefined ? [`groups ${groups}`] : []),
    ...(text('scope') !== undefined ? [`scope ${text('scope')}`] : []),
    `expires ${new Date(minted.expiresAt * 1000).toISOString()}`,
  ];
  return parts.join(', ');
}

function networkReason(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${REQUEST_TIMEOUT_MS} ms`;
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorOf(body: unknown): string | undefined {
  return typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'string' ? body.error : undefined;
}

function isTokenResponse(body: unknown): body is TokenResponse {
  if (typeof body !== 'object' || body === null) return false;
  const candidate: Partial<Record<keyof TokenResponse, unknown>> = body;
  return (
    typeof candidate.token === 'string' &&
    typeof candidate.tokenUse === 'string' &&
    typeof candidate.expiresAt === 'number' &&
    typeof candidate.authorization === 'string'
  );
}

main().catch((error: unknown) => {
  // Expected failures are one line for the human; anything else keeps its stack for a bug report.
  process.stderr.write(`${error instanceof TokenCommandError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
