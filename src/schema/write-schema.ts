import 'reflect-metadata';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { printClientSchema } from './print-client-schema';
import { printGatewaySchema } from './print-schema';

/** Each committed schema file and what prints it. */
const SCHEMA_FILES: ReadonlyArray<{ readonly file: string; readonly print: () => Promise<string> }> = [
  // The subgraph SDL, for routers and `rover subgraph publish`.
  { file: 'schema.graphql', print: printGatewaySchema },
  // The API schema, for Relay, GraphQL Code Generator and IDE plugins.
  { file: 'schema.client.graphql', print: printClientSchema },
];

/**
 * `npm run schema` writes `schema.graphql` and `schema.client.graphql`; `npm run schema:check`
 * fails when a committed file differs from what the code generates, so CI catches a stale one.
 */
async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  for (const { file, print } of SCHEMA_FILES) {
    // Compiled to dist/src/schema/, so the repository root is three levels up.
    const target = resolve(__dirname, '..', '..', '..', file);
    const generated = await print();
    if (!check) {
      await writeFile(target, generated, 'utf8');
      process.stdout.write(`wrote ${target}\n`);
      continue;
    }
    const committed = await readFile(target, 'utf8').catch(() => '');
    if (committed !== generated) {
      process.stderr.write(`${file} is stale: run \`npm run schema\` and commit the result.\n`);
      process.exitCode = 1;
    } else {
      process.stdout.write(`${file} is up to date.\n`);
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
