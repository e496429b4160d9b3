// The live view's data: the last N seconds of a stage's metrics per variant (base / canary), one
// point per second, and the observed canary share with its 99.9 % Wilson interval. Kanaria's own
// API (not AWS's), so its query is checked with zod; everything else comes from telemetry/.
import { z } from 'zod';
import { wilsonInterval, Z } from '../telemetry/binomial.js';
import { WINDOW_SECONDS, type MetricVariant, type Metrics } from '../telemetry/metrics.js';
import type { WindowPoint, WindowSummary } from '../telemetry/window.js';

export const LiveQuerySchema = z.strictObject({
  restApiId: z.string().regex(/^[A-Za-z0-9]{1,64}$/, 'must be a REST API id (letters and digits)'),
  stageName: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'must be a stage name (letters, digits, - and _)'),
  seconds: z.coerce.number().int().min(10).max(WINDOW_SECONDS).default(60),
});

export type LiveQuery = z.output<typeof LiveQuerySchema>;

export interface LiveVariant {
  summary: WindowSummary;
  points: WindowPoint[];
}

export interface LiveShare {
  /** Requests in the window, both variants. */
  total: number;
  canary: number;
  /** canary / total, or null before the first request. */
  observed: number | null;
  /** Wilson score interval of the observed share at 99.9 %, or null before the first request. */
  interval: [number, number] | null;
  confidence: 0.999;
}

export interface LiveView {
  restApiId: string;
  stageName: string;
  seconds: number;
  /** Epoch second of the newest point. */
  now: number;
  variants: Record<MetricVariant, LiveVariant>;
  share: LiveShare;
}

const emptySummary = (seconds: number): WindowSummary => ({
  seconds,
  count: 0,
  errors4xx: 0,
  errors5xx: 0,
  latency: { avg: 0, p50: 0, p90: 0, p99: 0, max: 0 },
});

function emptyPoints(last: number, seconds: number): WindowPoint[] {
  return Array.from({ length: seconds }, (_, i) => ({ t: last - seconds + 1 + i, count: 0, errors4xx: 0, errors5xx: 0, p50: 0, p99: 0 }));
}

export function liveView(metrics: Metrics, scope: { accountId: string; region: string }, query: LiveQuery, now: () => number = Date.now): LiveView {
  const { restApiId, stageName, seconds } = query;
  const recent = metrics.recent({ ...scope, apiId: restApiId, stage: stageName }, seconds, true);
  const last = recent.base?.points?.at(-1)?.t ?? recent.canary?.points?.at(-1)?.t ?? Math.floor(now() / 1000);
  const variant = (name: MetricVariant): LiveVariant => {
    const r = recent[name];
    return { summary: r?.summary ?? emptySummary(seconds), points: r?.points ?? emptyPoints(last, seconds) };
  };
  const variants = { base: variant('base'), canary: variant('canary') };
  const canary = variants.canary.summary.count;
  const total = variants.base.summary.count + canary;
  return {
    restApiId,
    stageName,
    seconds,
    now: last,
    variants,
    share: {
      total,
      canary,
      observed: total ? canary / total : null,
      interval: total ? wilsonInterval(canary, total, Z.p999) : null,
      confidence: 0.999,
    },
  };
}
