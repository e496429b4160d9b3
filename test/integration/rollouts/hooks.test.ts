// Pre- and post-traffic hooks (CodeDeploy's BeforeAllowTraffic / AfterAllowTraffic) as real Node
// functions: the first runs with the canary at 0 %, the second with everything on the canary; the
// rollout proceeds only on {"status": "Succeeded"} and rolls back on "Failed" or a thrown error.
import { beforeAll, describe, expect, it } from 'vitest';
import { useKanaria } from '../../helpers/kanaria.js';
import { apigateway, createApi, getStage, mockMethod, type TestApi } from '../gateway/api.js';
import { nodeFunction } from '../gateway/functions.js';
import { canaryStage, rolloutsApi, untilEnded, untilRollout } from './setup.js';

/** Succeeds only when called for `event` with the canary at `percent`; takes `delayMs` first. */
const checkingHook = (event: string, percent: number, delayMs = 0) => `export const handler = async (e) => {
  await new Promise((r) => setTimeout(r, ${delayMs}));
  const ok = e.LifecycleEvent === '${event}' && e.Rollout.percentTraffic === ${percent} && e.DeploymentId.startsWith('r-') && e.LifecycleEventHookExecutionId.startsWith(e.DeploymentId);
  return { status: ok ? 'Succeeded' : 'Failed' };
};`;

describe('rollouts: lifecycle hooks', () => {
  const k = useKanaria();
  let api: TestApi;

  beforeAll(async () => {
    api = await createApi(apigateway(k), 'rollout-hooks');
    await mockMethod(api, '/', '{"v": "$stageVariables.v"}');
    for (const stage of ['ok', 'pre-fails', 'post-throws']) {
      await canaryStage(api, stage, '1', '2', 'v');
    }
    await nodeFunction(k, 'hk-pre', checkingHook('BeforeAllowTraffic', 0));
    await nodeFunction(k, 'hk-post', checkingHook('AfterAllowTraffic', 100, 600));
    await nodeFunction(k, 'hk-failed', `export const handler = async () => ({ status: 'Failed' });`);
    await nodeFunction(k, 'hk-throws', `export const handler = async () => { throw new Error('smoke test failed'); };`);
  });

  const start = (stageName: string, hooks: Record<string, string>) =>
    rolloutsApi(k).start({ restApiId: api.apiId, stageName, plan: [{ weight: 50, hold: '200ms' }], hooks, gates: { errorRate: false, latency: false } });

  it('runs BeforeAllowTraffic at 0 % and AfterAllowTraffic at 100 %, then promotes', async () => {
    const started = await start('ok', { preTraffic: 'hk-pre', postTraffic: 'hk-post' });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ status: 'preTraffic', weight: 0 });
    // While AfterAllowTraffic runs, every request goes to the canary.
    await untilRollout(k, started.body.id, 'the AfterAllowTraffic hook', (view) => view.status === 'postTraffic', 15_000);
    expect((await getStage(api, 'ok')).canarySettings?.percentTraffic).toBe(100);
    const done = await untilEnded(k, started.body.id);
    expect(done.status).toBe('succeeded');
    expect(done.history.map((h: any) => h.event)).toEqual(['started', 'shift', 'hook', 'shift', 'stepPassed', 'shift', 'hook', 'promoted']);
    expect(done.history.filter((h: any) => h.event === 'hook').map((h: any) => [h.hook.lifecycleEvent, h.hook.functionName, h.hook.succeeded, h.hook.detail])).toEqual([
      ['BeforeAllowTraffic', 'hk-pre', true, 'answered {"status": "Succeeded"}'],
      ['AfterAllowTraffic', 'hk-post', true, 'answered {"status": "Succeeded"}'],
    ]);
    expect(done.history.filter((h: any) => h.event === 'shift').map((h: any) => h.weight)).toEqual([0, 50, 100]);
    expect((await getStage(api, 'ok')).variables).toEqual({ v: '2' });
  });

  it('rolls back before any traffic when BeforeAllowTraffic answers Failed', async () => {
    const started = await start('pre-fails', { preTraffic: 'hk-failed' });
    const done = await untilEnded(k, started.body.id, 15_000);
    expect(done).toMatchObject({ status: 'rolledBack', stepIndex: -1, reason: 'BeforeAllowTraffic hook hk-failed failed: answered {"status": "Failed"}' });
    expect(done.history.filter((h: any) => h.event === 'shift').map((h: any) => h.weight)).toEqual([0]);
    const stage = await getStage(api, 'pre-fails');
    expect([stage.variables, stage.canarySettings]).toEqual([{ v: '1' }, undefined]);
  });

  it('rolls back from 100 % when AfterAllowTraffic throws', async () => {
    const started = await start('post-throws', { postTraffic: 'hk-throws' });
    const done = await untilEnded(k, started.body.id, 15_000);
    expect(done.status).toBe('rolledBack');
    expect(done.reason).toMatch(/^AfterAllowTraffic hook hk-throws failed: function error \(Unhandled\): Error: smoke test failed$/);
    expect(done.history.filter((h: any) => h.event === 'shift').map((h: any) => h.weight)).toEqual([50, 100]);
    const stage = await getStage(api, 'post-throws');
    expect([stage.variables, stage.canarySettings]).toEqual([{ v: '1' }, undefined]);
  });
});
