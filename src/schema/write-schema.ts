import 'reflect-metadata';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { printGatewaySchema } from './print-schema';

/**
 * `npm run schema` writes `schema.graphql`; `npm run schema:check` fails when the committed file
 * differs from what the code generates, so CI catches a stale schema.
 */
async function main(): Promise<void> {
  // Compiled to dist/src/schema/, so the repository root is three levels up.
  const target = resolve(__dirname, '..', '..', '..', 'schema.graphql');
  const generated = await printGatewaySchema();
  if (process.argv.includes('--check')) {
    const committed = await readFile(target, 'utf8').catch(() => '');
    if (committed !== generated) {
      process.stderr.write('schema.graphql is stale: run `npm run schema` and commit the result.\n');
      process.exitCode = 1;
      return;
    }
    process.stdout.write('schema.graphql is up to date.\n');
    return;
  }
  await writeFile(target, generated, 'utf8');
  process.stdout.write(`wrote ${target}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
