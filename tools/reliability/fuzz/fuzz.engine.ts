import {
  type CognitoEmulator,
  createSeededRandom,
  DEMO_POOL_ID,
  DEMO_SUPPORT_CONSOLE_CLIENT_ID,
  DEMO_WEB_CLIENT_ID,
  NO_THREAT_PROTECTION_POOL_ID,
  OTHER_POOL_ID,
} from 'cognito-auth-events-emulator';
import type { CorsOrigins } from '../../../src/config/config';
import { encodeAuthEventId } from '../../../src/auth-events/auth-event.id';
import { buildCorpus } from './fuzz.corpus';
import { type AnswerRules, checkAnswer, cursorsOf, type FuzzAnswer, FuzzFinding } from './fuzz.checks';
import { documentedErrorCodes } from './fuzz.error-codes';
import { nextFuzzRequest } from './fuzz.mutators';
import { describeRequest, type FuzzCaller, type FuzzRequest } from './fuzz.request';

/** The gateway under fuzz and its emulator (in this process, so calls are counted at the source). */
export interface FuzzTarget {
  /** `http://host:port/graphql` of a gateway in production mode whose upstream is `emulator`. */
  readonly graphqlUrl: string;
  readonly emulator: CognitoEmulator;
  /** Whether the gateway's process is still running (in-process gateways: whether it still listens). */
  readonly isRunning: () => boolean;
}

/** How long and with what the fuzzer runs. */
export interface FuzzOptions {
  readonly documents: number;
  readonly seed: number;
  /** The gateway's `MAX_OPERATION_COGNITO_READS`: the most Cognito reads one request may cause. */
  readonly maxOperationCognitoReads: number;
  /** The gateway's `AUTH_EVENT_SCAN_PAGES`: reads one feedback mutation costs, so writes are bounded too. */
  readonly eventScanPages: number;
  /** The gateway's `CURSOR_SECRET`, which no answer may hold. */
  readonly cursorSecret: string;
  /** Where the page is whose table of error codes lists the codes allowed (`docs/errors.md`). */
  readonly errorsDocPath: string;
  /** The gateway's `CORS_ORIGINS`, as its configuration reads it: which origins must get the CORS headers. */
  readonly corsOrigins: CorsOrigins;
  /** Hears of progress every `progressEvery` documents. */
  readonly onProgress?: (done: number) => void;
  readonly progressEvery?: number;
}

/** The first broken rule, with what reproduces it. */
export interface FuzzFailure {
  readonly index: number;
  readonly seed: number;
  readonly rule: string;
  readonly request: string;
  readonly status?: number;
  readonly body?: string;
}

/** What a run did. */
export interface FuzzReport {
  readonly seed: number;
  /** Documents sent (fewer than asked when a failure stopped the run). */
  readonly documents: number;
  readonly seconds: number;
  /** Answers by HTTP status. */
  readonly byStatus: ReadonlyMap<number, number>;
  /** Answers by each distinct error code they held (`(no error)` for none). */
  readonly byCode: ReadonlyMap<string, number>;
  /** Most Cognito calls (reads and writes) one request caused, and most reads. */
  readonly maxCognitoCalls: number;
  readonly maxCognitoReads: number;
  /** Requests that caused at least one Cognito call. */
  readonly requestsReachingCognito: number;
  /** Whether the gateway answered a known query correctly after the last document. */
  readonly stillServing: boolean;
  readonly failure: FuzzFailure | undefined;
}

/** Most cursors kept from earlier answers for reuse. */
const CURSOR_POOL = 64;
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Sends `documents` fuzzed requests to the gateway one after another (sequentially, so every
 * Cognito call the emulator logs between two answers belongs to the request in between),
 * checks every answer, and stops at the first broken rule.
 */
