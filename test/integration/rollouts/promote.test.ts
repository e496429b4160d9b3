// A healthy v2 (a Node handler, not warmed up: its cold starts come with the traffic) under load:
// a time-scaled Linear10PercentEvery1Minute walks every step with its gates measured, then
// promotes with the AWS guide's copy operations: GetStage shows the v2 deployment, the override
// copied into the variables and no canary.
import { beforeAll, describe, expect, it } from 'vitest';
import { useKanaria } from '../../helpers/kanaria.js';
import { getStage, stageUrl, type TestApi } from '../gateway/api.js';
import { canaryStage, functionsFor, HANDLERS, lambdaApi, rolloutsApi, startLoad, untilEnded } from './setup.js';

describe('rollouts: a healthy canary is promoted', () => {
  const k = useKanaria({ debugHeaders: true });
  let api: TestApi;
  let ids: { baseId: string; canaryId: string };

  beforeAll(async () => {
    api = await lambdaApi(k, 'rollout-promote');
    await functionsFor(k, api, { 'rp-v1': HANDLERS.v1, 'rp-v2': HANDLERS.v2 });
    ids = await canaryStage(api, 'dev', 'rp-v1', 'rp-v2');
  });

  it('walks all nine linear steps under load, records each gate, and ends promoted', async () => {
    const rollouts = rolloutsApi(k);
    const load = startLoad(k, api, 'dev');
    const started = await rollouts.start({ restApiId: api.apiId, stageName: 'dev', plan: 'CodeDeployDefault.LambdaLinear10PercentEvery1Minute', timeScale: 0.01 });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ status: 'holding', weight: 10, step: { number: 1, count: 9, holdMs: 600 }, canaryDeploymentId: ids.canaryId, baseDeploymentId: ids.baseId });
    expect((await getStage(api, 'dev')).canarySettings?.percentTraffic).toBe(10);

    const done = await untilEnded(k, started.body.id, 60_000);
    const stats = await load.stop();
    expect([done.status, done.reason]).toEqual(['succeeded', 'every step passed']);

    const stage = await getStage(api, 'dev');
    expect(stage.deploymentId).toBe(ids.canaryId);
    expect(stage.variables).toEqual({ fn: 'rp-v2' });
    expect(stage.canarySettings).toBeUndefined();

    // A cold start may raise a latency suspicion (fresh requests then cleared it), and a hold may
    // end before the canary had enough requests (it waited for them); nothing else happened.
    expect(done.history.filter((h: any) => !['started', 'shift', 'stepPassed', 'suspect', 'waiting', 'promoted'].includes(h.event))).toEqual([]);
    const passed = done.history.filter((h: any) => h.event === 'stepPassed');
    expect(passed.map((h: any) => h.weight)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90]);
    for (const h of passed) {
      expect(h.gate.verdict).toBe('pass');
      expect(h.gate.canary.count).toBeGreaterThanOrEqual(20);
      expect(h.gate.canary.errors5xx).toBe(0);
      expect(h.gate.checks.map((c: any) => c.name)).toEqual(['errorRate', 'errorRateOverBase', 'latencyP99VsBase']);
      expect(h.gate.checks.every((c: any) => c.ok && typeof c.value === 'number' && typeof c.threshold === 'number')).toBe(true);
    }
    const shifts = done.history.filter((h: any) => h.event === 'shift').map((h: any) => h.patches);
    expect(shifts).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90].map((w) => [{ op: 'replace', path: '/canarySettings/percentTraffic', value: `${w}.0` }]));
    expect(done.history.at(-1)).toMatchObject({
      event: 'promoted',
      patches: [
        { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
        { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
        { op: 'remove', path: '/canarySettings' },
      ],
    });

    // No answer failed on either side; base answered v1 and the canary v2.
    expect(stats.failures).toBe(0);
    expect(Object.keys(stats.bodies).sort()).toEqual(['base v1', 'base v2', 'canary v2'].filter((b) => stats.bodies[b]));
    expect(stats.byVariant.base?.[200]).toBeGreaterThan(0);
    expect(stats.byVariant.canary?.[200]).toBeGreaterThan(0);
    for (const byStatus of Object.values(stats.byVariant)) expect(Object.keys(byStatus)).toEqual(['200']);

    // After the promotion every answer is v2 from the base variant.
    const res = await fetch(stageUrl(k, api.apiId, 'dev'));
    expect([res.headers.get('x-kanaria-variant'), await res.text()]).toEqual(['base', 'v2']);
  });
});
