// The rollout state machine: statuses and the transitions between them, as pure functions of
// (rollout, event, now) → the next rollout plus what to do (one UpdateStage call, a hook to run,
// sticky routing on/off). Timers, metrics, Lambda and the store are the scheduler's business.
//
//   begin ─▶ preTraffic ─hook ok─▶ holding(step 0) ─hold over, gates pass─▶ holding(step i+1) …
//                                  │   ▲ pause/resume ▼ paused
//   last step passed ─▶ postTraffic (100 %) ─hook ok─▶ succeeded (promoted)
//   gate or hook fails ─▶ rolledBack · abort ─▶ aborted · promote ─▶ succeeded · stage changed ─▶ failed
//   (only latency failed: holding, suspected, until a check on later requests confirms or clears it)
import type { PatchOperation, Stage } from '../aws/generated/apigateway.js';
import { measuredText, type GateReport } from './gates.js';
import { createCanaryPatch, isActive, PROMOTION_PATCH, ROLLBACK_PATCH, shiftPatch, type HistoryEntry, type HookName, type HookOutcome, type Rollout, type RolloutSpec } from './model.js';
import { scaledHold } from './plans.js';

export type RolloutEvent =
  | { type: 'tick'; report: GateReport }
  | { type: 'hookResult'; hook: HookName; outcome: HookOutcome }
  | { type: 'restarted' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'promote'; reason?: string }
  | { type: 'abort'; reason?: string }
  | { type: 'fail'; message: string };

export interface Transition {
  rollout: Rollout;
  /** Sent as one UpdateStage call, committed together with the rollout (empty: none). */
  patches: PatchOperation[];
  runHook: HookName | null;
  /** Turn the stage's sticky routing on or off; null: leave it. */
  sticky: boolean | null;
  /** False when the event did not apply (a late hook answer, a tick after a pause). */
  changed: boolean;
}

export interface Refusal {
  refused: string;
}

type Draft = Transition;

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

function log(d: Draft, now: number, entry: Omit<HistoryEntry, 'at'>): void {
  d.rollout.history.push({ at: now, ...entry });
  if (entry.patches) d.patches.push(...entry.patches);
}

function enterStep(d: Draft, index: number, now: number): void {
  const r = d.rollout;
  const step = r.plan.steps[index];
  if (!step) return finish(d, now);
  const holdMs = scaledHold(step.holdMs, r.timeScale);
  Object.assign(r, { status: 'holding', stepIndex: index, weight: step.weight, stepStartedAt: now, holdEndsAt: now + holdMs, waitingForTraffic: false, latencySuspectAt: null });
  log(d, now, { event: 'shift', stepIndex: index, weight: step.weight, patches: shiftPatch(step.weight), message: `step ${index + 1} of ${r.plan.steps.length}: canary at ${step.weight}% for ${seconds(holdMs)}` });
}

/** Every step passed: all traffic to the canary for AfterAllowTraffic when there is one, then promotion. */
function finish(d: Draft, now: number): void {
  const r = d.rollout;
  if (!r.hooks.postTraffic) return promote(d, now, 'every step passed');
  Object.assign(r, { status: 'postTraffic', stepIndex: r.plan.steps.length, stepStartedAt: now, holdEndsAt: null });
  if (r.weight !== 100) {
    r.weight = 100;
    log(d, now, { event: 'shift', stepIndex: r.stepIndex, weight: 100, patches: shiftPatch(100), message: 'all traffic to the canary before the AfterAllowTraffic hook' });
  }
  d.runHook = 'postTraffic';
}

function end(d: Draft, now: number, status: Rollout['status'], reason: string): void {
  Object.assign(d.rollout, { status, endedAt: now, reason, holdEndsAt: null, pausedRemainingMs: null, waitingForTraffic: false });
  if (d.rollout.sticky) d.sticky = false;
}

function promote(d: Draft, now: number, reason: string): void {
  log(d, now, { event: 'promoted', weight: 100, patches: [...PROMOTION_PATCH], message: `promoted canary deployment ${d.rollout.canaryDeploymentId}: ${reason}` });
  d.rollout.weight = 100;
  end(d, now, 'succeeded', reason);
}

