// The rollout state machine on its own: each transition's next status, the UpdateStage patches
// it asks for, hooks, pause/resume arithmetic, refusals, and events that arrive too late.
import { describe, expect, it } from 'vitest';
import { DEFAULT_GATES, type GateReport } from '../../../src/rollouts/gates.js';
import { begin, stageDrift, transition, type RolloutEvent, type Transition } from '../../../src/rollouts/machine.js';
import { PROMOTION_PATCH, ROLLBACK_PATCH, type HookOutcome, type Rollout, type RolloutSpec } from '../../../src/rollouts/model.js';
import { parsePlan } from '../../../src/rollouts/plans.js';

const IDS = { id: 'r-1', baseDeploymentId: 'base1', canaryDeploymentId: 'can2' };

function spec(extra: Partial<RolloutSpec> = {}): RolloutSpec {
  return {
    accountId: '000000000000',
    region: 'us-east-1',
    restApiId: 'api1',
    stageName: 'dev',
    plan: parsePlan([{ weight: 10, hold: '10s' }, { weight: 50, hold: '20s' }]),
    timeScale: 0.5,
    gates: DEFAULT_GATES,
    hooks: { preTraffic: null, postTraffic: null },
    sticky: null,
    deploymentId: null,
    stageVariableOverrides: null,
    ...extra,
  };
}

const report = (verdict: GateReport['verdict'], at = 0): GateReport => ({
  at,
  verdict,
  windowSeconds: 5,
  minRequests: 20,
  canary: { count: 30, errors4xx: 0, errors5xx: verdict === 'fail' ? 9 : 0, errorRate: verdict === 'fail' ? 30 : 0, p99: 5 },
  base: { count: 300, errors4xx: 0, errors5xx: 0, errorRate: 0, p99: 5 },
  checks: [],
  alarm: null,
  reason: verdict === 'pass' ? null : `reason ${verdict}`,
});

function step(r: Rollout, event: RolloutEvent, now: number): Transition {
  const t = transition(r, event, now);
  if ('refused' in t) throw new Error(t.refused);
  return t;
}

/** A failed report whose failing checks are the named ones. */
const failing = (...names: GateReport['checks'][number]['name'][]): GateReport => ({
  ...report('fail'),
  checks: names.map((name) => ({ name, ok: false, value: 1, threshold: 0, unit: '', text: name })),
});

const hook = (succeeded: boolean, lifecycleEvent: HookOutcome['lifecycleEvent'] = 'BeforeAllowTraffic'): HookOutcome => ({ lifecycleEvent, functionName: 'fn', succeeded, detail: 'x', durationMs: 3 });

