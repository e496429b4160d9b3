// Gates on window summaries: the minimum sample, 5XX rate absolute and above base, p99 against
// base (ratio with a tolerance) and an absolute cap, the window span, and CloudWatch-style alarms.
import { describe, expect, it } from 'vitest';
import { alarmState, statisticOf, takeDatapoints, type AlarmConfig } from '../../../src/rollouts/alarm.js';
import { DEFAULT_GATES, evaluateGates, gateWindowFrom, gateWindowSeconds, type GateConfig } from '../../../src/rollouts/gates.js';
import { SecondWindow, type WindowSummary } from '../../../src/telemetry/window.js';

function summary(count: number, errors5xx: number, p99: number, extra: Partial<WindowSummary['latency']> = {}): WindowSummary {
  return { seconds: 10, count, errors4xx: 0, errors5xx, latency: { avg: p99 / 2, p50: p99 / 2, p90: p99 * 0.9, p99, max: p99, ...extra } };
}

const judge = (config: GateConfig, base: WindowSummary | undefined, canary: WindowSummary | undefined) => evaluateGates(config, { base, canary }, [], 1000, 10);

describe('rollout gates', () => {
  it('does not judge before the canary has minRequests, then passes a healthy canary', () => {
    const early = judge(DEFAULT_GATES, summary(500, 0, 5), summary(19, 19, 900));
    expect(early.verdict).toBe('insufficient');
    expect(early.reason).toBe('19 of 20 canary requests needed before the gates judge');
    const healthy = judge(DEFAULT_GATES, summary(500, 0, 5), summary(60, 0, 7));
    expect(healthy.verdict).toBe('pass');
    expect(healthy.checks.map((c) => [c.name, c.ok, c.value, c.threshold])).toEqual([
      ['errorRate', true, 0, 5],
      ['errorRateOverBase', true, 0, 2],
      ['latencyP99VsBase', true, 7, 55],
    ]);
  });

  it('fails a canary whose 5XX rate is over the cap, with the measured values in the reason', () => {
    const report = judge(DEFAULT_GATES, summary(900, 0, 5), summary(100, 20, 6));
    expect(report.verdict).toBe('fail');
    expect(report.canary).toMatchObject({ count: 100, errors5xx: 20, errorRate: 20 });
    expect(report.reason).toBe("gate failed: canary 5XX rate 20% (max 5%); canary 5XX rate 20 points above base's 0% (max 2) over 10 s, 100 canary requests");
  });

  it('judges the rate above base separately from the absolute cap', () => {
    const config = { ...DEFAULT_GATES, errorRate: { max: 50, maxOverBase: 2 } };
    expect(judge(config, summary(1000, 40, 5), summary(100, 5, 5)).verdict).toBe('pass');
    const worse = judge(config, summary(1000, 10, 5), summary(100, 5, 5));
    expect(worse.verdict).toBe('fail');
    expect(worse.checks.find((c) => c.name === 'errorRateOverBase')).toMatchObject({ ok: false, value: 4 });
  });

  it('compares p99 with base by ratio, forgives differences within the tolerance, and caps it when asked', () => {
    const config = { ...DEFAULT_GATES, errorRate: null };
    expect(judge(config, summary(500, 0, 3), summary(50, 0, 40)).verdict).toBe('pass');
    const slow = judge(config, summary(500, 0, 5), summary(50, 0, 205));
    expect(slow.verdict).toBe('fail');
    expect(slow.checks[0]).toMatchObject({ name: 'latencyP99VsBase', value: 205, threshold: 55 });
    expect(judge(config, summary(500, 0, 400), summary(50, 0, 700)).verdict).toBe('pass');
    expect(judge(config, summary(500, 0, 400), summary(50, 0, 900)).verdict).toBe('fail');
    const capped = { ...config, latency: { p99Ratio: 2, p99ToleranceMs: 50, p99MaxMs: 100 } };
    expect(judge(capped, summary(500, 0, 80), summary(50, 0, 120)).checks.map((c) => [c.name, c.ok])).toEqual([['latencyP99', false], ['latencyP99VsBase', true]]);
  });

  it('skips base comparisons without base traffic and passes with no gates at all', () => {
    expect(judge(DEFAULT_GATES, undefined, summary(50, 0, 10)).checks.map((c) => c.name)).toEqual(['errorRate']);
    const none = { ...DEFAULT_GATES, errorRate: null, latency: null };
    expect(judge(none, undefined, undefined).verdict).toBe('pass');
  });

  it('reads the window from the step start (its second included), capped by the configured span', () => {
    expect(gateWindowSeconds(10_700, 11_200, 60)).toBe(2);
    expect(gateWindowSeconds(10_700, 10_900, 60)).toBe(1);
    expect(gateWindowSeconds(0, 500_000, 60)).toBe(60);
  });

  it('starts the window after a latency suspicion\'s second, and has nothing to read before it', () => {
    expect(gateWindowFrom(10_700, null)).toBe(10_700);
    expect(gateWindowFrom(10_700, 12_300)).toBe(13_000);
    expect(gateWindowSeconds(13_000, 12_900, 60)).toBe(0);
    expect(gateWindowSeconds(13_000, 13_100, 60)).toBe(1);
  });
});

