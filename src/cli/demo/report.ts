// Terminal output for traffic results: a progress bar, a table of the split with its 99%
// interval and latency per variant, and a bar chart.
import { wilsonInterval } from '../../telemetry/binomial.js';
import { percentile, type TrafficResult } from './traffic.js';

export function progressBar(stream: NodeJS.WriteStream, label: string): (done: number, total: number) => void {
  let lastQuarter = -1;
  return (done, total) => {
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round((done / total) * width);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${done === total ? '\n' : ''}`);
    } else {
      const quarter = Math.floor((done / total) * 4);
      if (quarter !== lastQuarter) {
        lastQuarter = quarter;
        stream.write(`${label} ${done}/${total}\n`);
      }
    }
  };
}

const pad = (s: string, n: number) => s.padEnd(n);
const num = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '-');

/** Row labels: what a base answer and a canary answer stand for (e.g. `v1 (stage)`, `v2 (canary)`). */
export interface SplitLabels {
  base: string;
  canary: string;
}

export function formatSplit(r: TrafficResult, labels: SplitLabels): string {
  const answered = r.base.requests + r.canary.requests;
  const lines = [`${pad('answered by', 22)} ${'requests'.padStart(8)} ${'share'.padStart(7)}  ${'99% interval'.padEnd(15)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)}`];
  for (const [key, stats] of [['base', r.base], ['canary', r.canary]] as const) {
    const sorted = [...stats.latenciesMs].sort((a, b) => a - b);
    const [lo, hi] = wilsonInterval(stats.requests, answered);
    lines.push(
      `${pad(labels[key], 22)} ${String(stats.requests).padStart(8)} ${`${num(answered ? (100 * stats.requests) / answered : NaN)}%`.padStart(7)}  ${pad(`${num(100 * lo)}–${num(100 * hi)}%`, 15)} ${num(percentile(sorted, 50)).padStart(7)} ${num(percentile(sorted, 99)).padStart(7)}`,
    );
  }
  const errors = Object.entries(r.errors);
  if (errors.length) lines.push(`errors: ${errors.map(([s, n]) => `${n}× ${s === '0' ? 'no answer' : `HTTP ${s}`}`).join(', ')}`);
  lines.push(`${r.total} requests in ${(r.elapsedMs / 1000).toFixed(1)} s (${Math.round((r.total * 1000) / r.elapsedMs)} req/s)`);
  return lines.join('\n');
}

export function formatBars(r: TrafficResult, labels: SplitLabels, width = 40): string {
  const answered = Math.max(1, r.base.requests + r.canary.requests);
  return (['base', 'canary'] as const)
    .map((k) => {
      const share = r[k].requests / answered;
      return `${pad(labels[k], 22)} ${'█'.repeat(Math.round(share * width)).padEnd(width, '·')} ${(100 * share).toFixed(1)}%`;
    })
    .join('\n');
}
