#!/usr/bin/env node
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EMULATOR_ADMIN_SCOPE } from './emulator.app-clients';
import { findRunningEmulator } from './emulator.discovery';
import { DEFAULT_EMULATOR_HOST, DEFAULT_EMULATOR_PORT } from './emulator.port';
import { DEMO_POOL_ID } from './emulator.seed';

/**
 * `npm run token`: asks a running emulator for a JWT over `GET /_emulator/token`, prints
 * `Authorization: Bearer <token>` on stdout (ready for curl's `-H "$(npm run -s token -- bob)"`
 * or the Sandbox's headers) and one line on stderr saying who the token is for.
 *
 * Which emulator: `--endpoint`, else `EMULATOR_ENDPOINT`, else the one `npm start` runs (its
 * gateway trusts no other's keys), else the one `npm run emulator` runs, wherever they listen
 * (their records, see `emulator.discovery.ts`), else 127.0.0.1:9325. It imports nothing heavy
 * and runs compiled (`scripts/run-built.js`), so it answers well within a second.
 *
 *   npm run token -- alice                            user access token of the demo pool
 *   npm run token -- alice --id                       ID token
 *   npm run token -- alice --groups auth-events-admin user in groups (comma-separated)
 *   npm run token -- --admin                          client-credentials token, scope auth-events/admin
 *   --pool <id>  --client <id>  --scope <s>  --expires-in <s>  --endpoint <url>
 */

const DEFAULT_ENDPOINT = `http://${DEFAULT_EMULATOR_HOST}:${DEFAULT_EMULATOR_PORT}`;
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
  /** How the endpoint was chosen, for a message when nothing answers there. */
  readonly endpointSource: string;
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
  return { ...endpointOf(values.endpoint), query };
}

function endpointOf(option: string | undefined): Pick<TokenCommand, 'endpoint' | 'endpointSource'> {
  const trimmed = (url: string) => url.replace(/\/+$/, '');
  if (option !== undefined) return { endpoint: trimmed(option), endpointSource: '--endpoint' };
  const setting = process.env.EMULATOR_ENDPOINT?.trim();
  if (setting !== undefined && setting !== '') return { endpoint: trimmed(setting), endpointSource: 'EMULATOR_ENDPOINT' };
  const running = findRunningEmulator();
  if (running !== undefined) {
    const writer = running.role === 'local-stack' ? '`npm start`' : '`npm run emulator`';
    return { endpoint: trimmed(running.endpoint), endpointSource: `${running.file}, left by ${writer} (pid ${running.pid})` };
  }
  return { endpoint: DEFAULT_ENDPOINT, endpointSource: 'the default: no `npm start` or `npm run emulator` of this checkout left a record' };
}

async function requestToken({ endpoint, endpointSource, query }: TokenCommand): Promise<TokenResponse> {
  const url = `${endpoint}/_emulator/token?${query.toString()}`;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    throw new TokenCommandError(
      `No emulator answers at ${endpoint} (${networkReason(error)}; from ${endpointSource}). Start one with \`npm start\` or \`npm run emulator\`, or point --endpoint / EMULATOR_ENDPOINT at yours.`,
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
  const claims = claimsOf(minted.token);
  const text = (name: string): string | undefined => (typeof claims[name] === 'string' ? claims[name] : undefined);
  const groups = Array.isArray(claims['cognito:groups']) ? claims['cognito:groups'].join(',') : undefined;
  const who = text('username') ?? text('cognito:username');
  const parts = [
    who !== undefined ? `${minted.tokenUse} token for ${who} (sub ${text('sub') ?? '?'})` : `client-credentials ${minted.tokenUse} token`,
    `issuer ${text('iss') ?? '?'}`,
    `client ${text('client_id') ?? text('aud') ?? '?'}`,
    ...(groups !== undefined ? [`groups ${groups}`] : []),
    ...(text('scope') !== undefined ? [`scope ${text('scope')}`] : []),
    `expires ${new Date(minted.expiresAt * 1000).toISOString()}`,
  ];
  return parts.join(', ');
}

/** The payload of a JWT the emulator just minted, unverified: only to say whom it is for. */
function claimsOf(token: string): Record<string, unknown> {
  const payload = parseJson(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
  return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
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
