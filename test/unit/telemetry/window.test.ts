import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../../src/telemetry/metrics.js';
import { SecondWindow } from '../../../src/telemetry/window.js';

describe('per-second window', () => {
  it('keeps one slot per second and forgets what is older than its size', () => {
    let t = 1_000_000;
    const w = new SecondWindow(5, () => t);
    w.record(200, 10);
    w.record(502, 30);
    t += 1000;
    w.record(404, 20);
    expect(w.points(3).map((p) => [p.count, p.errors4xx, p.errors5xx])).toEqual([
      [0, 0, 0],
      [2, 0, 1],
      [1, 1, 0],
    ]);
    expect(w.summary(2)).toMatchObject({ count: 3, errors4xx: 1, errors5xx: 1 });
    t += 5000; // the ring has turned: the old seconds are gone, not added to the new ones
    w.record(200, 5);
    expect(w.summary(5)).toMatchObject({ count: 1, errors4xx: 0, errors5xx: 0 });
  });

  it('reports window percentiles within the coarse bucket width (10 %)', () => {
    const t = 5_000_000;
    const w = new SecondWindow(60, () => t);
    for (let i = 1; i <= 1000; i++) w.record(200, i);
    const { latency } = w.summary(60);
    expect(latency.p50).toBeGreaterThan(500 * 0.95);
    expect(latency.p50).toBeLessThan(500 * 1.1);
    expect(latency.p99).toBeGreaterThan(990 * 0.95);
    expect(latency.max).toBe(1000);
  });

  it('is read per stage and variant through Metrics.recent', () => {
    let t = 2_000_000;
    const metrics = createMetrics({ now: () => t });
    const labels = { accountId: 'a', region: 'r', apiId: 'api', apiName: 'n', stage: 'dev' };
    metrics.series({ ...labels, variant: 'base' }).record(200, 3, 2);
    metrics.series({ ...labels, variant: 'canary' }).record(500, 7, 6);
    t += 1000;
    const recent = metrics.recent({ accountId: 'a', region: 'r', apiId: 'api', stage: 'dev' }, 10, true);
    expect(recent.base?.summary.count).toBe(1);
    expect(recent.canary?.summary.errors5xx).toBe(1);
    expect(recent.canary?.points).toHaveLength(10);
    expect(metrics.recent({ accountId: 'a', region: 'r', apiId: 'other', stage: 'dev' }, 10)).toEqual({});
  });
});
