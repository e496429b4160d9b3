// A CloudWatch-style alarm on one stage metric of one variant: a statistic per period compared
// with a threshold, ALARM when `datapointsToAlarm` of the last `evaluationPeriods` datapoints
// breach. Missing data (no requests in a period) neither breaches nor clears. Pure.
import type { WindowSummary } from '../telemetry/window.js';

export type AlarmMetric = 'Count' | '4XXError' | '5XXError' | 'Latency';
export type AlarmStatistic = 'Sum' | 'SampleCount' | 'Average' | 'Maximum' | 'p50' | 'p90' | 'p99';
export type AlarmComparison = 'GreaterThanThreshold' | 'GreaterThanOrEqualToThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold';
export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export interface AlarmConfig {
  metric: AlarmMetric;
  variant: 'base' | 'canary';
  statistic: AlarmStatistic;
  threshold: number;
  comparison: AlarmComparison;
  /** Seconds per datapoint (real time: metrics are not scaled). */
  periodSeconds: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
}

export interface Datapoint {
  /** Epoch ms of the end of its period. */
  at: number;
  /** The statistic, or null when the period had no requests. */
  value: number | null;
  breaching: boolean;
}

/** Which statistics each metric has (AWS/ApiGateway: the error metrics' Average is the error rate). */
export const ALARM_STATISTICS: Record<AlarmMetric, AlarmStatistic[]> = {
  Count: ['Sum', 'SampleCount'],
  '4XXError': ['Sum', 'SampleCount', 'Average'],
  '5XXError': ['Sum', 'SampleCount', 'Average'],
  Latency: ['SampleCount', 'Average', 'Maximum', 'p50', 'p90', 'p99'],
};

const COMPARE: Record<AlarmComparison, (v: number, t: number) => boolean> = {
  GreaterThanThreshold: (v, t) => v > t,
  GreaterThanOrEqualToThreshold: (v, t) => v >= t,
  LessThanThreshold: (v, t) => v < t,
  LessThanOrEqualToThreshold: (v, t) => v <= t,
};

export const COMPARISON_SIGN: Record<AlarmComparison, string> = {
  GreaterThanThreshold: '>',
  GreaterThanOrEqualToThreshold: '>=',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '<=',
};

/** The statistic of one period's summary, or null for a period without requests. */
export function statisticOf(config: AlarmConfig, s: WindowSummary | undefined): number | null {
  if (!s || s.count === 0) return null;
  if (config.statistic === 'SampleCount') return s.count;
  if (config.metric === 'Count') return s.count;
  if (config.metric === 'Latency') {
    const l = s.latency;
    return { Average: l.avg, Maximum: l.max, p50: l.p50, p90: l.p90, p99: l.p99 }[config.statistic as 'Average'] ?? null;
  }
  const errors = config.metric === '5XXError' ? s.errors5xx : s.errors4xx;
  return config.statistic === 'Sum' ? errors : errors / s.count;
}

/**
 * The datapoints after one evaluation at `now` (epoch ms). Periods are whole and aligned to the
 * epoch, as CloudWatch's are, so a datapoint covers exactly one period and none is skipped or
 * read twice: one datapoint for each period that has ended since the last one (only the latest
 * ended one for a first evaluation), keeping the last `evaluationPeriods`.
 * `periodSummary(from, to)` summarises the epoch seconds [from, to).
 * (A datapoint of the last `period` seconds including the current, still-young second missed
 * most of what happened since the previous evaluation: seen as a 1 s alarm taking 12 s to fire.)
 */
export function takeDatapoints(
  config: AlarmConfig,
  previous: Datapoint[],
  now: number,
  periodSummary: (from: number, to: number) => WindowSummary | undefined,
): Datapoint[] {
  const p = config.periodSeconds;
  const lastEnd = Math.floor(now / 1000 / p) * p;
  const taken = previous.at(-1);
  const first = taken ? Math.max(Math.floor(taken.at / 1000 / p) * p + p, lastEnd - (config.evaluationPeriods - 1) * p) : lastEnd;
  const points = [...previous];
  for (let end = first; end <= lastEnd; end += p) {
    const value = statisticOf(config, periodSummary(end - p, end));
    points.push({ at: end * 1000, value, breaching: value !== null && COMPARE[config.comparison](value, config.threshold) });
  }
  return points.length === previous.length ? previous : points.slice(-config.evaluationPeriods);
}

export function alarmState(config: AlarmConfig, datapoints: Datapoint[]): AlarmState {
  if (datapoints.filter((d) => d.breaching).length >= config.datapointsToAlarm) return 'ALARM';
  return datapoints.some((d) => d.value !== null) ? 'OK' : 'INSUFFICIENT_DATA';
}

/** `canary 5XXError Average > 0.05` */
export function describeAlarm(config: AlarmConfig): string {
  return `${config.variant} ${config.metric} ${config.statistic} ${COMPARISON_SIGN[config.comparison]} ${config.threshold}`;
}
