import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import type { SeededRandom } from 'cognito-auth-events-emulator';
import type { CorpusEntry } from './fuzz.corpus';
import type { FuzzCaller, FuzzRequest } from './fuzz.request';

/** A GraphQL request being mutated, before it is packed into HTTP. */
interface Draft {
  query: string;
  /** A `query` member that is not a string, sent in place of `query` when set. */
  oddQuery?: unknown;
  /** `variables` as JSON text, sent in place of `variables` when set: nesting too deep for `JSON.stringify`. */
  rawVariables?: string;
  variables: unknown;
  operationName: unknown;
  extensions?: unknown;
}

/** A mutation of a draft's document or variables. */
type DraftMutator = (draft: Draft, random: SeededRandom, context: MutationContext) => void;

/** What mutators may draw from besides the entry being mutated. */
export interface MutationContext {
  readonly corpus: readonly CorpusEntry[];
  /** Cursors earlier answers held, for reuse by other callers, with other filters, or edited. */
  readonly cursors: readonly string[];
}

/** Lexical tokens of GraphQL, whitespace and commas kept as tokens so joining gives the text back. */
const TOKEN = /"""[\s\S]*?"""|"[^"\\\n]*(?:\\.[^"\\\n]*)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\.\.|[_A-Za-z][_0-9A-Za-z]*|[\s,]+|#[^\n]*|[\s\S]/g;
const SPACE = /^[\s,]+$/;

/** Tokens a fuzzer may insert: GraphQL's punctuators, keywords, names of this schema, odd values. */
const VOCABULARY = [
  '{', '}', '(', ')', '[', ']', ':', '=', '@', '$', '!', '|', '&', '...', '"', '"""', '#',
  'query', 'mutation', 'subscription', 'fragment', 'on', 'true', 'false', 'null', 'schema', 'type', 'directive',
  'authEvents', 'authEvent', 'updateAuthEventFeedback', '_entities', '_service', '__typename', '__schema', '__type',
  'edges', 'node', 'cursor', 'pageInfo', 'eventId', 'id', 'first', 'after', 'filter', 'username', 'userPoolId',
  'input', 'representations', 'User', 'AuthEvent', 'Query', 'Mutation', '_Any', 'Int', 'String', 'ID',
  '0', '-1', '2147483648', '1e400', '3.5', '"alice"', '"bob"', '"\\u0000"', '"\\ud800"', '$first', '$u', '$input',
  '@skip(if: true)', '@include(if: false)', '@deprecated', '@defer', '@stream', '@nope',
];

const ROOT_SELECTIONS = [
  'authEvents(username: "bob", first: 1) { edges { node { eventId } } }',
  'authEvents(first: 59) { edges { cursor } }',
  'authEvent(id: "QXV0aEV2ZW50OnNvbWV0aGluZw") { eventId }',
  '_service { sdl }',
  '__typename',
  '_entities(representations: [{ __typename: "User", id: "alice" }]) { ... on User { id } }',
];

/** JSON values of every type, for variables of the wrong type. */
const ODD_VALUES: readonly unknown[] = [
  null, true, false, 0, -1, 1.5, 2147483648, -2147483649, 1e308, '', 'ten', '0', 'null', [], [1, 2], {}, { first: 1 },
  [{ __typename: 'User' }], { __typename: 'User', id: 42 }, 'x'.repeat(300), '\u0000', '\ud800', '😀'.repeat(50),
];

function tokensOf(query: string): string[] {
  return query.match(TOKEN) ?? [];
}

/** Indexes of the tokens that are not whitespace. */
function solidIndexes(tokens: readonly string[]): number[] {
  const indexes: number[] = [];
  tokens.forEach((token, index) => {
    if (!SPACE.test(token)) indexes.push(index);
  });
  return indexes;
}

function pickSolid(tokens: readonly string[], random: SeededRandom): number | undefined {
  const solid = solidIndexes(tokens);
  return solid.length === 0 ? undefined : random.pick(solid);
}

function withinRoot(query: string, inner: string): string {
  // The first `{` of an operation that is not a fragment: its root selection set.
  const open = query.search(/(?:^|\n|\s)(?:query|mutation)?[^{}]*\{/);
  const brace = query.indexOf('{', Math.max(open, 0));
  if (brace === -1) return `{ ${inner} }`;
  return `${query.slice(0, brace + 1)} ${inner} ${query.slice(brace + 1)}`;
}

const DOCUMENT_MUTATORS: Readonly<Record<string, DraftMutator>> = {
  'delete-token': (draft, random) => {
    const tokens = tokensOf(draft.query);
    const at = pickSolid(tokens, random);
    if (at !== undefined) tokens.splice(at, 1);
    draft.query = tokens.join('');
  },
  'duplicate-token': (draft, random) => {
    const tokens = tokensOf(draft.query);
    const at = pickSolid(tokens, random);
    if (at !== undefined) tokens.splice(at, 0, tokens[at] as string, ' ');
    draft.query = tokens.join('');
  },
  'insert-token': (draft, random) => {
    const tokens = tokensOf(draft.query);
    const at = random.integer(0, tokens.length);
    tokens.splice(at, 0, ' ', random.pick(VOCABULARY), ' ');
    draft.query = tokens.join('');
  },
  'swap-tokens': (draft, random) => {
    const tokens = tokensOf(draft.query);
    const a = pickSolid(tokens, random);
    const b = pickSolid(tokens, random);
    if (a !== undefined && b !== undefined) [tokens[a], tokens[b]] = [tokens[b] as string, tokens[a] as string];
    draft.query = tokens.join('');
  },
  truncate: (draft, random) => {
    draft.query = draft.query.slice(0, random.integer(0, draft.query.length));
  },
  'alias-storm': (draft, random) => {
    const count = random.pick([2, 14, 15, 16, 40, 300, 3000]);
    const field = random.pick(ROOT_SELECTIONS);
    draft.query = withinRoot(draft.query, Array.from({ length: count }, (_, index) => `a${index}: ${field}`).join(' '));
  },
  'many-connections': (draft, random) => {
    const count = random.integer(2, 60);
    const fields = Array.from({ length: count }, (_, index) => {
      const first = random.pick([0, 1, 10, 59, 60, 100, 101]);
      const user = random.pick(['alice', 'bob', 'frequent-flyer', 'two-full-pages', 'no-history']);
      const filter = random.chance(0.3) ? ', filter: { eventTypes: [SIGN_IN] }' : '';
      return `c${index}: authEvents(username: "${user}", first: ${first}${filter}) { edges { node { eventId } } pageInfo { hasNextPage } }`;
    });
    draft.query = withinRoot(draft.query, fields.join(' '));
  },
  'deep-nesting': (draft, random) => {
    const depth = random.pick([5, 12, 13, 50, 500, 5000]);
    switch (random.integer(0, 3)) {
      case 0:
        draft.query = `${'{ ... on Query '.repeat(depth)}{ __typename }${' }'.repeat(depth)}`;
        break;
      case 1:
        draft.query = `{ ${'authEvents(first: 1) { edges { node { '.repeat(Math.min(depth, 400))}eventId${' } } }'.repeat(Math.min(depth, 400))} }`;
        break;
      case 2:
        draft.query = `{ authEvents(username: "alice", first: 1, filter: { eventTypes: ${'['.repeat(depth)}SIGN_IN${']'.repeat(depth)} }) { edges { cursor } } }`;
        break;
      default: {
        const [open, close] = random.pick([['[', ']'], ['{"u":', '}']]);
        draft.rawVariables = `{"u":${open.repeat(depth)}"alice"${close.repeat(depth)}}`;
      }
    }
  },
  'huge-string': (draft, random) => {
    const length = random.pick([256, 257, 4096, 131_073, 600_000]);
    const filler = random.pick(['a', 'é', '😀', '\\"', ' ', '%00']).repeat(length);
    if (random.chance(0.5) && /"[^"\\\n]*(?:\\.[^"\\\n]*)*"/.test(draft.query)) {
      draft.query = draft.query.replace(/"[^"\\\n]*(?:\\.[^"\\\n]*)*"/, `"${filler}"`);
    } else {
      const name = random.pick(['u', 'username', 'id', 'after', 'first']);
      draft.variables = { ...(isRecord(draft.variables) ? draft.variables : {}), [name]: filler };
    }
  },
  'huge-number': (draft, random) => {
    const number = random.pick(['2147483648', '-2147483649', '99999999999999999999999999', '1e400', '-0', '0.0000001', '1'.repeat(5000), 'NaN', '0x10']);
    if (/first: \d+/.test(draft.query)) draft.query = draft.query.replace(/first: \d+/, `first: ${number}`);
    else draft.query = withinRoot(draft.query, `authEvents(first: ${number}) { edges { cursor } }`);
  },
  'wrong-variable-types': (draft, random) => {
    const names = [...new Set([...draft.query.matchAll(/\$([_A-Za-z][_0-9A-Za-z]*)/g)].map((match) => match[1] as string))];
    const variables: Record<string, unknown> = isRecord(draft.variables) ? { ...draft.variables } : {};
    for (const name of names.length === 0 ? ['first'] : names) {
      if (random.chance(0.7)) variables[name] = random.pick(ODD_VALUES);
    }
    if (random.chance(0.2)) variables.unexpected = random.pick(ODD_VALUES);
    draft.variables = random.chance(0.1) ? random.pick(ODD_VALUES) : variables;
  },
  'unknown-field': (draft, random) => {
    const additions = ['zzzUnknown', '__typename', 'eventId', 'nope { deeper }', 'authEvents', 'id(arg: 1)', '__schema { types { name } }', '__type(name: "AuthEvent") { fields { name } }'];
    const tokens = tokensOf(draft.query);
    const braces = tokens.flatMap((token, index) => (token === '{' ? [index] : []));
    const at = braces.length === 0 ? 0 : random.pick(braces) + 1;
    tokens.splice(at, 0, ` ${random.pick(additions)} `);
    draft.query = tokens.join('');
  },
  'unknown-argument': (draft) => {
    draft.query = draft.query.replace(/authEvents?\(/, (match) => `${match}bogus: 1, `);
  },
  directives: (draft, random) => {
    const directive = random.pick(['@nope', '@skip(if: true)', '@include(if: "yes")', '@skip', '@deprecated', '@defer', '@stream(initialCount: 1)', '@specifiedBy(url: "x")', '@include(if: $missing)']);
    const count = random.pick([1, 2, 20, 21, 500]);
    const tokens = tokensOf(draft.query);
    const names = tokens.flatMap((token, index) => (/^[_A-Za-z]/.test(token) && !['query', 'mutation', 'fragment', 'on'].includes(token) ? [index] : []));
    const at = names.length === 0 ? tokens.length : random.pick(names) + 1;
    tokens.splice(at, 0, ` ${Array.from({ length: count }, () => directive).join(' ')} `);
    draft.query = tokens.join('');
  },
  'several-operations': (draft, random, context) => {
    const other = random.pick(context.corpus);
    const named = (query: string, name: string) => query.replace(/^\s*(query|mutation)?\s*([_A-Za-z]\w*)?\s*(?=[({])/, (_, type: string | undefined) => `${type ?? 'query'} ${name} `);
    draft.query = random.chance(0.5) ? `${draft.query}\n${other.query}` : `${named(draft.query, 'First')}\n${named(other.query, 'Second')}`;
    draft.operationName = random.pick([undefined, 'First', 'Second', 'Third', '', null, 42]);
    draft.variables = { ...(isRecord(draft.variables) ? draft.variables : {}), ...(other.variables ?? {}) };
  },
  'odd-request-members': (draft, random) => {
    switch (random.integer(0, 5)) {
      case 0:
        draft.oddQuery = random.pick(ODD_VALUES.filter((value) => typeof value !== 'string'));
        break;
      case 1:
        draft.operationName = random.pick(ODD_VALUES);
        break;
      case 2:
        draft.extensions = random.pick([...ODD_VALUES, { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } }, { persistedQuery: 'x' }]);
        break;
      case 3:
        draft.variables = random.pick(ODD_VALUES);
        break;
      default:
        draft.query = '';
    }
  },
  'reused-cursor': (draft, random, context) => {
    if (context.cursors.length === 0) return;
    let cursor = random.pick(context.cursors);
    if (random.chance(0.5)) {
      const at = random.integer(0, cursor.length - 1);
      cursor = `${cursor.slice(0, at)}${random.pick(['A', '_', '-', '='])}${cursor.slice(at + 1)}`;
    }
    const user = random.pick(['alice', 'bob', 'frequent-flyer']);
    const filter = random.chance(0.3) ? ', filter: { eventTypes: [SIGN_IN] }' : '';
    draft.query = `query Next($after: String) { authEvents(username: "${user}", first: ${random.pick([1, 10, 60])}, after: $after${filter}) { edges { cursor node { id eventId } } pageInfo { hasNextPage endCursor } } }`;
    draft.variables = { after: cursor };
  },
  'entity-representations': (draft, random) => {
    const count = random.pick([0, 1, 2, 25, 26, 50, 51, 201]);
    const representation = (): unknown =>
      random.pick<unknown>([
        { __typename: 'User', id: random.pick(['alice', 'bob', 'nobody', '', 'x'.repeat(200)]) },
        { __typename: 'User', id: random.pick(ODD_VALUES) },
        { __typename: random.pick(['Nope', 'AuthEvent', 'Query', '']), id: 'alice' },
        { id: 'alice' },
        random.pick(ODD_VALUES),
      ]);
    draft.query = `query E($r: [_Any!]!) { _entities(representations: $r) { ... on User { id authEvents(first: ${random.pick([0, 1, 59])}) { edges { node { eventId } } } } } }`;
    draft.variables = { r: random.chance(0.1) ? random.pick(ODD_VALUES) : Array.from({ length: count }, representation) };
  },
};

/** The names of the document mutators, for reports. */
export const DOCUMENT_MUTATOR_NAMES = Object.keys(DOCUMENT_MUTATORS);

/** A packaging of a draft into HTTP: most are ordinary POSTs, the rest break HTTP itself. */
type Packer = (draft: Draft, random: SeededRandom) => Omit<FuzzRequest, 'mutators' | 'corpusEntry' | 'caller'> & { readonly name: string };

const JSON_HEADERS = { 'content-type': 'application/json' };

function requestJson(draft: Draft): string {
  const text = JSON.stringify({
    query: 'oddQuery' in draft ? draft.oddQuery : draft.query,
    ...(draft.variables === undefined || draft.rawVariables !== undefined ? {} : { variables: draft.variables }),
    ...(draft.operationName === undefined ? {} : { operationName: draft.operationName }),
    ...(draft.extensions === undefined ? {} : { extensions: draft.extensions }),
  });
  return draft.rawVariables === undefined ? text : `${text.slice(0, -1)},"variables":${draft.rawVariables}}`;
}

function getSearch(draft: Draft): string {
  const params = new URLSearchParams();
  if (typeof draft.query === 'string') params.set('query', draft.query);
  const variables = draft.rawVariables ?? (draft.variables === undefined ? undefined : JSON.stringify(draft.variables));
  if (variables !== undefined) params.set('variables', variables);
  if (typeof draft.operationName === 'string') params.set('operationName', draft.operationName);
  return `?${params.toString()}`;
}

/** Longest query string sent: Node's parser answers longer request heads itself (431, no body). */
const MAX_SEARCH_LENGTH = 6000;

const PACKERS: ReadonlyArray<readonly [number, Packer]> = [
  [70, (draft, random) => ({
    name: 'post',
    method: 'POST',
    search: '',
    headers: { ...JSON_HEADERS, ...acceptHeader(random) },
    body: requestJson(draft),
  })],
  [4, (draft, random) => {
    const one = requestJson(draft);
    // Past the body limit, more copies only make the fuzzer slower: the declared length is refused first.
    const copies = random.pick(one.length > 64 * 1024 ? [0, 1, 2] : [0, 1, 2, 50]);
    return { name: 'batched-array', method: 'POST', search: '', headers: JSON_HEADERS, body: `[${Array.from({ length: copies }, () => one).join(',')}]` };
  }],
  [5, (draft, random) => {
    const text = requestJson(draft);
    const broken = random.pick([
      () => text.slice(0, random.integer(0, text.length - 1)),
      () => `${text}${random.pick(['}', ',', 'x', '\u0000', ' {"query": 1}'])}`,
      () => text.replace(/"/, "'"),
      () => random.pick(['', 'null', '"query"', '42', 'true', '{}', '{"query": null}', '{"query": "{ __typename }", "query": 1}', '\ufeff{"query":"{ __typename }"}']),
    ])();
    return { name: 'broken-json', method: 'POST', search: '', headers: JSON_HEADERS, body: broken };
  }],
  [4, (draft, random) => {
    const bytes = Buffer.from(requestJson(draft), 'utf8');
    const at = random.integer(0, bytes.length);
    const invalid = Buffer.from(random.pick([[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80], [0xfe, 0xff]]));
    return { name: 'invalid-utf8', method: 'POST', search: '', headers: JSON_HEADERS, body: new Uint8Array(Buffer.concat([bytes.subarray(0, at), invalid, bytes.subarray(at)])) };
  }],
  [4, (draft, random) => ({
    name: 'media-type',
    method: 'POST',
    search: '',
    headers: random.pick<Record<string, string>>([
      {},
      { 'content-type': 'text/plain' },
      { 'content-type': 'application/graphql' },
      { 'content-type': 'application/x-www-form-urlencoded' },
      { 'content-type': 'multipart/form-data; boundary=x' },
      { 'content-type': 'application/json; charset=latin1' },
      { 'content-type': 'application/json; charset=utf-16' },
      { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      { 'content-type': 'application/json;;;' },
      { 'content-type': 'APPLICATION/JSON; CHARSET="UTF-8"' },
      { 'content-type': 'application/graphql-response+json' },
    ]),
    body: requestJson(draft),
  })],
  [3, (draft, random) => ({
    name: 'method',
    method: random.pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND']),
    search: random.chance(0.5) ? getSearch(draft).slice(0, MAX_SEARCH_LENGTH) : '',
    headers: JSON_HEADERS,
    body: requestJson(draft),
  })],
  [8, (draft, random) => {
    const asMutation = random.chance(0.3) ? { ...draft, query: draft.query.replace(/^\s*(query\b)?/, 'mutation ') } : draft;
    const search = getSearch(asMutation);
    return {
      name: asMutation === draft ? 'get' : 'get-mutation',
      method: 'GET',
      search: search.length > MAX_SEARCH_LENGTH ? getSearch({ query: asMutation.query.slice(0, 1000), variables: undefined, operationName: undefined }) : search,
      headers: {
        ...(random.chance(0.8) ? { 'apollo-require-preflight': 'true' } : {}),
        ...(random.chance(0.1) ? { 'content-type': random.pick(['text/plain', 'application/json']) } : {}),
        ...acceptHeader(random),
      },
    };
  }],
  [5, (draft, random) => {
    const json = requestJson(draft);
    const [coding, body] = random.pick<() => [string, Uint8Array | string]>([
      () => ['gzip', gzipSync(json)],
      () => ['x-gzip', gzipSync(json)],
      () => ['deflate', deflateSync(json)],
      () => ['br', brotliCompressSync(json)],
      () => ['GZIP', gzipSync(json)],
      // Says gzip, is not: a broken coding.
      () => ['gzip', json],
      // A few kilobytes that inflate past the body limit.
      () => ['gzip', gzipSync(JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(random.pick([1024 * 1024, 4 * 1024 * 1024])) } }))],
      () => ['gzip', gzipSync(json).subarray(0, random.integer(0, 30))],
      () => [random.pick(['compress', 'zstd', 'gzip, br', 'identity, gzip', '*', '']), json],
    ])();
    return {
      name: 'content-encoding',
      method: 'POST',
      search: '',
      headers: { ...JSON_HEADERS, 'content-encoding': coding, ...acceptHeader(random) },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    };
  }],
  [3, (_draft, random) => ({
    name: 'preflight',
    method: 'OPTIONS',
    search: '',
    headers: {
      'access-control-request-method': random.pick(['POST', 'GET', 'PUT', '']),
      ...(random.chance(0.7) ? { 'access-control-request-headers': random.pick(['content-type,authorization', 'x-anything', 'content-type']) } : {}),
    },
  })],
  [1, (_draft, random) => ({
    name: 'body-too-large',
    method: 'POST',
    search: '',
    headers: JSON_HEADERS,
    body: JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(random.pick([1024 * 1024, 2 * 1024 * 1024])) } }),
  })],
];

const PACKER_WEIGHT = PACKERS.reduce((sum, [weight]) => sum + weight, 0);

function acceptHeader(random: SeededRandom): Record<string, string> {
  if (random.chance(0.5)) return {};
  // Mostly what clients send (Apollo Client sends the third); now and then what none should.
  if (random.chance(0.85)) {
    return { accept: random.pick(['application/json', 'application/graphql-response+json', 'application/graphql-response+json,application/json;q=0.9', '*/*']) };
  }
  return { accept: random.pick(['text/html', 'text/html,application/xhtml+xml,*/*;q=0.8', 'multipart/mixed', 'application/xml', ';;']) };
}

/**
 * Origins a request may come from: most requests have none (servers, routers, curl), some
 * come from a browser page, allowed or not under the deployment's CORS_ORIGINS.
 */
const ORIGINS = ['https://app.example.com', 'http://localhost:5173', 'https://studio.apollographql.com', 'https://evil.example', 'null', 'http://localhost:5173.evil.example', ''];

function originHeader(random: SeededRandom): Record<string, string> {
  return random.chance(0.6) ? {} : { origin: random.pick(ORIGINS) };
}

const CALLERS: ReadonlyArray<readonly [number, FuzzCaller]> = [
  [40, 'admin'],
  [40, 'alice'],
  [4, 'expired'],
  [4, 'forged-payload'],
  [3, 'forged-signature'],
  [2, 'unsigned'],
  [2, 'foreign-pool'],
  [2, 'garbage'],
  [3, 'missing'],
];
const CALLER_WEIGHT = CALLERS.reduce((sum, [weight]) => sum + weight, 0);

function weighted<T>(choices: ReadonlyArray<readonly [number, T]>, total: number, random: SeededRandom): T {
  let draw = random.next() * total;
  for (const [weight, choice] of choices) {
    draw -= weight;
    if (draw < 0) return choice;
  }
  return (choices[choices.length - 1] as readonly [number, T])[1];
}

/**
 * One fuzzed request: a corpus entry, none to three document mutators (one in five requests is
 * sent unmutated, so valid operations keep reaching Cognito), a packaging into HTTP and a caller.
 */
export function nextFuzzRequest(random: SeededRandom, context: MutationContext): FuzzRequest {
  const entry = random.pick(context.corpus);
  const draft: Draft = { query: entry.query, variables: entry.variables, operationName: entry.operationName };
  const mutators: string[] = [];
  const count = random.chance(0.2) ? 0 : random.integer(1, 3);
  for (let index = 0; index < count; index += 1) {
    const name = random.pick(DOCUMENT_MUTATOR_NAMES);
    (DOCUMENT_MUTATORS[name] as DraftMutator)(draft, random, context);
    mutators.push(name);
  }
  const { name, ...http } = weighted(PACKERS, PACKER_WEIGHT, random)(draft, random);
  if (name !== 'post') mutators.push(name);
  const origin = originHeader(random);
  return { ...http, headers: { ...http.headers, ...origin }, mutators, corpusEntry: entry.name, caller: weighted(CALLERS, CALLER_WEIGHT, random) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
