// The scheduler on a manual clock: a plan walked to promotion by moving time (no sleeping), gate
// checks at the scaled interval, pause stopping the timers, a restart keeping the stored hold
// end, and a stage patch the stage refuses. Stage patches go through the real patch rules.
import { describe, expect, it } from 'vitest';
import type { PatchOperation, Stage } from '../../../src/aws/generated/apigateway.js';
import { manualClock } from '../../../src/runtime/clock.js';
import { DEFAULT_GATES } from '../../../src/rollouts/gates.js';
import type { HookRunner } from '../../../src/rollouts/hooks.js';
import type { Rollout, RolloutSpec } from '../../../src/rollouts/model.js';
import { parsePlan } from '../../../src/rollouts/plans.js';
import { rolloutRepository } from '../../../src/rollouts/rollout-store.js';
import { createScheduler } from '../../../src/rollouts/scheduler.js';
import type { StageControl } from '../../../src/rollouts/stage-control.js';
import { patchStage } from '../../../src/services/apigateway/rules/patch-stage.js';
import { openSqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../../src/store/store.js';
import type { WindowSummary } from '../../../src/telemetry/window.js';

const summary = (count: number, errors5xx = 0): WindowSummary => ({ seconds: 1, count, errors4xx: 0, errors5xx, latency: { avg: 2, p50: 2, p90: 3, p99: 4, max: 5 } });

function world(store: Store = openSqliteStore(':memory:'), clock = manualClock(1_000_000)) {
  const state: { stage: Stage | undefined; calls: PatchOperation[][]; canary: WindowSummary; base: WindowSummary; reads: number[] } = {
    stage: { stageName: 'dev', deploymentId: 'd1', variables: { fn: 'v1' }, canarySettings: { deploymentId: 'd2', percentTraffic: 0, stageVariableOverrides: { fn: 'v2' } } },
    calls: [],
    canary: summary(50),
    base: summary(500),
    reads: [],
  };
  const stages: StageControl = {
    getStage: () => structuredClone(state.stage),
    updateStage(_ref, ops) {
      state.stage = patchStage(state.stage!, ops, { deploymentExists: (id) => ['d1', 'd2'].includes(id) });
      state.calls.push(ops);
      return state.stage;
    },
    functionProblem: async () => null,
  };
  const hooks: HookRunner = { run: async (_r, hook) => ({ lifecycleEvent: hook === 'preTraffic' ? 'BeforeAllowTraffic' : 'AfterAllowTraffic', functionName: 'fn', succeeded: true, detail: 'ok', durationMs: 1 }) };
  const metrics = {
    recent: (_ref: unknown, seconds: number) => {
      state.reads.push(seconds);
      return { base: { summary: state.base }, canary: { summary: state.canary } };
    },
    between: () => ({ base: state.base, canary: state.canary }),
  };
  const repo = rolloutRepository(store);
  const errors: string[] = [];
  const scheduler = createScheduler({ repo, stages, hooks, metrics, clock, logError: (l) => errors.push(l) });
  return { state, store, clock, repo, scheduler, errors };
}

const SPEC: RolloutSpec = {
  accountId: '000000000000',
  region: 'us-east-1',
  restApiId: 'api1',
  stageName: 'dev',
  plan: parsePlan('Linear10PercentEvery1Minute'),
  timeScale: 0.1,
  gates: { ...DEFAULT_GATES, intervalMs: 20_000 },
  hooks: { preTraffic: null, postTraffic: null },
  sticky: null,
  deploymentId: null,
  stageVariableOverrides: null,
};
const IDS = { id: 'r-1', baseDeploymentId: 'd1', canaryDeploymentId: 'd2' };

describe('rollout scheduler', () => {
  it('walks every step on the clock, checking gates every scaled interval, and promotes', () => {
    const w = world();
    w.scheduler.begin(SPEC, IDS);
    expect(w.state.stage?.canarySettings?.percentTraffic).toBe(10);
    w.clock.advance(2000);
    expect(w.repo.get('r-1')).toMatchObject({ stepIndex: 0, lastGate: { verdict: 'pass' } });
    expect(w.state.reads).toEqual([3]);
    w.clock.advance(4000);
    expect(w.repo.get('r-1')).toMatchObject({ stepIndex: 1, weight: 20 });
    w.clock.advance(8 * 6000);
    const done = w.repo.get('r-1')!;
    expect(done.status).toBe('succeeded');
    expect(w.state.calls.map((c) => c[0].value ?? c[0].op)).toEqual(['10.0', '20.0', '30.0', '40.0', '50.0', '60.0', '70.0', '80.0', '90.0', 'copy']);
    expect(w.state.stage).toMatchObject({ deploymentId: 'd2', variables: { fn: 'v2' } });
    expect(w.state.stage?.canarySettings).toBeUndefined();
    expect(done.history.filter((h) => h.event === 'stepPassed').map((h) => h.weight)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(w.clock.pending()).toBe(0);
    expect(w.errors).toEqual([]);
  });

  it('rolls back at the first check once the canary fails', () => {
    const w = world();
    w.state.canary = summary(40, 8);
    w.scheduler.begin(SPEC, IDS);
    w.clock.advance(1999);
    expect(w.repo.get('r-1')?.status).toBe('holding');
    w.clock.advance(1);
    expect(w.repo.get('r-1')).toMatchObject({ status: 'rolledBack', stepIndex: 0 });
    expect(w.state.stage).toMatchObject({ deploymentId: 'd1', variables: { fn: 'v1' } });
    expect(w.state.stage?.canarySettings).toBeUndefined();
  });

  it('lets a one-off latency burst pass, and rolls back a latency confirmed on a fresh window', () => {
    const slowSummary = { ...summary(50), latency: { avg: 200, p50: 200, p90: 210, p99: 250, max: 260 } };
    const burst = world();
    burst.state.canary = slowSummary;
    burst.scheduler.begin(SPEC, IDS);
    burst.clock.advance(2000);
    expect(burst.repo.get('r-1')).toMatchObject({ status: 'holding', latencySuspectAt: 1_002_000 });
    burst.state.canary = summary(50);
    burst.clock.advance(2000);
    expect(burst.state.reads).toEqual([3, 2]);
    expect(burst.repo.get('r-1')).toMatchObject({ status: 'holding', latencySuspectAt: null });
    burst.clock.advance(2000);
    expect(burst.repo.get('r-1')?.stepIndex).toBe(1);

    const slow = world();
    slow.state.canary = slowSummary;
    slow.scheduler.begin(SPEC, IDS);
    slow.clock.advance(4000);
    expect(slow.repo.get('r-1')).toMatchObject({ status: 'rolledBack', reason: expect.stringMatching(/^gate failed: canary p99 250 ms vs base p99 4 ms/) });
  });

  it('stops the clock while paused and continues the remaining hold on resume', () => {
    const w = world();
    w.scheduler.begin(SPEC, IDS);
    w.clock.advance(2500);
    w.scheduler.apply('r-1', { type: 'pause' });
    expect(w.clock.pending()).toBe(0);
    w.clock.advance(600_000);
    expect(w.repo.get('r-1')).toMatchObject({ status: 'paused', stepIndex: 0, pausedRemainingMs: 3500 });
    w.scheduler.apply('r-1', { type: 'resume' });
    w.clock.advance(3499);
    expect(w.repo.get('r-1')?.stepIndex).toBe(0);
    w.clock.advance(1);
    expect(w.repo.get('r-1')?.stepIndex).toBe(1);
  });

  it('resumes after a restart at the same step, honouring the stored hold end', () => {
    const store = openSqliteStore(':memory:');
    const clock = manualClock(1_000_000);
    const first = world(store, clock);
    first.scheduler.begin(SPEC, IDS);
    clock.advance(6000 + 1000);
    expect(first.repo.get('r-1')).toMatchObject({ stepIndex: 1, holdEndsAt: 1_012_000 });
    first.scheduler.dispose();
    clock.advance(3000);
    const second = world(store, clock);
    second.state.stage = first.state.stage;
    second.scheduler.resumeAll();
    expect(second.repo.get('r-1')?.history.at(-1)?.message).toBe('Kanaria restarted: resuming holding, 2 s of the hold left');
    clock.advance(1999);
    expect(second.repo.get('r-1')).toMatchObject({ stepIndex: 1, weight: 20 });
    clock.advance(1);
    expect(second.repo.get('r-1')).toMatchObject({ stepIndex: 2, weight: 30 });
    expect(second.state.calls).toEqual([[{ op: 'replace', path: '/canarySettings/percentTraffic', value: '30.0' }]]);
  });

  it('fails the rollout when its canary disappears, and when the stage refuses a patch', () => {
    const w = world();
    w.scheduler.begin(SPEC, IDS);
    delete w.state.stage!.canarySettings;
    w.clock.advance(2000);
    expect(w.repo.get('r-1')).toMatchObject({ status: 'failed', reason: 'the canary of stage dev was removed outside the rollout' });
    const v = world();
    v.scheduler.begin(SPEC, IDS);
    delete v.state.stage!.canarySettings;
    const out = v.scheduler.apply('r-1', { type: 'promote' }) as Rollout;
    expect(out.status).toBe('failed');
    expect(out.reason).toMatch(/^UpdateStage refused .*: BadRequestException: Promotion not available. Canary does not exist.$/);
    expect(v.state.stage?.deploymentId).toBe('d1');
  });
});
