// Gates that roll a bad canary back under load: a v2 failing 20 % of requests is rolled back at
// the first check after enough canary traffic while the base answers nothing but 200s; a v2
// slower by 200 ms is rolled back by the latency gate once fresh requests confirm it. Holds are
// real (5 minutes): only the gates can end these rollouts this soon.
import { beforeAll, describe, expect, it } from 'vitest';
import { useKanaria } from '../../helpers/kanaria.js';
import { getStage, type TestApi } from '../gateway/api.js';
import { canaryStage, functionsFor, HANDLERS, lambdaApi, rolloutsApi, startLoad, untilEnded, warm } from './setup.js';

const INTERVAL_MS = 1000;

describe('rollouts: gates roll a bad canary back', () => {
  const k = useKanaria({ debugHeaders: true });
  let api: TestApi;

  beforeAll(async () => {
    api = await lambdaApi(k, 'rollout-rollback');
    await functionsFor(k, api, { 'rb-v1': HANDLERS.v1, 'rb-failing': HANDLERS.failing, 'rb-slow': HANDLERS.slow });
    await warm(k, ['rb-v1', 'rb-failing', 'rb-slow']);
  });

  async function rollOut(stageName: string, canaryFn: string, gates: Record<string, unknown> = {}) {
    const ids = await canaryStage(api, stageName, 'rb-v1', canaryFn);
    const load = startLoad(k, api, stageName);
    const started = await rolloutsApi(k).start({ restApiId: api.apiId, stageName, plan: 'Canary10Percent5Minutes', gates: { interval: `${INTERVAL_MS}ms`, ...gates } });
    expect(started.status).toBe(201);
    const done = await untilEnded(k, started.body.id, 20_000);
    const stats = await load.stop();
    const stage = await getStage(api, stageName);
    return { ids, done, stats, stage };
  }

  /**
   * Rolled back within `checks` gate checks of the moment the gates could judge, after `events`.
   * That moment is when the clients had seen the canary's 20th answer (the gates' minimum) or, for
   * an alarm, its first 5XX: counted from the rollout's start instead, a machine busy with other
   * tests (fewer requests a second) made these checks fail though the gates were right.
   */
  function expectRolledBack(r: Awaited<ReturnType<typeof rollOut>>, checks: number, events: string[], judgeableFrom: 'enoughRequests' | 'firstError' = 'enoughRequests') {
    expect(r.done.status).toBe('rolledBack');
    expect(r.done.stepIndex).toBe(0);
    const answers = r.stats.canaryAnswers;
    const from = judgeableFrom === 'firstError' ? answers.find((a) => a.status >= 500)?.at : answers[19]?.at;
    expect(from).toBeDefined();
    expect(r.done.endedAt - Math.max(from!, r.done.createdAt)).toBeLessThan(checks * INTERVAL_MS + 500);
    expect(r.done.history.map((h: any) => h.event)).toEqual(['started', 'shift', ...events, 'rolledBack']);
    expect(r.done.history.at(-1).patches).toEqual([
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
      { op: 'remove', path: '/canarySettings' },
    ]);
    expect(r.done.lastGate.canary.count).toBeGreaterThanOrEqual(20);
    expect(r.stage.deploymentId).toBe(r.ids.baseId);
    expect(r.stage.variables).toEqual({ fn: 'rb-v1' });
    expect(r.stage.canarySettings).toBeUndefined();
  }

  it('rolls back a v2 that fails 20 % of requests; the base never answers an error', async () => {
    const r = await rollOut('failing', 'rb-failing');
    // At the first check once the canary had enough requests: before a second interval passed.
    expectRolledBack(r, 2, []);
    const gate = r.done.lastGate;
    expect(r.done.reason).toMatch(/^gate failed: canary 5XX rate [\d.]+% \(max 5%\)/);
    expect(gate.canary.errorRate).toBeGreaterThan(10);
    expect(gate.canary.errorRate).toBeLessThan(30);
    expect(gate.checks.find((c: any) => c.name === 'errorRate')).toMatchObject({ ok: false, threshold: 5, unit: '%' });
    expect(gate.base).toMatchObject({ errors5xx: 0, errorRate: 0 });

    // Base answers seen by the clients and counted by the stage metrics: not one error.
    expect(Object.keys(r.stats.byVariant.base)).toEqual(['200']);
    expect(r.stats.byVariant.canary[500]).toBeGreaterThan(0);
    const metrics = (await (await fetch(`${k.url}/_kanaria/metrics`)).json()).stages.find((s: any) => s.apiId === api.apiId && s.stage === 'failing');
    expect(metrics.variants.base['5XXError']).toBe(0);
    expect(metrics.variants.base['4XXError']).toBe(0);
    expect(metrics.variants.canary['5XXError']).toBeGreaterThan(0);
  });

  it('rolls back a v2 slower by 200 ms on the p99 latency gate', async () => {
    const r = await rollOut('slow', 'rb-slow');
    // Suspected at the first check, then confirmed once enough requests came after that second
    // (the slow canary gets few: its clients wait on it).
    expectRolledBack(r, 6, ['suspect']);
    const suspect = r.done.history[2];
    expect(suspect.message).toMatch(/^gate failed: canary p99 .*; confirming on fresh requests before rolling back$/);
    const gate = r.done.lastGate;
    expect(Math.floor(gate.at / 1000) - gate.windowSeconds + 1).toBeGreaterThan(Math.floor(suspect.at / 1000));
    expect(r.done.reason).toMatch(/^gate failed: canary p99 [\d.]+ ms vs base p99 [\d.]+ ms/);
    expect(gate.canary.p99).toBeGreaterThanOrEqual(200);
    expect(gate.base.p99).toBeLessThan(100);
    expect(gate.checks.find((c: any) => c.name === 'latencyP99VsBase')).toMatchObject({ ok: false, unit: 'ms' });
    expect(gate.checks.find((c: any) => c.name === 'errorRate')).toMatchObject({ ok: true, value: 0 });
    expect(Object.keys(r.stats.byVariant.base)).toEqual(['200']);
  });

  it('rolls back on a CloudWatch-style alarm alone, from the stage metrics', async () => {
    const alarm = { metric: '5XXError', statistic: 'Sum', threshold: 0, period: '1s' };
    const r = await rollOut('alarm', 'rb-failing', { errorRate: false, latency: false, alarm });
    expectRolledBack(r, 3, [], 'firstError');
    expect(r.done.reason).toMatch(/^gate failed: alarm canary 5XXError Sum > 0: ALARM over \d+ s/);
    expect(r.done.lastGate.alarm.state).toBe('ALARM');
    expect(r.done.lastGate.alarm.datapoints.at(-1)).toMatchObject({ breaching: true, value: expect.any(Number) });
    expect(r.done.gates.alarm).toEqual({ ...alarm, period: undefined, variant: 'canary', comparison: 'GreaterThanThreshold', periodSeconds: 1, evaluationPeriods: 1, datapointsToAlarm: 1 });
  });
});
