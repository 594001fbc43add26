import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  type DefinitionNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type FragmentDefinitionNode,
  type InputValueDefinitionNode,
  Kind,
  parse,
  print,
  type SelectionSetNode,
} from 'graphql';
import { DEMO_POOL_ID } from 'cognito-auth-events-emulator';
import { LOCAL_STACK_SETTINGS } from '../../tools/local-stack/local-stack';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * Every fenced `graphql` and `sh` (`bash`, `shell`) block of README.md and docs/*.md, run against
 * a gateway on its own emulator, one test per block named after its file and line, so an example
 * cannot rot. Other blocks (yaml, json, ts, text) are not run.
 *
 * Comment lines inside a block say what it needs (`#` starts a comment in both languages):
 *
 *   # as: alice | admin | <a user of the demo pool> | anonymous
 *       GraphQL: who sends it (alice and admin are the `ALICE` and `ADMIN` tokens below). Required.
 *   # variables: {"username": "frequent-flyer", "since": "$SINCE"}
 *       GraphQL: its variables, as JSON; a string "$NAME" stands for the shell variable NAME.
 *   # error: FORBIDDEN
 *       The answer must hold an error with this code. Without it, no answer may hold an error.
 *
 * A GraphQL answer must also hold every field the block selects, reached at least once: a list
 * that comes back empty everywhere fails, since the example then shows none of what it selects.
 * A GraphQL block of type definitions only (SDL) is compared with schema.graphql instead: the
 * same fields, arguments and types.
 *
 * A shell block runs in `bash` with `set -euo pipefail`, from the repository's root, with these
 * variables, the ones the README tells readers to set from what `npm start` prints:
 *
 *   GATEWAY   the gateway's origin (`$GATEWAY/graphql`, `$GATEWAY/readyz`, …)
 *   EMULATOR  the emulator's endpoint (its `/_emulator/…` routes)
 *   ALICE     an `Authorization` value for alice of the demo pool
 *   ADMIN     an `Authorization` value for the demo pool's support console (an admin)
 *   SINCE     30 days before now, as the README's `export SINCE=…` line computes it (the demo
 *             data ends shortly before the day the emulator starts, so the last 30 days hold events)
 *
 * plus whatever earlier blocks of the same page exported (as in one terminal). Like a reader's
 * shell, it needs curl and jq. Every JSON document it prints is checked as an answer is.
 *
 * A mark on the line just before a block (an HTML comment, invisible on GitHub) changes that:
 *
 *   <!-- doc-test: skip (reason) -->
 *       Not run, for what cannot run here (a real user pool, Rover, long-running commands); the
 *       skipped test's name carries the reason, so nothing is skipped silently.
 *   <!-- doc-test: same as path/to/file.js -->
 *       Not sent: each definition must be printed the same as in a graphql`…` template of that
 *       file, whose own test runs it (Relay's documents, which need relay-compiler).
 *
 * A block the test cannot run and that is not marked (a GraphQL operation without `# as:`, a
 * shell block that starts servers or needs AWS) fails, saying how to mark it.
 */

const ROOT = resolve(__dirname, '..', '..');
const SHELL_TIMEOUT_MS = 20_000;
const DAY_MS = 24 * 3600 * 1000;

