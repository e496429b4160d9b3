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
  /** Epoch ms the datapoint was taken (the end of its period). */
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
 * The datapoints after one evaluation at `now`: a new one when a period has passed since the
 * last (or there is none yet), keeping the last `evaluationPeriods`.
 */
export function takeDatapoint(config: AlarmConfig, previous: Datapoint[], now: number, period: WindowSummary | undefined): Datapoint[] {
  const last = previous.at(-1);
  if (last && now - last.at < config.periodSeconds * 1000) return previous;
  const value = statisticOf(config, period);
  const point: Datapoint = { at: now, value, breaching: value !== null && COMPARE[config.comparison](value, config.threshold) };
  return [...previous, point].slice(-config.evaluationPeriods);
}

export function alarmState(config: AlarmConfig, datapoints: Datapoint[]): AlarmState {
  if (datapoints.filter((d) => d.breaching).length >= config.datapointsToAlarm) return 'ALARM';
  return datapoints.some((d) => d.value !== null) ? 'OK' : 'INSUFFICIENT_DATA';
}

/** `canary 5XXError Average > 0.05` */
export function describeAlarm(config: AlarmConfig): string {
  return `${config.variant} ${config.metric} ${config.statistic} ${COMPARISON_SIGN[config.comparison]} ${config.threshold}`;
}
