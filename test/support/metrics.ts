import { sendHttp } from './http';

/** Parses the Prometheus text format into `name{labels}` → value. */
export function parseExposition(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (match === null) throw new Error(`not a Prometheus sample line: ${line}`);
    samples.set(match[1] as string, Number(match[2]));
  }
  return samples;
}

/** Reads a gateway's `/metrics`, by sample. */
export async function scrape(url: string): Promise<Map<string, number>> {
  const answer = await sendHttp(url, { method: 'GET' });
  if (answer.status !== 200) throw new Error(`GET /metrics answered ${answer.status}`);
  return parseExposition(answer.text);
}

/** How much one sample grew between two scrapes. */
export function delta(after: Map<string, number>, before: Map<string, number>, key: string): number {
  return (after.get(key) ?? 0) - (before.get(key) ?? 0);
}