/** Commands a shell block must not run here: long-running, recursive, or needing what the machine lacks. */
const UNRUNNABLE_COMMANDS =
  /\bnpm (start|test|ci)\b|\bnpm run (build|bench|fuzz|soak|emulator|example|test:e2e|schema|codegen)\b|\bnode dist\/|(^|[\s;|&(])(rover|router|aws|kubectl|docker)\s/m;

type Mark = { readonly kind: 'skip'; readonly reason: string } | { readonly kind: 'same-as'; readonly path: string } | { readonly kind: 'unknown'; readonly text: string };

/** One fenced block of a page. */
interface DocBlock {
  /** The page, relative to the repository's root. */
  readonly file: string;
  /** Line of the opening fence, 1-based. */
  readonly line: number;
  readonly language: 'graphql' | 'shell';
  readonly code: string;
  readonly mark: Mark | undefined;
}

/** What a block says about itself in `# name: value` comment lines. */
interface BlockDirectives {
  readonly as?: string;
  readonly variables?: string;
  readonly error?: string;
}

const LANGUAGES: Readonly<Record<string, DocBlock['language']>> = { graphql: 'graphql', sh: 'shell', bash: 'shell', shell: 'shell' };

const DOC_FILES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`),
];

const BLOCKS = DOC_FILES.flatMap(blocksOf);

describe('the examples of the README and docs/', () => {
  let stack: TestStack;
  /** The variables every shell block gets, and `$NAME` in GraphQL variables stands for. */
  let baseEnv: Record<string, string>;
  /** Variables exported by the blocks of each page so far. */
  const pageEnv = new Map<string, Record<string, string>>();
  let scratch: string;

  beforeAll(async () => {
    // The pools and app clients `npm start` serves, so examples behave as readers see them.
    stack = await startTestStack({ env: { ...LOCAL_STACK_SETTINGS } });
    scratch = mkdtempSync(join(tmpdir(), 'doc-examples-'));
    baseEnv = {
      GATEWAY: new URL(stack.gateway.graphqlUrl).origin,
      EMULATOR: stack.emulator.endpoint,
      ALICE: await stack.tokenFor({ userPoolId: DEMO_POOL_ID, username: 'alice' }),
      ADMIN: stack.authorization,
      SINCE: new Date(Date.now() - 30 * DAY_MS).toISOString(),
    };
  });

  afterAll(async () => {
    await stack?.close();
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  });

  test('the README links every page of docs/', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const unlinked = DOC_FILES.filter((file) => file.startsWith('docs/') && !readme.includes(`](${file})`));
    expect(unlinked).toEqual([]);
  });

  test('finds runnable examples in the README and in docs/', () => {
    const runnable = BLOCKS.filter((block) => block.mark?.kind !== 'skip');
    expect(new Set(runnable.map((block) => block.file)).has('README.md')).toBe(true);
    expect(runnable.filter((block) => block.file.startsWith('docs/')).length).toBeGreaterThan(10);
  });

  for (const block of BLOCKS) {
    const name = `${block.file}:${block.line} (${block.language})`;
    if (block.mark?.kind === 'skip') {
      test.skip(`${name}, skipped: ${block.mark.reason}`, () => undefined);
      continue;
    }
    test(name, async () => {
      if (block.mark?.kind === 'unknown') {
        throw new Error(`${name}: unknown mark "${block.mark.text}"; use "skip (reason)" or "same as <path>"`);
      }
      const env = { ...baseEnv, ...pageEnv.get(block.file) };
      if (block.language === 'shell') {
        pageEnv.set(block.file, { ...pageEnv.get(block.file), ...(await runShellBlock(block, env, scratch)) });
      } else {
        await runGraphQLBlock(block, env, stack);
      }
    });
  }
});

/** The fenced blocks of one page, with the mark on the line before each. */
function blocksOf(file: string): DocBlock[] {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  const blocks: DocBlock[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const opening = /^\s*(`{3,}|~{3,})\s*([\w+-]*)/.exec(lines[index] as string);
    if (opening === null) continue;
    const fence = opening[1] as string;
    const start = index;
    let end = index + 1;
    while (end < lines.length && !(lines[end] as string).trim().startsWith(fence)) end += 1;
    index = end;
    const language = LANGUAGES[(opening[2] as string).toLowerCase()];
    if (language === undefined) continue;
    blocks.push({
      file,
      line: start + 1,
      language,
      code: lines.slice(start + 1, end).join('\n'),
      mark: markBefore(lines, start),
    });
  }
  return blocks;
}

