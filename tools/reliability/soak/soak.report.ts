import type { GatewaySample } from './soak.metrics';

const MiB = 2 ** 20;

/** Where the storm ran, in seconds since the start, for the plot's band. */
export interface StormSpan {
  readonly fromSeconds: number;
  readonly toSeconds: number;
}

/** The samples as a Markdown table: one row per minute (the sample closest to each whole minute), plus the last. */
export function samplesTable(samples: readonly GatewaySample[], storm: StormSpan | undefined): string {
  const rows: GatewaySample[] = [];
  for (const sample of samples) {
    const minute = Math.round(sample.atSeconds / 60);
    const previous = rows[rows.length - 1];
    if (previous === undefined || Math.round(previous.atSeconds / 60) !== minute) rows.push(sample);
  }
  const last = samples[samples.length - 1];
  if (last !== undefined && rows[rows.length - 1] !== last) rows.push(last);
  const lines = [
    '| t (min) | RSS (MiB) | heap used (MiB) | event-loop p99 (ms) | open sockets | phase |',
    '|---:|---:|---:|---:|---:|---|',
  ];
  for (const sample of rows) {
    const inStorm = storm !== undefined && sample.atSeconds >= storm.fromSeconds && sample.atSeconds <= storm.toSeconds;
    lines.push(
      `| ${(sample.atSeconds / 60).toFixed(1)} | ${(sample.rssBytes / MiB).toFixed(1)} | ${(sample.heapUsedBytes / MiB).toFixed(1)} | ${sample.eventLoopP99Ms.toFixed(1)} | ${sample.openSockets} | ${inStorm ? 'storm' : ''} |`,
    );
  }
  return lines.join('\n');
}

/** The heap-used line fitted after warm-up, drawn over the samples it was fitted to. */
export interface PlottedFit {
  readonly fromSeconds: number;
  readonly toSeconds: number;
  /** MiB per second. */
  readonly slope: number;
  /** MiB at t = 0. */
  readonly intercept: number;
}

/**
 * A small SVG plot of RSS and heap used (MiB) over time (minutes), with the storm as a shaded
 * band and the fitted heap line dashed. Self-contained: no fonts or scripts beyond SVG's own.
 */
export function memoryPlot(samples: readonly GatewaySample[], storm: StormSpan | undefined, fit: PlottedFit | undefined, title: string): string {
  const width = 720;
  const height = 320;
  const margin = { left: 56, right: 16, top: 48, bottom: 44 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const maxSeconds = Math.max(60, ...samples.map((sample) => sample.atSeconds));
  const maxMiB = niceCeiling(Math.max(16, ...samples.map((sample) => sample.rssBytes / MiB)) * 1.05);
  const x = (seconds: number): number => margin.left + (seconds / maxSeconds) * plotWidth;
  const y = (mib: number): number => margin.top + plotHeight - (mib / maxMiB) * plotHeight;
  const line = (value: (sample: GatewaySample) => number): string =>
    samples.map((sample) => `${x(sample.atSeconds).toFixed(1)},${y(value(sample) / MiB).toFixed(1)}`).join(' ');
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${margin.left}" y="20" font-size="14">${escapeXml(title)}</text>`,
  ];
  if (storm !== undefined) {
    parts.push(
      `<rect x="${x(storm.fromSeconds).toFixed(1)}" y="${margin.top}" width="${(x(storm.toSeconds) - x(storm.fromSeconds)).toFixed(1)}" height="${plotHeight}" fill="#f4cccc"/>`,
      `<text x="${(x(storm.fromSeconds) + 4).toFixed(1)}" y="${margin.top + 14}" fill="#990000">fault storm</text>`,
    );
  }
  for (let tick = 0; tick <= 4; tick += 1) {
    const mib = (maxMiB / 4) * tick;
    parts.push(
      `<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(mib).toFixed(1)}" y2="${y(mib).toFixed(1)}" stroke="#dddddd"/>`,
      `<text x="${margin.left - 6}" y="${(y(mib) + 4).toFixed(1)}" text-anchor="end">${mib.toFixed(0)}</text>`,
    );
  }
  const minuteStep = niceStep(maxSeconds / 60 / 6);
  for (let minute = 0; minute * 60 <= maxSeconds; minute += minuteStep) {
    parts.push(`<text x="${x(minute * 60).toFixed(1)}" y="${height - margin.bottom + 16}" text-anchor="middle">${minute}</text>`);
  }
  parts.push(
    `<text x="${margin.left + plotWidth / 2}" y="${height - 8}" text-anchor="middle">minutes</text>`,
    `<text x="14" y="${margin.top + plotHeight / 2}" transform="rotate(-90 14 ${margin.top + plotHeight / 2})" text-anchor="middle">MiB</text>`,
    `<line x1="${margin.left}" x2="${margin.left}" y1="${margin.top}" y2="${margin.top + plotHeight}" stroke="#000000"/>`,
    `<line x1="${margin.left}" x2="${width - margin.right}" y1="${margin.top + plotHeight}" y2="${margin.top + plotHeight}" stroke="#000000"/>`,
    `<polyline fill="none" stroke="#e69f00" stroke-width="1.5" points="${line((sample) => sample.rssBytes)}"/>`,
    `<polyline fill="none" stroke="#0072b2" stroke-width="1.5" points="${line((sample) => sample.heapUsedBytes)}"/>`,
  );
  if (fit !== undefined) {
    const at = (seconds: number): number => fit.intercept + fit.slope * seconds;
    parts.push(
      `<line x1="${x(fit.fromSeconds).toFixed(1)}" y1="${y(at(fit.fromSeconds)).toFixed(1)}" x2="${x(fit.toSeconds).toFixed(1)}" y2="${y(at(fit.toSeconds)).toFixed(1)}" stroke="#000000" stroke-dasharray="5 4"/>`,
    );
  }
  // The legend on a line of its own under the title.
  const legendX = margin.left;
  parts.push(
    `<line x1="${legendX}" x2="${legendX + 20}" y1="34" y2="34" stroke="#e69f00" stroke-width="2"/><text x="${legendX + 24}" y="38">RSS</text>`,
    `<line x1="${legendX + 60}" x2="${legendX + 80}" y1="34" y2="34" stroke="#0072b2" stroke-width="2"/><text x="${legendX + 84}" y="38">heap used (lowest of 10 s)</text>`,
    `<line x1="${legendX + 250}" x2="${legendX + 270}" y1="34" y2="34" stroke="#000000" stroke-dasharray="5 4"/><text x="${legendX + 274}" y="38">heap fit after warm-up</text>`,
    '</svg>',
  );
  return `${parts.join('\n')}\n`;
}

function niceCeiling(value: number): number {
  const step = niceStep(value / 4);
  return Math.ceil(value / step) * step;
}

function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(rough, 1e-9)));
  for (const factor of [1, 2, 5, 10]) if (factor * power >= rough) return Math.max(1, factor * power);
  return Math.max(1, 10 * power);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
