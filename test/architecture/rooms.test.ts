import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * The architecture as the code has it: `src/` is divided into rooms (its folders), and imports
 * between them run one way. These checks read every import of `src/` (with TypeScript's own
 * pre-processor, so comments and strings never count) and hold the rules `docs/architecture.md`
 * states.
 */

const SRC = resolve(__dirname, '..', '..', 'src');

interface Import {
  readonly from: string;
  readonly specifier: string;
  /** The file imported, relative to src/ and without extension; undefined for a package. */
  readonly target: string | undefined;
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const IMPORTS: readonly Import[] = sourceFiles(SRC).flatMap((file) => {
  const from = relative(SRC, file).replace(/\.ts$/, '');
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map(({ fileName: specifier }) => ({
    from,
    specifier,
    target: specifier.startsWith('.') ? relative(SRC, resolve(dirname(file), specifier)) : undefined,
  }));
});

/** The room of a file of src/: its folder, or `(entry point)` for src/index.ts. */
function roomOf(file: string): string {
  return file.includes('/') ? (file.split('/')[0] as string) : '(entry point)';
}

/** Every cycle of a graph given as edges, each once, as the list of its nodes. */
function cyclesOf(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const cycles = new Map<string, string[]>();
  const visit = (start: string, node: string, path: string[]) => {
    for (const next of edges.get(node) ?? []) {
      if (next === start) {
        const cycle = [...path];
        cycles.set([...cycle].sort().join(' '), cycle);
      } else if (!path.includes(next) && next > start) {
        visit(start, next, [...path, next]);
      }
    }
  };
  for (const node of edges.keys()) visit(node, node, [node]);
  return [...cycles.values()];
}

function graphOf(pairs: Iterable<readonly [string, string]>): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const [from, to] of pairs) {
    if (from === to) continue;
    let targets = edges.get(from);
    if (targets === undefined) edges.set(from, (targets = new Set()));
    targets.add(to);
  }
  return edges;
}

describe('the rooms of src/', () => {
  test('import one another without a cycle', () => {
    const rooms = graphOf(IMPORTS.flatMap(({ from, target }) => (target === undefined ? [] : [[roomOf(from), roomOf(target)] as const])));

    expect(cyclesOf(rooms)).toEqual([]);
  });

  test('hold no import cycle between files either', () => {
    const files = graphOf(IMPORTS.flatMap(({ from, target }) => (target === undefined ? [] : [[from, target] as const])));

    expect(cyclesOf(files)).toEqual([]);
  });

  test('talk to Cognito from one module only, which is also the only one to map its errors', () => {
    const users = (specifier: string) => IMPORTS.filter((entry) => entry.specifier === specifier || entry.target === specifier).map((entry) => entry.from);

    expect({
      sdk: users('@aws-sdk/client-cognito-identity-provider'),
      errorMapper: users('cognito/cognito-error.mapper'),
    }).toEqual({
      sdk: ['cognito/cognito.client'],
      errorMapper: ['cognito/cognito.client'],
    });
  });

  test('ship nothing of the emulator or the tools', () => {
    const workshop = (specifier: string) => specifier === 'cognito-auth-events-emulator' || specifier === 'jose' || /(^|\/)\.\.\/tools\//.test(specifier);

    expect(IMPORTS.filter(({ specifier }) => workshop(specifier))).toEqual([]);
  });
});