function markBefore(lines: readonly string[], fenceIndex: number): Mark | undefined {
  const previous = (lines[fenceIndex - 1] ?? '').trim();
  const comment = /^<!--\s*doc-test:\s*(.*?)\s*-->$/.exec(previous);
  if (comment === null) return undefined;
  const text = comment[1] as string;
  const skip = /^skip \((.+)\)$/.exec(text);
  if (skip !== null) return { kind: 'skip', reason: skip[1] as string };
  const sameAs = /^same as (\S+)$/.exec(text);
  if (sameAs !== null) return { kind: 'same-as', path: sameAs[1] as string };
  return { kind: 'unknown', text };
}

function directivesOf(code: string): BlockDirectives {
  const directives: Record<string, string> = {};
  for (const line of code.split('\n')) {
    const directive = /^\s*#\s*(as|variables|error):\s*(.+?)\s*$/.exec(line);
    if (directive !== null) directives[directive[1] as string] = directive[2] as string;
  }
  return directives;
}

async function runGraphQLBlock(block: DocBlock, env: Readonly<Record<string, string>>, stack: TestStack): Promise<void> {
  const name = `${block.file}:${block.line}`;
  const document = parse(block.code);
  if (document.definitions.every(isTypeSystemDefinition)) {
    expect(sdlDifferences(document)).toEqual([]);
    return;
  }
  if (block.mark?.kind === 'same-as') {
    expect(definitionsNotIn(document, block.mark.path)).toEqual([]);
    return;
  }
  const directives = directivesOf(block.code);
  if (directives.as === undefined) {
    throw new Error(
      `${name}: say who runs this operation with a line "# as: alice" (or admin, another demo user, anonymous), or mark it <!-- doc-test: skip (reason) -->`,
    );
  }
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1) throw new Error(`${name}: a runnable block holds one operation; it holds ${operations.length}`);
  const variables = directives.variables === undefined ? undefined : withShellValues(JSON.parse(directives.variables), env, name);
  const authorization = await authorizationOf(directives.as, env, stack);
  const { body } = await stack.executeRaw({ query: block.code, variables }, { authorization });

  if (directives.error !== undefined) {
    expect((body.errors ?? []).map((error) => error.extensions?.code)).toContain(directives.error);
    return;
  }
  expect(body.errors).toBeUndefined();
  const fragments = new Map(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const operation = operations[0] as { selectionSet: SelectionSetNode };
  expect(unshownSelections(operation.selectionSet, [body.data], '', fragments)).toEqual([]);
}

async function authorizationOf(as: string, env: Readonly<Record<string, string>>, stack: TestStack): Promise<string | null> {
  if (as === 'anonymous') return null;
  if (as === 'alice') return env.ALICE as string;
  if (as === 'admin') return env.ADMIN as string;
  return stack.tokenFor({ userPoolId: DEMO_POOL_ID, username: as });
}

/** `value` with every string "$NAME" replaced by the variable NAME. */
function withShellValues(value: unknown, env: Readonly<Record<string, string>>, name: string): unknown {
  if (typeof value === 'string') {
    const variable = /^\$([A-Z_][A-Z0-9_]*)$/.exec(value);
    if (variable === null) return value;
    const replacement = env[variable[1] as string];
    if (replacement === undefined) throw new Error(`${name}: its variables use $${variable[1]}, which neither the test nor an earlier block of the page sets`);
    return replacement;
  }
  if (Array.isArray(value)) return value.map((item) => withShellValues(item, env, name));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withShellValues(item, env, name)]));
  }
  return value;
}

/**
 * The selected fields the answer does not show: a field missing from an object, or a selection
 * under a list that is empty wherever it occurs. Null objects are not descended into.
 */
