// Stage metrics per variant (base / canary), named after AWS/ApiGateway's: Count, 4XXError,
// 5XXError, Latency, IntegrationLatency (api-gateway-metrics-and-dimensions). Recording is O(1)
// and allocation-free (fixed log-scale histograms); readers get JSON snapshots or Prometheus text.
// A per-variant dimension is Kanaria's own design: AWS documents none for canary metrics.
import { Histogram, micro, summarize, type LatencySummary } from './metrics-histogram.js';
import { SecondWindow, type WindowPoint, type WindowSummary } from './window.js';

export type MetricVariant = 'base' | 'canary';

export interface SeriesLabels {
  accountId: string;
  region: string;
  apiId: string;
  apiName: string;
  stage: string;
  variant: MetricVariant;
}

export { Histogram };

/** Seconds of per-second history kept for each series (live charts, rollout gates). */
export const WINDOW_SECONDS = 600;

export class Series {
  readonly labels: SeriesLabels;
  count = 0;
  errors4xx = 0;
  errors5xx = 0;
  readonly latency = new Histogram();
  readonly integrationLatency = new Histogram();
  /** The last WINDOW_SECONDS seconds, second by second. */
  readonly recent: SecondWindow;

  constructor(labels: SeriesLabels, now: () => number = Date.now) {
    this.labels = labels;
    this.recent = new SecondWindow(WINDOW_SECONDS, now);
  }

  /** One answered request. `integrationLatencyMs` < 0 means no integration was reached (not recorded). */
  record(status: number, latencyMs: number, integrationLatencyMs: number): void {
    this.count++;
    if (status >= 400 && status < 500) this.errors4xx++;
    else if (status >= 500) this.errors5xx++;
    this.latency.record(latencyMs);
    if (integrationLatencyMs >= 0) this.integrationLatency.record(integrationLatencyMs);
    this.recent.record(status, latencyMs);
  }

  merge(other: Series): void {
    this.count += other.count;
    this.errors4xx += other.errors4xx;
    this.errors5xx += other.errors5xx;
    this.latency.merge(other.latency);
    this.integrationLatency.merge(other.integrationLatency);
  }
}

export interface VariantMetrics {
  Count: number;
  '4XXError': number;
  '5XXError': number;
  Latency: LatencySummary;
  IntegrationLatency: LatencySummary;
}

export interface StageMetrics {
  accountId: string;
  region: string;
  apiId: string;
  apiName: string;
  stage: string;
  variants: Partial<Record<MetricVariant, VariantMetrics>>;
  /** Both variants together. */
  total: VariantMetrics;
}

function variantMetrics(s: Series): VariantMetrics {
  return { Count: s.count, '4XXError': s.errors4xx, '5XXError': s.errors5xx, Latency: summarize(s.latency), IntegrationLatency: summarize(s.integrationLatency) };
}

/** Identifies one stage's series. */
export interface StageRef {
  accountId: string;
  region: string;
  apiId: string;
  stage: string;
}

export interface RecentVariant {
  summary: WindowSummary;
  /** One point per second, oldest first (only when asked for). */
  points?: WindowPoint[];
}

export interface Metrics {
  /** The series of one stage variant, created on first use; keep the handle, record on it. */
  series(labels: SeriesLabels): Series;
  /** The last `seconds` seconds of a stage, per variant that has a series. */
  recent(stage: StageRef, seconds: number, withPoints?: boolean): Partial<Record<MetricVariant, RecentVariant>>;
  /** The epoch seconds [from, to) of a stage (within the last WINDOW_SECONDS), per variant that has a series. */
  between(stage: StageRef, from: number, to: number): Partial<Record<MetricVariant, WindowSummary>>;
  snapshot(): StageMetrics[];
  /** Prometheus text exposition format (version 0.0.4). */
  prometheus(): string;
}

