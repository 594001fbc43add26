import { readFileSync } from 'node:fs';

/** Where the table of error codes lives, relative to the repository's root. */
export const ERRORS_DOC_PATH = 'docs/errors.md';

/** The header row that opens the table: `| code | HTTP status | when |`. */
const TABLE_HEADER = /^\|\s*code\s*\|\s*HTTP status\s*\|/;

/**
 * The error codes the Errors table of `docs/errors.md` documents (`| code | HTTP status | when |`),
 * read from that page itself: the table is the contract clients read, so a code the gateway
 * answers with but the table lacks (or one the table dropped) fails the fuzzer instead of
 * drifting silently.
 *
 * @throws Error when the page has no such table, or its table lists no code.
 */
export function documentedErrorCodes(errorsDocPath: string): ReadonlySet<string> {
  const lines = readFileSync(errorsDocPath, 'utf8').split('\n');
  const header = lines.findIndex((line) => TABLE_HEADER.test(line));
  if (header === -1) throw new Error(`${errorsDocPath} has no table of error codes (a header row "| code | HTTP status | when |")`);
  const codes = new Set<string>();
  // The table runs from its header to the first line that is not a table row.
  for (const line of lines.slice(header + 1)) {
    if (!line.startsWith('|')) break;
    const match = /^\| `([A-Z_]+)` \|/.exec(line);
    if (match !== null) codes.add(match[1] as string);
  }
  if (codes.size === 0) throw new Error(`the table of error codes in ${errorsDocPath} lists no code`);
  return codes;
}