function unshownSelections(
  selectionSet: SelectionSetNode,
  values: readonly unknown[],
  path: string,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): string[] {
  const objects = values.filter((value): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value));
  if (objects.length === 0) return [`${path || 'data'}: no object to hold the selection`];
  const problems: string[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      problems.push(...unshownSelections(selection.selectionSet, objects, path, fragments));
      continue;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = fragments.get(selection.name.value);
      if (fragment === undefined) problems.push(`${path}...${selection.name.value}: no such fragment in the block`);
      else problems.push(...unshownSelections(fragment.selectionSet, objects, path, fragments));
      continue;
    }
    const key = selection.alias?.value ?? selection.name.value;
    const here = `${path}${key}`;
    if (objects.some((object) => !(key in object))) {
      problems.push(`${here}: missing from the answer`);
      continue;
    }
    if (selection.selectionSet === undefined) continue;
    const children = objects.map((object) => object[key]);
    const items = children.flat(Infinity).filter((item) => item !== null && item !== undefined);
    if (items.length > 0) {
      problems.push(...unshownSelections(selection.selectionSet, items, `${here}.`, fragments));
    } else if (children.some(Array.isArray)) {
      problems.push(`${here}: an empty list, so the example shows none of what it selects there`);
    }
  }
  return problems;
}

function isTypeSystemDefinition(definition: DefinitionNode): boolean {
  return definition.kind !== Kind.OPERATION_DEFINITION && definition.kind !== Kind.FRAGMENT_DEFINITION;
}

/** How the SDL of a block differs from schema.graphql: every field, argument and enum value, with its type. */
function sdlDifferences(document: DocumentNode): string[] {
  const schema = parse(readFileSync(join(ROOT, 'schema.graphql'), 'utf8'));
  const differences: string[] = [];
  for (const definition of document.definitions) {
    if (!('name' in definition) || definition.name === undefined) {
      differences.push(`${definition.kind}: only named type definitions can be compared`);
      continue;
    }
    const typeName = definition.name.value;
    const counterpart = schema.definitions.find((candidate) => candidate.kind === definition.kind && 'name' in candidate && candidate.name?.value === typeName);
    if (counterpart === undefined) {
      differences.push(`${typeName}: no ${definition.kind} of that name in schema.graphql`);
      continue;
    }
    differences.push(...memberDifferences(typeName, membersOf(definition), membersOf(counterpart)));
  }
  return differences;
}

/** Each field (with its arguments) or enum value of a type definition, as a comparable string. */
function membersOf(definition: DefinitionNode): Map<string, string> {
  const members = new Map<string, string>();
  const inputValue = (value: InputValueDefinitionNode) => `${value.name.value}: ${print(value.type)}`;
  if ('fields' in definition && definition.fields !== undefined) {
    for (const field of definition.fields as ReadonlyArray<FieldDefinitionNode | InputValueDefinitionNode>) {
      const args = 'arguments' in field && field.arguments !== undefined && field.arguments.length > 0 ? `(${field.arguments.map(inputValue).join(', ')})` : '';
      members.set(field.name.value, `${field.name.value}${args}: ${print(field.type)}`);
    }
  }
  if ('values' in definition && definition.values !== undefined) {
    for (const value of definition.values) members.set(value.name.value, value.name.value);
  }
  return members;
}

function memberDifferences(typeName: string, documented: ReadonlyMap<string, string>, actual: ReadonlyMap<string, string>): string[] {
  const differences: string[] = [];
  for (const [member, text] of documented) {
    const real = actual.get(member);
    if (real === undefined) differences.push(`${typeName}.${member}: not in schema.graphql`);
    else if (real !== text) differences.push(`${typeName}.${member}: the docs say "${text}", schema.graphql "${real}"`);
  }
  for (const member of actual.keys()) {
    if (!documented.has(member)) differences.push(`${typeName}.${member}: in schema.graphql, missing from the docs`);
  }
  return differences;
}