function rollBack(d: Draft, now: number, status: 'rolledBack' | 'aborted', reason: string, gate?: GateReport): void {
  log(d, now, { event: status, stepIndex: d.rollout.stepIndex, weight: 0, patches: [...ROLLBACK_PATCH], gate, message: `rolled back to deployment ${d.rollout.baseDeploymentId}: ${reason}` });
  d.rollout.weight = 0;
  end(d, now, status, reason);
}

/** A new rollout's first transition: canary created if asked, sticky on, then the pre-traffic hook or step 1. */
export function begin(spec: RolloutSpec, ids: { id: string; baseDeploymentId: string; canaryDeploymentId: string }, now: number): Transition {
  const rollout: Rollout = {
    ...spec,
    ...ids,
    status: 'preTraffic',
    stepIndex: -1,
    weight: 0,
    stepStartedAt: null,
    holdEndsAt: null,
    pausedRemainingMs: null,
    waitingForTraffic: false,
    latencySuspectAt: null,
    lastGate: null,
    alarmDatapoints: [],
    history: [],
    createdAt: now,
    updatedAt: now,
    endedAt: null,
    reason: null,
  };
  const d: Draft = { rollout, patches: [], runHook: null, sticky: spec.sticky ? true : null, changed: true };
  const create = spec.deploymentId ? createCanaryPatch(spec.deploymentId, spec.stageVariableOverrides) : undefined;
  const n = spec.plan.steps.length;
  log(d, now, { event: 'started', patches: create, message: `plan ${spec.plan.name} (${n} step${n === 1 ? '' : 's'}, time scale ${spec.timeScale}): canary deployment ${ids.canaryDeploymentId} over ${ids.baseDeploymentId}` });
  if (spec.hooks.preTraffic) {
    Object.assign(rollout, { stepStartedAt: now });
    log(d, now, { event: 'shift', weight: 0, patches: shiftPatch(0), message: 'no traffic to the canary during the BeforeAllowTraffic hook' });
    d.runHook = 'preTraffic';
  } else enterStep(d, 0, now);
  return d;
}

function onTick(d: Draft, report: GateReport, now: number): void {
  const r = d.rollout;
  r.lastGate = report;
  r.alarmDatapoints = report.alarm?.datapoints ?? [];
  const failing = report.checks.filter((c) => !c.ok);
  if (report.verdict === 'fail' && r.latencySuspectAt === null && failing.length > 0 && failing.every((c) => c.name.startsWith('latency'))) {
    r.latencySuspectAt = now;
    log(d, now, { event: 'suspect', stepIndex: r.stepIndex, weight: r.weight, gate: report, message: `${report.reason}; confirming on fresh requests before rolling back` });
    return;
  }
  if (report.verdict === 'fail') return rollBack(d, now, 'rolledBack', report.reason ?? 'gate failed', report);
  if (report.verdict === 'pass') r.latencySuspectAt = null;
  if (now < (r.holdEndsAt ?? Infinity) || r.latencySuspectAt !== null) return;
  if (report.verdict === 'insufficient' && r.gates.onInsufficientData === 'wait') {
    if (!r.waitingForTraffic) log(d, now, { event: 'waiting', stepIndex: r.stepIndex, weight: r.weight, gate: report, message: `hold over, waiting for canary traffic: ${report.reason}` });
    r.waitingForTraffic = true;
    return;
  }
  const judged = report.verdict === 'pass' ? 'gates passed' : 'gates could not judge (too little traffic), moving on as configured';
  log(d, now, { event: 'stepPassed', stepIndex: r.stepIndex, weight: r.weight, gate: report, message: `step ${r.stepIndex + 1} of ${r.plan.steps.length} passed: ${judged}: ${measuredText(report)}` });
  enterStep(d, r.stepIndex + 1, now);
}

