import { createServer } from 'node:http';
import { AdminListUserAuthEventsCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';

/**
 * The bench's floor: the least a server can do to answer the bench query from Cognito. It reads
 * `variables.username`, makes one `AdminListUserAuthEvents` call and writes by hand the JSON the
 * gateway answers. No parsing of the query, no auth, no validation, no limits: whatever the
 * gateway costs beyond this is the price of being a GraphQL gateway.
 *
 * Env (all required, as the bench sets them): EMULATOR_ENDPOINT (Cognito), USER_POOL_ID, PORT;
 * listens on 127.0.0.1.
 */

const PAGE_SIZE = 10;
const userPoolId = requiredSetting('USER_POOL_ID');
const cognito = new CognitoIdentityProviderClient({
  endpoint: process.env.EMULATOR_ENDPOINT,
  region: 'eu-west-1',
  credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
});

// Cognito's spellings in the gateway's GraphQL names; a value the gateway does not know (a
// newer Cognito one, e.g. future-fiona's `TokenRefresh`) is null there, so here too.
const EVENT_TYPES: Readonly<Record<string, string>> = {
  SignIn: 'SIGN_IN', SignUp: 'SIGN_UP', ForgotPassword: 'FORGOT_PASSWORD', PasswordChange: 'PASSWORD_CHANGE', ResendCode: 'RESEND_CODE',
};
const RISK_LEVELS: Readonly<Record<string, string>> = { Low: 'LOW', Medium: 'MEDIUM', High: 'HIGH' };
const graphqlEnum = (names: Readonly<Record<string, string>>, value: string | undefined): string | null =>
  (value !== undefined && Object.hasOwn(names, value) ? names[value] : undefined) ?? null;

const server = createServer((request, response) => {
  let body = '';
  request.setEncoding('utf8');
  request.on('data', (chunk: string) => (body += chunk));
  request.on('end', () => {
    const username = (JSON.parse(body) as { variables: { username: string } }).variables.username;
    // One more than the page, as the gateway reads, so hasNextPage is exact.
    cognito.send(new AdminListUserAuthEventsCommand({ UserPoolId: userPoolId, Username: username, MaxResults: PAGE_SIZE + 1 })).then(
      ({ AuthEvents: events = [] }) => {
        const edges = events.slice(0, PAGE_SIZE).map((event, index) => ({
          // The place after this edge: the page's token (none on the first page) and the items to skip.
          cursor: Buffer.from(JSON.stringify({ t: null, k: index + 1 })).toString('base64url'),
          node: {
            eventId: event.EventId,
            eventType: graphqlEnum(EVENT_TYPES, event.EventType),
            creationDate: event.CreationDate?.toISOString() ?? null,
            eventRisk: event.EventRisk === undefined ? null : { riskLevel: graphqlEnum(RISK_LEVELS, event.EventRisk.RiskLevel) },
          },
        }));
        const pageInfo = { hasNextPage: events.length > PAGE_SIZE, endCursor: edges[edges.length - 1]?.cursor ?? null };
        const text = JSON.stringify({ data: { authEvents: { edges, pageInfo } } });
        response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
        response.end(text);
      },
      (error: unknown) => {
        response.writeHead(502, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ errors: [{ message: error instanceof Error ? error.message : String(error) }] }));
      },
    );
  });
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
process.once('SIGTERM', () => server.close(() => cognito.destroy()));

function requiredSetting(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set; the bench sets it`);
  return value;
}
