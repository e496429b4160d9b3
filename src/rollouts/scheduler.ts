// Runs rollouts in time: one timer per rollout holding a step (the next gate check or the hold's
// end, whichever is sooner), gate measurements from the stage metrics, hook invocations, and the
// commit of each transition (machine.ts): stage patch, sticky setting and rollout record in one
// store transaction. Everything between reading a rollout and committing it is synchronous.
import { isAwsError } from '../aws/errors.js';
import type { Clock, ClockTimer } from '../runtime/clock.js';
import type { Metrics } from '../telemetry/metrics.js';
import { takeDatapoints } from './alarm.js';
import { evaluateGates, gateWindowFrom, gateWindowSeconds, type GateReport } from './gates.js';
import type { HookRunner } from './hooks.js';
import { begin, stageDrift, transition, type Refusal, type RolloutEvent, type Transition } from './machine.js';
import type { Rollout, RolloutSpec } from './model.js';
import { scaledHold } from './plans.js';
import type { RolloutRepository } from './rollout-store.js';
import type { StageControl } from './stage-control.js';

/** The shortest pause between two gate checks, whatever the time scale. */
const MIN_CHECK_MS = 250;

export interface SchedulerDeps {
  repo: RolloutRepository;
  stages: StageControl;
  hooks: HookRunner;
  metrics: Pick<Metrics, 'recent' | 'between'>;
  clock: Clock;
  logError(line: string): void;
}

export interface Scheduler {
  /** Commits a new rollout's first transition; throws UpdateStage's AwsError (nothing is written then). */
  begin(spec: RolloutSpec, ids: { id: string; baseDeploymentId: string; canaryDeploymentId: string }): Rollout;
  /** Applies a command or event to the stored rollout. */
  apply(id: string, event: RolloutEvent): Rollout | Refusal | undefined;
  /** Picks up every rollout in progress after a start (holds keep their stored end times). */
  resumeAll(): void;
  dispose(): void;
}

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const { repo, stages, clock } = deps;
  const timers = new Map<string, ClockTimer>();
  let disposed = false;

  function commit(t: Transition): void {
    repo.transaction(() => {
      if (t.patches.length > 0) stages.updateStage(t.rollout, t.patches);
      if (t.sticky !== null) repo.setSticky(t.rollout, t.sticky);
      repo.put(t.rollout);
    });
  }

  /** Commits `event` on `r`; a refused stage patch fails the rollout instead (with AWS's reason). */
  function step(r: Rollout, event: RolloutEvent): Rollout | Refusal {
    const t = transition(r, event, clock.now());
    if ('refused' in t || !t.changed) return 'refused' in t ? t : r;
    try {
      commit(t);
    } catch (err) {
      if (!isAwsError(err)) throw err;
      const failed = transition(r, { type: 'fail', message: `UpdateStage refused ${JSON.stringify(t.patches)}: ${err.code}: ${err.message}` }, clock.now()) as Transition;
      commit(failed);
      return settle(failed.rollout, null);
    }
    return settle(t.rollout, t.runHook);
  }

  function settle(r: Rollout, runHook: Transition['runHook']): Rollout {
    schedule(r);
    if (runHook) runHookFor(r, runHook);
    return r;
  }

  function schedule(r: Rollout): void {
    timers.get(r.id)?.cancel();
    timers.delete(r.id);
    if (disposed || r.status !== 'holding') return;
    const interval = Math.max(MIN_CHECK_MS, scaledHold(r.gates.intervalMs, r.timeScale));
    const due = r.waitingForTraffic ? interval : Math.min(interval, Math.max(0, (r.holdEndsAt ?? 0) - clock.now()));
    timers.set(r.id, clock.setTimeout(() => guarded(() => tick(r.id)), due));
  }

  function measure(r: Rollout, now: number): GateReport {
    const ref = { accountId: r.accountId, region: r.region, apiId: r.restApiId, stage: r.stageName };
    const windowSeconds = gateWindowSeconds(gateWindowFrom(r.stepStartedAt ?? now, r.latencySuspectAt), now, r.gates.windowSeconds);
    const recent = windowSeconds > 0 ? deps.metrics.recent(ref, windowSeconds) : {};
    let datapoints = r.alarmDatapoints;
    const alarm = r.gates.alarm;
    if (alarm) datapoints = takeDatapoints(alarm, datapoints, now, (from, to) => deps.metrics.between(ref, from, to)[alarm.variant]);
    return evaluateGates(r.gates, { base: recent.base?.summary, canary: recent.canary?.summary }, datapoints, now, windowSeconds);
  }

  /** The stage's canary must still be this rollout's before anything else happens to it. */
  function applyChecked(id: string, event: (r: Rollout) => RolloutEvent): void {
    const r = repo.get(id);
    if (!r) return;
    const drift = stageDrift(r, stages.getStage(r));
    step(r, drift ? { type: 'fail', message: drift } : event(r));
  }

  function tick(id: string): void {
    timers.delete(id);
    applyChecked(id, (r) => ({ type: 'tick', report: measure(r, clock.now()) }));
  }

  function runHookFor(r: Rollout, hook: NonNullable<Transition['runHook']>): void {
    deps.hooks.run(r, hook).then(
      (outcome) => guarded(() => applyChecked(r.id, () => ({ type: 'hookResult', hook, outcome }))),
      (err) => deps.logError(`rollout ${r.id}: ${hook} hook crashed: ${(err as Error)?.stack ?? err}`),
    );
  }

  function guarded(fn: () => void): void {
    if (disposed) return;
    try {
      fn();
    } catch (err) {
      deps.logError(`rollout scheduler: ${(err as Error)?.stack ?? err}`);
    }
  }

  return {
    begin(spec, ids) {
      const t = begin(spec, ids, clock.now());
      commit(t);
      return settle(t.rollout, t.runHook);
    },
    apply(id, event) {
      const r = repo.get(id);
      return r && step(r, event);
    },
    resumeAll() {
      for (const r of repo.list({ active: true })) guarded(() => void step(r, { type: 'restarted' }));
    },
    dispose() {
      disposed = true;
      for (const t of timers.values()) t.cancel();
      timers.clear();
    },
  };
}
