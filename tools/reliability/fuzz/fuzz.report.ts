import type { FuzzReport } from './fuzz.engine';

/** A run's figures as Markdown-ready text: counts by status and code, Cognito calls, rate, and the failure if any. */
export function formatFuzzReport(report: FuzzReport): string {
  const rate = report.documents / Math.max(report.seconds, 1e-9);
  const share = (count: number) => `${((100 * count) / Math.max(report.documents, 1)).toFixed(2)} %`;
  const statuses = [...report.byStatus.entries()].sort(([a], [b]) => a - b);
  const codes = [...report.byCode.entries()].sort(([, a], [, b]) => b - a);
  const lines = [
    `seed ${report.seed}: ${report.documents} documents in ${report.seconds.toFixed(1)} s (${rate.toFixed(0)} documents/s)`,
    '',
    '| status | answers | share |',
    '| --- | ---: | ---: |',
    ...statuses.map(([status, count]) => `| ${status} | ${count} | ${share(count)} |`),
    '',
    '| error code | answers holding it | share |',
    '| --- | ---: | ---: |',
    ...codes.map(([code, count]) => `| ${code.startsWith('(') ? code : `\`${code}\``} | ${count} | ${share(count)} |`),
    '',
    `Cognito: at most ${report.maxCognitoCalls} calls (${report.maxCognitoReads} reads) for one request; ${report.requestsReachingCognito} requests reached Cognito`,
    `gateway still serving at the end: ${report.stillServing ? 'yes' : 'NO'}`,
  ];
  if (report.failure !== undefined) {
    const { failure } = report;
    lines.push(
      '',
      `FAILED at document ${failure.index} of seed ${failure.seed}: ${failure.rule}`,
      `rerun: npm run fuzz -- --seed ${failure.seed} --documents ${failure.index + 1}`,
      '--- request ---',
      failure.request,
      ...(failure.status === undefined ? [] : ['--- answer ---', `status ${failure.status}`, failure.body ?? '']),
    );
  }
  return lines.join('\n');
}
