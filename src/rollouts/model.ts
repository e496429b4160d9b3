// What a rollout is, as stored (one `kanaria.rollout` document each) and answered by the JSON
// API, and the UpdateStage patches it sends: the same operations a user could send by hand
// (reference 1.4 and 1.5). Times are epoch milliseconds.
import type { PatchOperation } from '../aws/generated/apigateway.js';
import type { Datapoint } from './alarm.js';
import type { GateConfig, GateReport } from './gates.js';
import type { Plan } from './plans.js';
import type { StageRef } from './stage-control.js';

export type RolloutStatus = 'preTraffic' | 'holding' | 'paused' | 'postTraffic' | 'succeeded' | 'rolledBack' | 'aborted' | 'failed';

/** Statuses of a rollout still in progress: at most one per stage. */
export const ACTIVE: readonly RolloutStatus[] = ['preTraffic', 'holding', 'paused', 'postTraffic'];
export const isActive = (status: RolloutStatus) => ACTIVE.includes(status);

export type HookName = 'preTraffic' | 'postTraffic';
/** CodeDeploy's lifecycle event names for the two hooks. */
export const LIFECYCLE_EVENT: Record<HookName, 'BeforeAllowTraffic' | 'AfterAllowTraffic'> = { preTraffic: 'BeforeAllowTraffic', postTraffic: 'AfterAllowTraffic' };

export interface StickyConfig {
  header?: string;
  cookie?: string;
}

/** What the user asked for, checked (schema.ts): the stage, and how to roll its canary out. */
export interface RolloutSpec extends StageRef {
  plan: Plan;
  timeScale: number;
  gates: GateConfig;
  hooks: Record<HookName, string | null>;
  sticky: StickyConfig | null;
  /** Create the canary from this deployment; null: use the canary the stage has. */
  deploymentId: string | null;
  stageVariableOverrides: Record<string, string> | null;
}

export interface HookOutcome {
  lifecycleEvent: 'BeforeAllowTraffic' | 'AfterAllowTraffic';
  functionName: string;
  succeeded: boolean;
  /** The function's answer, or why it counts as a failure. */
  detail: string;
  durationMs: number;
}

export type HistoryEvent = 'started' | 'hook' | 'shift' | 'stepPassed' | 'suspect' | 'waiting' | 'paused' | 'resumed' | 'restarted' | 'promoted' | 'rolledBack' | 'aborted' | 'failed';

export interface HistoryEntry {
  at: number;
  event: HistoryEvent;
  message: string;
  stepIndex?: number;
  weight?: number;
  /** The UpdateStage patch operations sent for this entry, in order, as one call. */
  patches?: PatchOperation[];
  gate?: GateReport;
  hook?: HookOutcome;
}

export interface Rollout extends RolloutSpec {
  id: string;
  baseDeploymentId: string;
  canaryDeploymentId: string;
  status: RolloutStatus;
  /** The step being held: -1 before the first, `plan.steps.length` at the final 100 % (AfterAllowTraffic). */
  stepIndex: number;
  /** The canary's percentTraffic as the rollout last set it. */
  weight: number;
  stepStartedAt: number | null;
  /** While holding: when the step's (scaled) hold ends. */
  holdEndsAt: number | null;
  /** While paused: what was left of the hold. */
  pausedRemainingMs: number | null;
  /** The hold ended but the canary has not had enough requests for the gates to judge. */
  waitingForTraffic: boolean;
  /**
   * When only the latency gate failed: it is confirmed on requests that came after this moment
   * before the rollout rolls back (a cold start or a pause is not a slower release). Null otherwise.
   */
  latencySuspectAt: number | null;
  lastGate: GateReport | null;
  alarmDatapoints: Datapoint[];
  history: HistoryEntry[];
  createdAt: number;
  updatedAt: number;
  endedAt: number | null;
  /** Why it ended (or failed). */
  reason: string | null;
}

/** percentTraffic as AWS writes it (`10.0`, `12.5`). */
export const percentValue = (weight: number) => (Number.isInteger(weight) ? weight.toFixed(1) : String(weight));

export const shiftPatch = (weight: number): PatchOperation[] => [{ op: 'replace', path: '/canarySettings/percentTraffic', value: percentValue(weight) }];

/** A canary on `deploymentId` with its overrides (a `replace` creates the canary when there is none). */
export function createCanaryPatch(deploymentId: string, overrides: Record<string, string> | null): PatchOperation[] {
  const ops: PatchOperation[] = [{ op: 'replace', path: '/canarySettings/deploymentId', value: deploymentId }];
  for (const [name, value] of Object.entries(overrides ?? {})) ops.push({ op: 'replace', path: `/canarySettings/stageVariableOverrides/${name}`, value });
  return ops;
}

/** The AWS guide's promotion (PROMOTE-DOC), then the canary removed. */
export const PROMOTION_PATCH: readonly PatchOperation[] = [
  { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
  { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
  { op: 'remove', path: '/canarySettings' },
];

/** No traffic to the canary, then the canary removed (DELETE-DOC). */
export const ROLLBACK_PATCH: readonly PatchOperation[] = [...shiftPatch(0), { op: 'remove', path: '/canarySettings' }];