function onHook(d: Draft, hook: HookName, outcome: HookOutcome, now: number): void {
  log(d, now, { event: 'hook', hook: outcome, message: `${outcome.lifecycleEvent} hook ${outcome.functionName} ${outcome.succeeded ? 'succeeded' : 'failed'}: ${outcome.detail}` });
  if (!outcome.succeeded) return rollBack(d, now, 'rolledBack', `${outcome.lifecycleEvent} hook ${outcome.functionName} failed: ${outcome.detail}`);
  if (hook === 'preTraffic') enterStep(d, 0, now);
  else promote(d, now, 'every step and the AfterAllowTraffic hook passed');
}

const WAITS_FOR: Partial<Record<Rollout['status'], HookName>> = { preTraffic: 'preTraffic', postTraffic: 'postTraffic' };

/** The next state after `event`, or why a command cannot apply now. */
export function transition(current: Rollout, event: RolloutEvent, now: number): Transition | Refusal {
  const r = structuredClone(current);
  const d: Draft = { rollout: r, patches: [], runHook: null, sticky: null, changed: true };
  const unchanged: Transition = { rollout: current, patches: [], runHook: null, sticky: null, changed: false };
  const where = `rollout ${r.id} is ${r.status}`;
  const active = isActive(r.status);
  switch (event.type) {
    case 'tick':
      if (r.status !== 'holding') return unchanged;
      onTick(d, event.report, now);
      break;
    case 'hookResult':
      if (WAITS_FOR[r.status] !== event.hook) return unchanged;
      onHook(d, event.hook, event.outcome, now);
      break;
    case 'restarted': {
      if (!active) return unchanged;
      const left = r.status === 'holding' ? `, ${seconds(Math.max(0, (r.holdEndsAt ?? now) - now))} of the hold left` : '';
      log(d, now, { event: 'restarted', stepIndex: r.stepIndex, weight: r.weight, message: `Kanaria restarted: resuming ${r.status}${left}` });
      d.runHook = WAITS_FOR[r.status] ?? null;
      break;
    }
    case 'pause':
      if (r.status !== 'holding') return { refused: `${where}: only a rollout holding a step can be paused` };
      Object.assign(r, { status: 'paused', pausedRemainingMs: Math.max(0, (r.holdEndsAt ?? now) - now), holdEndsAt: null });
      log(d, now, { event: 'paused', stepIndex: r.stepIndex, weight: r.weight, message: `paused at ${r.weight}% with ${seconds(r.pausedRemainingMs!)} of the hold left` });
      break;
    case 'resume':
      if (r.status !== 'paused') return { refused: `${where}: only a paused rollout can be resumed` };
      Object.assign(r, { status: 'holding', holdEndsAt: now + (r.pausedRemainingMs ?? 0), pausedRemainingMs: null });
      log(d, now, { event: 'resumed', stepIndex: r.stepIndex, weight: r.weight, message: `resumed at ${r.weight}% with ${seconds(r.holdEndsAt! - now)} of the hold left` });
      break;
    case 'promote':
      if (!active) return { refused: `${where}: it has already ended` };
      promote(d, now, event.reason ? `promoted by hand (${event.reason})` : 'promoted by hand');
      break;
    case 'abort':
      if (!active) return { refused: `${where}: it has already ended` };
      rollBack(d, now, 'aborted', event.reason ? `aborted by hand (${event.reason})` : 'aborted by hand');
      break;
    case 'fail':
      if (!active) return unchanged;
      log(d, now, { event: 'failed', stepIndex: r.stepIndex, weight: r.weight, message: event.message });
      end(d, now, 'failed', event.message);
      break;
  }
  r.updatedAt = now;
  return d;
}

/** Why the stage no longer carries this rollout's canary (changed by hand or deleted), or null. */
export function stageDrift(r: Rollout, stage: Stage | undefined): string | null {
  if (!stage) return `stage ${r.stageName} was deleted during the rollout`;
  const canary = stage.canarySettings;
  if (!canary) return `the canary of stage ${r.stageName} was removed outside the rollout`;
  if (canary.deploymentId !== r.canaryDeploymentId) return `the canary of stage ${r.stageName} changed from deployment ${r.canaryDeploymentId} to ${canary.deploymentId} outside the rollout`;
  return null;
}