/** The definitions of `document` that the graphql`…` templates of `path` do not hold, printed the same. */
function definitionsNotIn(document: DocumentNode, path: string): string[] {
  const source = readFileSync(join(ROOT, path), 'utf8');
  const printed = new Map<string, string>();
  for (const template of source.matchAll(/(?<!`)\bgraphql`([\s\S]*?)`/g)) {
    for (const definition of parse(template[1] as string).definitions) {
      if ('name' in definition && definition.name !== undefined) printed.set(definition.name.value, print(definition));
    }
  }
  return document.definitions
    .filter((definition) => !('name' in definition) || definition.name === undefined || printed.get(definition.name.value) !== print(definition))
    .map((definition) => `${'name' in definition && definition.name !== undefined ? definition.name.value : definition.kind}: not printed the same in ${path}`);
}

/** Runs a shell block and checks what it printed; resolves with the variables it exported. */
async function runShellBlock(block: DocBlock, env: Readonly<Record<string, string>>, scratch: string): Promise<Record<string, string>> {
  const name = `${block.file}:${block.line}`;
  const unrunnable = UNRUNNABLE_COMMANDS.exec(block.code);
  if (unrunnable !== null) {
    throw new Error(`${name} runs \`${unrunnable[0].trim()}\`, which this test does not run; mark the block <!-- doc-test: skip (reason) -->`);
  }
  const envOut = join(scratch, `env-${block.file.replace(/\W/g, '_')}-${block.line}`);
  const script = `set -euo pipefail\n${block.code}\nenv -0 > "$DOC_TEST_ENV_OUT"\n`;
  // `npm run token` asks the emulator `npm start` left a record of; this test's emulator leaves
  // none, so it is named outright (the reader's shell has no EMULATOR_ENDPOINT and needs none).
  const inherited: Record<string, string | undefined> = { ...process.env, ...env, EMULATOR_ENDPOINT: env.EMULATOR, DOC_TEST_ENV_OUT: envOut };
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    execFile('bash', ['-c', script], { cwd: ROOT, env: inherited, timeout: SHELL_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 }, (error, out, err) => {
      done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout: out, stderr: err });
    });
  });
  if (code !== 0) throw new Error(`${name} exited with ${code ?? 'a signal'}:\n${stderr}\n${stdout}`);

  const answers = jsonDocumentsOf(stdout);
  const codes = answers.flatMap((answer) => errorCodesOf(answer));
  const { error } = directivesOf(block.code);
  if (error !== undefined) {
    expect({ codes, stdout }).toEqual({ codes: expect.arrayContaining([error]), stdout });
  } else {
    expect({ errors: answers.filter((answer) => errorCodesOf(answer).length > 0), stdout }).toEqual({ errors: [], stdout });
  }

  const exported: Record<string, string> = {};
  for (const entry of readFileSync(envOut, 'utf8').split('\0')) {
    const separator = entry.indexOf('=');
    if (separator <= 0) continue;
    const variable = entry.slice(0, separator);
    const value = entry.slice(separator + 1);
    if (/^[A-Z][A-Z0-9_]*$/.test(variable) && variable !== 'DOC_TEST_ENV_OUT' && inherited[variable] !== value) exported[variable] = value;
  }
  return exported;
}

/**
 * The JSON objects and arrays a block printed, in order, wherever they stand: curl ends an answer
 * without a newline, so two answers may share a line, and other text (`HTTP 400`) may sit beside them.
 */
function jsonDocumentsOf(output: string): unknown[] {
  const documents: unknown[] = [];
  let index = 0;
  while (index < output.length) {
    const start = output.slice(index).search(/[[{]/);
    if (start === -1) break;
    const from = index + start;
    const end = closingIndexOf(output, from);
    const document = end === -1 ? undefined : parseJson(output.slice(from, end + 1));
    if (document === undefined) {
      index = from + 1;
    } else {
      documents.push(document);
      index = end + 1;
    }
  }
  return documents;
}

/** Where the object or array opening at `from` closes, strings skipped; -1 when it does not. */
function closingIndexOf(text: string, from: number): number {
  let depth = 0;
  let inString = false;
  for (let index = from; index < text.length; index += 1) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === '{' || char === '[') {
      depth += 1;
    } else if (char === '}' || char === ']') {
      depth -= 1;
      if (depth === 0) return index;
    }
  }
  return -1;
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function errorCodesOf(answer: unknown): string[] {
  if (typeof answer !== 'object' || answer === null || !('errors' in answer) || !Array.isArray(answer.errors)) return [];
  return answer.errors.map((error: { extensions?: { code?: unknown } }) => String(error?.extensions?.code ?? '(no code)'));
}