describe('rollout alarm', () => {
  const alarm: AlarmConfig = { metric: '5XXError', variant: 'canary', statistic: 'Average', threshold: 0.1, comparison: 'GreaterThanThreshold', periodSeconds: 5, evaluationPeriods: 3, datapointsToAlarm: 2 };

  it('computes AWS/ApiGateway statistics: Sum, SampleCount, error rate as Average, latency percentiles', () => {
    const s = summary(200, 30, 80);
    expect(statisticOf(alarm, s)).toBe(0.15);
    expect(statisticOf({ ...alarm, statistic: 'Sum' }, s)).toBe(30);
    expect(statisticOf({ ...alarm, metric: 'Count', statistic: 'SampleCount' }, s)).toBe(200);
    expect(statisticOf({ ...alarm, metric: 'Latency', statistic: 'p99' }, s)).toBe(80);
    expect(statisticOf({ ...alarm, metric: 'Latency', statistic: 'Maximum' }, s)).toBe(80);
    expect(statisticOf(alarm, summary(0, 0, 0))).toBeNull();
  });

  it('takes one datapoint per whole period, keeps evaluationPeriods of them, and alarms on M of N', () => {
    const asked: number[][] = [];
    const take = (previous: Parameters<typeof takeDatapoints>[1], now: number, s: WindowSummary | undefined) =>
      takeDatapoints(alarm, previous, now, (from, to) => (asked.push([from, to]), s));
    let points = take([], 7_300, summary(100, 20, 5));
    // The latest period that has ended: seconds [0, 5), its datapoint stamped with its end.
    expect(asked).toEqual([[0, 5]]);
    expect(points).toEqual([{ at: 5_000, value: 0.2, breaching: true }]);
    expect(take(points, 9_999, summary(100, 90, 5))).toBe(points);
    expect(alarmState(alarm, points)).toBe('OK');
    points = take(points, 10_000, summary(100, 0, 5));
    points = take(points, 15_400, undefined);
    expect(asked.slice(1)).toEqual([[5, 10], [10, 15]]);
    expect(points.map((p) => [p.value, p.breaching])).toEqual([[0.2, true], [0, false], [null, false]]);
    expect(alarmState(alarm, points)).toBe('OK');
    points = take(points, 20_000, summary(50, 10, 5));
    expect(points).toHaveLength(3);
    expect(alarmState(alarm, points)).toBe('OK');
    points = take(points, 25_000, summary(50, 10, 5));
    expect(alarmState(alarm, points)).toBe('ALARM');
    expect(alarmState(alarm, [{ at: 0, value: null, breaching: false }])).toBe('INSUFFICIENT_DATA');
  });

  it('catches up on every period that ended between two late evaluations, up to evaluationPeriods', () => {
    const asked: number[][] = [];
    const points = takeDatapoints(alarm, [{ at: 5_000, value: 0, breaching: false }], 31_000, (from, to) => (asked.push([from, to]), summary(10, 5, 5)));
    expect(asked).toEqual([[15, 20], [20, 25], [25, 30]]);
    expect(points.map((p) => p.at)).toEqual([20_000, 25_000, 30_000]);
    expect(alarmState(alarm, points)).toBe('ALARM');
  });

  it('counts a 5XX from early in a 1 s period when evaluated just after it ended', () => {
    // Regression: a datapoint read from the last 1 s including the current second saw only the
    // 50 ms of that second, so errors since the previous evaluation went unseen.
    let now = 10_200;
    const w = new SecondWindow(600, () => now);
    const oneSecond: AlarmConfig = { ...alarm, statistic: 'Sum', threshold: 0, periodSeconds: 1, evaluationPeriods: 1, datapointsToAlarm: 1 };
    const first = takeDatapoints(oneSecond, [], now, (from, to) => w.between(from, to));
    w.record(502, 3);
    now = 11_050;
    w.record(200, 3);
    const points = takeDatapoints(oneSecond, first, now, (from, to) => w.between(from, to));
    expect(points).toEqual([{ at: 11_000, value: 1, breaching: true }]);
    expect(alarmState(oneSecond, points)).toBe('ALARM');
  });

  it('fails the gates on ALARM even before minRequests', () => {
    const config = { ...DEFAULT_GATES, alarm: { ...alarm, datapointsToAlarm: 1, evaluationPeriods: 1 } };
    const points = takeDatapoints(config.alarm, [], 5_000, () => summary(5, 5, 5));
    const report = evaluateGates(config, { canary: summary(5, 5, 5) }, points, 0, 5);
    expect(report.verdict).toBe('fail');
    expect(report.alarm?.state).toBe('ALARM');
    expect(report.reason).toContain('alarm canary 5XXError Average > 0.1: ALARM');
  });
});