export function createMetrics(options: { now?: () => number } = {}): Metrics {
  const now = options.now ?? Date.now;
  const all = new Map<string, Series>();
  const stageKey = (l: StageRef) => `${l.accountId}/${l.region}/${l.apiId}/${l.stage}`;

  function snapshot(): StageMetrics[] {
    const stages = new Map<string, StageMetrics & { merged: Series }>();
    for (const s of all.values()) {
      const key = stageKey(s.labels);
      let stage = stages.get(key);
      if (!stage) {
        const { accountId, region, apiId, apiName, stage: name } = s.labels;
        const merged = new Series({ ...s.labels });
        stage = { accountId, region, apiId, apiName, stage: name, variants: {}, total: variantMetrics(merged), merged };
        stages.set(key, stage);
      }
      stage.variants[s.labels.variant] = variantMetrics(s);
      stage.merged.merge(s);
    }
    return [...stages.values()].map(({ merged, ...stage }) => ({ ...stage, total: variantMetrics(merged) }));
  }

  /** `read` of each variant of a stage that has a series. */
  function perVariant<T>(stage: StageRef, read: (w: SecondWindow) => T): Partial<Record<MetricVariant, T>> {
    const out: Partial<Record<MetricVariant, T>> = {};
    for (const variant of ['base', 'canary'] as const) {
      const s = all.get(`${stageKey(stage)}/${variant}`);
      if (s) out[variant] = read(s.recent);
    }
    return out;
  }

  return {
    series(labels) {
      const key = `${stageKey(labels)}/${labels.variant}`;
      let s = all.get(key);
      if (!s) all.set(key, (s = new Series(labels, now)));
      else if (s.labels.apiName !== labels.apiName) (s.labels as SeriesLabels).apiName = labels.apiName;
      return s;
    },
    recent: (stage, seconds, withPoints = false) =>
      perVariant(stage, (w) => ({ summary: w.summary(seconds), ...(withPoints ? { points: w.points(seconds) } : {}) })),
    between: (stage, from, to) => perVariant(stage, (w) => w.between(from, to)),
    snapshot,
    prometheus: () => prometheusText([...all.values()]),
  };
}

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

function labelText(l: SeriesLabels, extra = ''): string {
  const pairs = [
    `account_id="${escapeLabel(l.accountId)}"`,
    `region="${escapeLabel(l.region)}"`,
    `api_id="${escapeLabel(l.apiId)}"`,
    `api_name="${escapeLabel(l.apiName)}"`,
    `stage="${escapeLabel(l.stage)}"`,
    `variant="${l.variant}"`,
  ];
  if (extra) pairs.push(extra);
  return `{${pairs.join(',')}}`;
}

function prometheusText(series: Series[]): string {
  const lines: string[] = [];
  const counter = (name: string, help: string, value: (s: Series) => number) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
    for (const s of series) lines.push(`${name}${labelText(s.labels)} ${value(s)}`);
  };
  const summaryOf = (name: string, help: string, hist: (s: Series) => Histogram) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} summary`);
    for (const s of series) {
      const h = hist(s);
      for (const q of [0.5, 0.9, 0.99]) lines.push(`${name}${labelText(s.labels, `quantile="${q}"`)} ${micro(h.percentile(q))}`);
      lines.push(`${name}_sum${labelText(s.labels)} ${micro(h.sum)}`, `${name}_count${labelText(s.labels)} ${h.count}`);
    }
  };
  counter('kanaria_apigateway_requests_total', 'Requests answered by a stage variant (AWS/ApiGateway Count).', (s) => s.count);
  counter('kanaria_apigateway_4xx_errors_total', 'Answers with a 4XX status (AWS/ApiGateway 4XXError).', (s) => s.errors4xx);
  counter('kanaria_apigateway_5xx_errors_total', 'Answers with a 5XX status (AWS/ApiGateway 5XXError).', (s) => s.errors5xx);
  summaryOf('kanaria_apigateway_latency_milliseconds', 'Time from request to answer (AWS/ApiGateway Latency).', (s) => s.latency);
  summaryOf('kanaria_apigateway_integration_latency_milliseconds', 'Time spent in the integration (AWS/ApiGateway IntegrationLatency).', (s) => s.integrationLatency);
  return `${lines.join('\n')}\n`;
}
