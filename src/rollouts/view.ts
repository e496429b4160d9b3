// What the JSON API answers for a rollout: the stored record plus what a status display needs
// computed for `now` (the current step, its weight, time left in the hold, the plan with scaled
// holds and the final promotion), and a short summary per rollout for lists.
import { isActive, type Rollout } from './model.js';
import { scaledHold } from './plans.js';

export interface StepView {
  /** 1-based; `count + 1` is the final shift to 100 % (AfterAllowTraffic), 0 before the first. */
  number: number;
  count: number;
  weight: number;
  /** The scaled hold of the current step (0 outside a hold). */
  holdMs: number;
  startedAt: number | null;
  endsAt: number | null;
  /** Time left in the hold: frozen while paused, 0 once over (see waitingForTraffic). */
  remainingMs: number;
  waitingForTraffic: boolean;
}

export interface RolloutView extends Omit<Rollout, 'plan'> {
  active: boolean;
  plan: { name: string; steps: { weight: number; holdMs: number; scaledHoldMs: number }[]; then: string };
  step: StepView;
  /** Epoch ms the view was made. */
  now: number;
}

export interface RolloutSummary {
  id: string;
  region: string;
  restApiId: string;
  stageName: string;
  status: Rollout['status'];
  active: boolean;
  plan: string;
  step: number;
  stepCount: number;
  weight: number;
  canaryDeploymentId: string;
  baseDeploymentId: string;
  createdAt: number;
  endedAt: number | null;
  reason: string | null;
}

function stepView(r: Rollout, now: number): StepView {
  const current = r.plan.steps[r.stepIndex];
  const holdMs = r.status === 'holding' || r.status === 'paused' ? scaledHold(current?.holdMs ?? 0, r.timeScale) : 0;
  const remainingMs = r.status === 'paused' ? (r.pausedRemainingMs ?? 0) : r.status === 'holding' ? Math.max(0, (r.holdEndsAt ?? now) - now) : 0;
  return {
    number: r.stepIndex + 1,
    count: r.plan.steps.length,
    weight: r.weight,
    holdMs,
    startedAt: r.stepStartedAt,
    endsAt: r.status === 'holding' ? r.holdEndsAt : null,
    remainingMs,
    waitingForTraffic: r.waitingForTraffic,
  };
}

export function rolloutView(r: Rollout, now: number): RolloutView {
  return {
    ...r,
    active: isActive(r.status),
    plan: {
      name: r.plan.name,
      steps: r.plan.steps.map((s) => ({ ...s, scaledHoldMs: scaledHold(s.holdMs, r.timeScale) })),
      then: r.hooks.postTraffic ? `100% for the AfterAllowTraffic hook ${r.hooks.postTraffic}, then promote` : 'promote (100%)',
    },
    step: stepView(r, now),
    now,
  };
}

export function rolloutSummary(r: Rollout): RolloutSummary {
  return {
    id: r.id,
    region: r.region,
    restApiId: r.restApiId,
    stageName: r.stageName,
    status: r.status,
    active: isActive(r.status),
    plan: r.plan.name,
    step: r.stepIndex + 1,
    stepCount: r.plan.steps.length,
    weight: r.weight,
    canaryDeploymentId: r.canaryDeploymentId,
    baseDeploymentId: r.baseDeploymentId,
    createdAt: r.createdAt,
    endedAt: r.endedAt,
    reason: r.reason,
  };
}
