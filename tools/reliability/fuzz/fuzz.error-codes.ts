import { readFileSync } from 'node:fs';

/**
 * The error codes the README's *Errors* table documents, read from the README itself: the
 * table is the contract clients read, so a code the gateway answers with but the table lacks
 * (or one the table dropped) fails the fuzzer instead of drifting silently.
 *
 * @throws Error when the README has no *Errors* section or its table lists no code.
 */
export function documentedErrorCodes(readmePath: string): ReadonlySet<string> {
  const readme = readFileSync(readmePath, 'utf8');
  const start = readme.indexOf('\n## Errors\n');
  if (start === -1) throw new Error(`${readmePath} has no "## Errors" section`);
  const next = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, next === -1 ? undefined : next);
  const codes = new Set<string>();
  for (const line of section.split('\n')) {
    const match = /^\| `([A-Z_]+)` \|/.exec(line);
    if (match !== null) codes.add(match[1] as string);
  }
  if (codes.size === 0) throw new Error(`the Errors table of ${readmePath} lists no code`);
  return codes;
}