export async function runFuzz(target: FuzzTarget, options: FuzzOptions): Promise<FuzzReport> {
  const { emulator } = target;
  const random = createSeededRandom(options.seed);
  const tokens = await mintCallerTokens(emulator);
  const rules = answerRules(emulator, tokens, options);
  const corpus = buildCorpus(corpusSeed(emulator));
  const cursors: string[] = [];
  const byStatus = new Map<number, number>();
  const byCode = new Map<string, number>();
  let maxCognitoCalls = 0;
  let maxCognitoReads = 0;
  let requestsReachingCognito = 0;
  let failure: FuzzFailure | undefined;
  const maxWrites = Math.floor(options.maxOperationCognitoReads / options.eventScanPages);
  const started = performance.now();
  let sent = 0;

  for (let index = 0; index < options.documents; index += 1) {
    const request = nextFuzzRequest(random, { corpus, cursors });
    const authorization = tokens[request.caller];
    emulator.calls.clear();
    sent += 1;
    let answer: FuzzAnswer | undefined;
    try {
      answer = await send(target.graphqlUrl, request, authorization);
      const checked = checkAnswer(answer, request, rules);
      const calls = emulator.calls.list();
      const reads = calls.filter((call) => call.operation === 'AdminListUserAuthEvents').length;
      const writes = calls.length - reads;
      if (reads > options.maxOperationCognitoReads) {
        throw new FuzzFinding(`${reads} Cognito reads for one request; the cost limit is ${options.maxOperationCognitoReads}`);
      }
      if (writes > maxWrites) throw new FuzzFinding(`${writes} Cognito writes for one request; at most ${maxWrites} mutations fit the cost limit`);
      maxCognitoCalls = Math.max(maxCognitoCalls, calls.length);
      maxCognitoReads = Math.max(maxCognitoReads, reads);
      if (calls.length > 0) requestsReachingCognito += 1;
      byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
      for (const code of checked.codes) byCode.set(code, (byCode.get(code) ?? 0) + 1);
      for (const cursor of cursorsOf(checked.json)) {
        cursors.push(cursor);
        if (cursors.length > CURSOR_POOL) cursors.shift();
      }
      if (!target.isRunning()) throw new FuzzFinding('the gateway process is no longer running');
    } catch (error) {
      failure = {
        index,
        seed: options.seed,
        rule: error instanceof FuzzFinding ? error.message : `the request failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
        request: describeRequest(request, authorization),
        ...(answer === undefined ? {} : { status: answer.status, body: answer.text.slice(0, 4000) }),
      };
      break;
    }
    if (options.onProgress !== undefined && (index + 1) % (options.progressEvery ?? 10_000) === 0) options.onProgress(index + 1);
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    seed: options.seed,
    documents: sent,
    seconds,
    byStatus,
    byCode,
    maxCognitoCalls,
    maxCognitoReads,
    requestsReachingCognito,
    stillServing: target.isRunning() && (await answersKnownQuery(target, tokens.admin as string)),
    failure,
  };
}

async function send(url: string, request: FuzzRequest, authorization: string | undefined): Promise<FuzzAnswer> {
  const response = await fetch(`${url}${request.search}`, {
    method: request.method,
    headers: { ...request.headers, ...(authorization === undefined ? {} : { authorization }) },
    ...(request.body === undefined || request.method === 'GET' || request.method === 'HEAD' ? {} : { body: request.body }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    poweredBy: response.headers.get('x-powered-by'),
    allowOrigin: response.headers.get('access-control-allow-origin'),
    text: await response.text(),
  };
}

/** The `Authorization` value of each kind of caller (undefined: no header). */
type CallerTokens = Readonly<Record<FuzzCaller, string | undefined>>;

async function mintCallerTokens(emulator: CognitoEmulator): Promise<CallerTokens> {
  const admin = (await emulator.mintToken({ userPoolId: DEMO_POOL_ID, clientId: DEMO_SUPPORT_CONSOLE_CLIENT_ID, expiresInSeconds: 24 * 3600 })).token;
  const alice = (await emulator.mintToken({ userPoolId: DEMO_POOL_ID, clientId: DEMO_WEB_CLIENT_ID, username: 'alice', expiresInSeconds: 24 * 3600 })).token;
  const expired = (await emulator.mintToken({ userPoolId: DEMO_POOL_ID, clientId: DEMO_WEB_CLIENT_ID, username: 'alice', expiresInSeconds: -60 })).token;
  const foreign = (await emulator.mintToken({ userPoolId: OTHER_POOL_ID, username: 'alice', expiresInSeconds: 24 * 3600 })).token;
  const [header = '', payload = '', signature = ''] = alice.split('.');
  const bob = emulator.store.findUser(DEMO_POOL_ID, 'bob');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  const edited = Buffer.from(JSON.stringify({ ...claims, username: 'bob', sub: bob?.sub, scope: 'auth-events/admin' })).toString('base64url');
  const adminClaims = JSON.parse(Buffer.from(admin.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
  const flipped = `${signature.slice(0, -6)}${signature.slice(-6).split('').reverse().join('')}`;
  return {
    admin: `Bearer ${admin}`,
    alice: `Bearer ${alice}`,
    expired: `Bearer ${expired}`,
    'forged-payload': `Bearer ${header}.${edited}.${signature}`,
    'forged-signature': `Bearer ${header}.${payload}.${flipped === signature ? `${signature}A` : flipped}`,
    unsigned: `Bearer ${none}.${Buffer.from(JSON.stringify(adminClaims)).toString('base64url')}.`,
    'foreign-pool': `Bearer ${foreign}`,
    garbage: 'Bearer not-a-token',
    missing: undefined,
  };
}

function answerRules(emulator: CognitoEmulator, tokens: CallerTokens, options: FuzzOptions): AnswerRules {
  const eventOwners = new Map<string, string>();
  for (const user of emulator.store.users()) {
    for (const event of emulator.store.eventsOf(user.poolId, user.username)) eventOwners.set(event.EventId, `${user.poolId}/${user.username}`);
  }
  const alice = emulator.store.findUser(DEMO_POOL_ID, 'alice');
  const aliceNames = new Set([`${DEMO_POOL_ID}/alice`, `${DEMO_POOL_ID}/${alice?.sub}`, `${DEMO_POOL_ID}/${alice?.email}`]);
  const nobody = new Set<string>();
  const secrets = [options.cursorSecret];
  for (const value of Object.values(tokens)) {
    if (value === undefined || !value.startsWith('Bearer ') || value.length < 40) continue;
    const token = value.slice('Bearer '.length);
    secrets.push(token);
    const signature = token.split('.')[2];
    if (signature !== undefined && signature.length >= 16) secrets.push(signature);
  }
  return {
    documentedCodes: documentedErrorCodes(options.errorsDocPath),
    secrets,
    eventOwners,
    allowOriginFor: allowOriginUnder(options.corsOrigins),
    readableOwners: {
      admin: '*',
      alice: aliceNames,
      expired: nobody,
      'forged-payload': nobody,
      'forged-signature': nobody,
      unsigned: nobody,
      'foreign-pool': nobody,
      garbage: nobody,
      missing: nobody,
    },
  };
}

/**
 * The CORS contract, stated here apart from the gateway's own policy: no header for a request
 * without Origin or from an origin not allowed, the origin itself when it is allowed, `*` for
 * every origin under `CORS_ORIGINS=*`.
 */
function allowOriginUnder(corsOrigins: CorsOrigins): (origin: string | undefined) => string | null {
  const allowed = (origin: string): boolean => {
    switch (corsOrigins.kind) {
      case 'none':
        return false;
      case 'development':
        return origin === 'https://studio.apollographql.com' || /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(origin);
      case 'list':
        return corsOrigins.origins.includes(origin) || corsOrigins.origins.includes('*');
    }
  };
  const any = corsOrigins.kind === 'list' && corsOrigins.origins.includes('*');
  return (origin) => (origin === undefined || !allowed(origin) ? null : any ? '*' : origin);
}

function corpusSeed(emulator: CognitoEmulator): Parameters<typeof buildCorpus>[0] {
  const alice = emulator.store.eventsOf(DEMO_POOL_ID, 'alice');
  const bob = emulator.store.eventsOf(DEMO_POOL_ID, 'bob');
  const aliceSub = emulator.store.findUser(DEMO_POOL_ID, 'alice')?.sub ?? '';
  const idOf = (username: string) => (event: { EventId: string }) => encodeAuthEventId({ userPoolId: DEMO_POOL_ID, username, eventId: event.EventId });
  const feedbackEvent = alice[2]?.EventId ?? '';
  return {
    userPoolId: DEMO_POOL_ID,
    noThreatPoolId: NO_THREAT_PROTECTION_POOL_ID,
    aliceSub,
    aliceEventIds: alice.slice(0, 3).map(idOf('alice')),
    bobEventIds: bob.slice(0, 3).map(idOf('bob')),
    aliceCognitoEventIds: alice.slice(0, 3).map((event) => event.EventId),
    bobCognitoEventIds: bob.slice(0, 3).map((event) => event.EventId),
    aliceFeedback: { eventId: feedbackEvent, token: emulator.store.feedbackTokenFor({ userPoolId: DEMO_POOL_ID, username: 'alice', eventId: feedbackEvent }) },
  };
}

/** Whether the gateway answers bob's newest event as the emulator holds it. */
async function answersKnownQuery(target: FuzzTarget, admin: string): Promise<boolean> {
  try {
    const response = await fetch(target.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: admin },
      body: JSON.stringify({ query: '{ authEvents(username: "bob", first: 1) { edges { node { eventId } } } }' }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const body = (await response.json()) as { data?: { authEvents?: { edges?: Array<{ node?: { eventId?: string } }> } } };
    const [newest] = target.emulator.store.eventsOf(DEMO_POOL_ID, 'bob');
    return response.status === 200 && body.data?.authEvents?.edges?.[0]?.node?.eventId === newest?.EventId;
  } catch {
    return false;
  }
}