describe('rollout state machine', () => {
  it('begins at step 1 with one percentTraffic patch, creating the canary first when asked', () => {
    const t = begin(spec(), IDS, 1000);
    expect(t.rollout).toMatchObject({ status: 'holding', stepIndex: 0, weight: 10, stepStartedAt: 1000, holdEndsAt: 6000 });
    expect(t.patches).toEqual([{ op: 'replace', path: '/canarySettings/percentTraffic', value: '10.0' }]);
    expect(t.sticky).toBeNull();
    const created = begin(spec({ deploymentId: 'can2', stageVariableOverrides: { fn: 'v2' }, sticky: { header: 'x-user' } }), IDS, 1000);
    expect(created.patches.map((p) => p.path)).toEqual(['/canarySettings/deploymentId', '/canarySettings/stageVariableOverrides/fn', '/canarySettings/percentTraffic']);
    expect(created.sticky).toBe(true);
    expect(created.rollout.history.map((h) => h.event)).toEqual(['started', 'shift']);
  });

  it('holds until the hold ends, then steps on when the gates pass, and promotes after the last step', () => {
    let r = begin(spec(), IDS, 0).rollout;
    let t = step(r, { type: 'tick', report: report('pass') }, 4999);
    expect(t.rollout).toMatchObject({ status: 'holding', stepIndex: 0 });
    expect(t.patches).toEqual([]);
    expect(t.rollout.lastGate?.verdict).toBe('pass');
    t = step(t.rollout, { type: 'tick', report: report('pass') }, 5000);
    expect(t.rollout).toMatchObject({ status: 'holding', stepIndex: 1, weight: 50, holdEndsAt: 15_000 });
    expect(t.patches).toEqual([{ op: 'replace', path: '/canarySettings/percentTraffic', value: '50.0' }]);
    r = step(t.rollout, { type: 'tick', report: report('pass') }, 15_000).rollout;
    expect(r).toMatchObject({ status: 'succeeded', weight: 100, endedAt: 15_000, reason: 'every step passed' });
    expect(r.history.map((h) => h.event)).toEqual(['started', 'shift', 'stepPassed', 'shift', 'stepPassed', 'promoted']);
    expect(r.history.at(-1)?.patches).toEqual(PROMOTION_PATCH);
    expect(r.history.filter((h) => h.event === 'stepPassed').every((h) => h.gate?.verdict === 'pass')).toBe(true);
    expect(r.history[2].message).toBe('step 1 of 2 passed: gates passed: canary 30 requests, 5XX 0%, p99 5 ms; base 300 requests, 5XX 0%, p99 5 ms (last 5 s)');
  });

  it('rolls back on a failed gate at once, mid-hold, with the report in the history', () => {
    const r = begin(spec({ sticky: { cookie: 'sid' } }), IDS, 0).rollout;
    const t = step(r, { type: 'tick', report: report('fail') }, 1000);
    expect(t.rollout).toMatchObject({ status: 'rolledBack', weight: 0, reason: 'reason fail' });
    expect(t.patches).toEqual(ROLLBACK_PATCH);
    expect(t.sticky).toBe(false);
    expect(t.rollout.history.at(-1)).toMatchObject({ event: 'rolledBack', stepIndex: 0, gate: { verdict: 'fail' } });
  });

  it('confirms a latency-only failure on fresh requests before rolling back; errors roll back at once', () => {
    const r = begin(spec(), IDS, 0).rollout;
    const suspect = step(r, { type: 'tick', report: failing('latencyP99VsBase') }, 1000);
    expect(suspect.rollout).toMatchObject({ status: 'holding', latencySuspectAt: 1000 });
    expect(suspect.patches).toEqual([]);
    expect(suspect.rollout.history.at(-1)).toMatchObject({ event: 'suspect', message: 'reason fail; confirming on fresh requests before rolling back' });
    // The hold ends while suspected: no step until the suspicion is settled.
    expect(step(suspect.rollout, { type: 'tick', report: report('insufficient') }, 6000).rollout).toMatchObject({ stepIndex: 0, latencySuspectAt: 1000, waitingForTraffic: false });
    const confirmed = step(suspect.rollout, { type: 'tick', report: failing('latencyP99VsBase') }, 7000);
    expect(confirmed.rollout).toMatchObject({ status: 'rolledBack' });
    expect(confirmed.patches).toEqual(ROLLBACK_PATCH);
    const cleared = step(suspect.rollout, { type: 'tick', report: report('pass') }, 7000);
    expect(cleared.rollout).toMatchObject({ status: 'holding', stepIndex: 1, latencySuspectAt: null });
    expect(step(r, { type: 'tick', report: failing('latencyP99VsBase', 'errorRate') }, 1000).rollout.status).toBe('rolledBack');
    expect(step(r, { type: 'tick', report: failing('alarm') }, 1000).rollout.status).toBe('rolledBack');
  });

  it('waits for traffic at the hold end (once logged), or moves on when told to', () => {
    const r = begin(spec(), IDS, 0).rollout;
    let t = step(r, { type: 'tick', report: report('insufficient') }, 6000);
    t = step(t.rollout, { type: 'tick', report: report('insufficient') }, 7000);
    expect(t.rollout).toMatchObject({ status: 'holding', stepIndex: 0, waitingForTraffic: true });
    expect(t.rollout.history.filter((h) => h.event === 'waiting')).toHaveLength(1);
    expect(step(t.rollout, { type: 'tick', report: report('pass') }, 8000).rollout).toMatchObject({ stepIndex: 1, waitingForTraffic: false });
    const lenient = begin(spec({ gates: { ...DEFAULT_GATES, onInsufficientData: 'pass' } }), IDS, 0).rollout;
    expect(step(lenient, { type: 'tick', report: report('insufficient') }, 5000).rollout.stepIndex).toBe(1);
  });

  it('pauses with the remaining hold frozen and resumes with exactly that much left', () => {
    const r = begin(spec(), IDS, 0).rollout;
    const paused = step(r, { type: 'pause' }, 2000).rollout;
    expect(paused).toMatchObject({ status: 'paused', pausedRemainingMs: 3000, holdEndsAt: null, weight: 10 });
    expect(transition(paused, { type: 'tick', report: report('fail') }, 3000)).toMatchObject({ changed: false });
    expect(transition(paused, { type: 'pause' }, 3000)).toEqual({ refused: 'rollout r-1 is paused: only a rollout holding a step can be paused' });
    const resumed = step(paused, { type: 'resume' }, 60_000).rollout;
    expect(resumed).toMatchObject({ status: 'holding', holdEndsAt: 63_000, pausedRemainingMs: null });
    expect(transition(resumed, { type: 'resume' }, 60_000)).toEqual({ refused: 'rollout r-1 is holding: only a paused rollout can be resumed' });
  });

  it('promotes or aborts by hand from any active status, and refuses once ended', () => {
    const r = begin(spec(), IDS, 0).rollout;
    const promoted = step(r, { type: 'promote', reason: 'looks good' }, 1000);
    expect(promoted.rollout).toMatchObject({ status: 'succeeded', reason: 'promoted by hand (looks good)' });
    expect(promoted.patches).toEqual(PROMOTION_PATCH);
    const aborted = step(step(r, { type: 'pause' }, 500).rollout, { type: 'abort' }, 1000);
    expect(aborted.rollout).toMatchObject({ status: 'aborted', reason: 'aborted by hand', weight: 0 });
    expect(aborted.patches).toEqual(ROLLBACK_PATCH);
    expect(transition(aborted.rollout, { type: 'promote' }, 2000)).toEqual({ refused: 'rollout r-1 is aborted: it has already ended' });
    expect(transition(aborted.rollout, { type: 'fail', message: 'late' }, 2000)).toMatchObject({ changed: false });
  });

  it('runs BeforeAllowTraffic at 0 % before step 1 and rolls back when it fails', () => {
    const t = begin(spec({ hooks: { preTraffic: 'pre', postTraffic: null } }), IDS, 0);
    expect(t.rollout).toMatchObject({ status: 'preTraffic', weight: 0, stepIndex: -1 });
    expect(t.runHook).toBe('preTraffic');
    expect(t.patches).toEqual([{ op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' }]);
    expect(transition(t.rollout, { type: 'hookResult', hook: 'postTraffic', outcome: hook(true, 'AfterAllowTraffic') }, 10)).toMatchObject({ changed: false });
    expect(step(t.rollout, { type: 'hookResult', hook: 'preTraffic', outcome: hook(true) }, 10).rollout).toMatchObject({ status: 'holding', stepIndex: 0, weight: 10 });
    const failed = step(t.rollout, { type: 'hookResult', hook: 'preTraffic', outcome: hook(false) }, 10);
    expect(failed.rollout).toMatchObject({ status: 'rolledBack', reason: 'BeforeAllowTraffic hook fn failed: x' });
    expect(failed.patches).toEqual(ROLLBACK_PATCH);
  });

  it('shifts everything to the canary for AfterAllowTraffic, then promotes on success', () => {
    const r = begin(spec({ plan: parsePlan('Canary10Percent5Minutes'), timeScale: 0.01, hooks: { preTraffic: null, postTraffic: 'post' } }), IDS, 0).rollout;
    const t = step(r, { type: 'tick', report: report('pass') }, 3000);
    expect(t.rollout).toMatchObject({ status: 'postTraffic', weight: 100, stepIndex: 1 });
    expect(t.patches).toEqual([{ op: 'replace', path: '/canarySettings/percentTraffic', value: '100.0' }]);
    expect(t.runHook).toBe('postTraffic');
    const done = step(t.rollout, { type: 'hookResult', hook: 'postTraffic', outcome: hook(true, 'AfterAllowTraffic') }, 3100);
    expect(done.rollout.status).toBe('succeeded');
    expect(done.patches).toEqual(PROMOTION_PATCH);
  });

  it('re-runs an interrupted hook after a restart and notes the hold left', () => {
    const pre = begin(spec({ hooks: { preTraffic: 'pre', postTraffic: null } }), IDS, 0).rollout;
    expect(step(pre, { type: 'restarted' }, 50).runHook).toBe('preTraffic');
    const holding = begin(spec(), IDS, 0).rollout;
    const t = step(holding, { type: 'restarted' }, 2000);
    expect(t.runHook).toBeNull();
    expect(t.rollout.history.at(-1)?.message).toBe('Kanaria restarted: resuming holding, 3 s of the hold left');
  });

  it('notices a canary removed or replaced outside the rollout', () => {
    const r = begin(spec(), IDS, 0).rollout;
    expect(stageDrift(r, { deploymentId: 'base1', canarySettings: { deploymentId: 'can2', percentTraffic: 10 } })).toBeNull();
    expect(stageDrift(r, { deploymentId: 'base1' })).toBe('the canary of stage dev was removed outside the rollout');
    expect(stageDrift(r, { deploymentId: 'base1', canarySettings: { deploymentId: 'other' } })).toMatch(/changed from deployment can2 to other/);
    expect(stageDrift(r, undefined)).toBe('stage dev was deleted during the rollout');
  });
});
