// Rollout plans: CodeDeploy's ready-made Lambda traffic-shift configurations by name, its custom
// TimeBasedCanary / TimeBasedLinear forms, and explicit step lists, expanded into weighted steps.
// After the last step all traffic goes to the canary and it is promoted (reference 8.2). Pure.

export interface PlanStep {
  /** The canary's percentTraffic during the step, in (0, 100]. */
  weight: number;
  /** How long the step holds before the next one, unscaled (timeScale applies at run time). */
  holdMs: number;
}

export interface Plan {
  /** The CodeDeploy name, `TimeBasedCanary`/`TimeBasedLinear`, or `custom`. */
  name: string;
  steps: PlanStep[];
}

/** A custom step as users write it: `{weight: 5, hold: "2m"}` (a number hold is seconds). */
export interface StepInput {
  weight: number;
  hold: string | number;
}

export type PlanInput =
  | string
  | StepInput[]
  | { type: 'TimeBasedCanary'; canaryPercentage: number; canaryInterval: number }
  | { type: 'TimeBasedLinear'; linearPercentage: number; linearInterval: number };

const MINUTE = 60_000;

class PlanError extends Error {
  readonly isUserError = true;
}

/** CodeDeploy's TimeBasedCanary: `percentage` for `minutes`, then everything. */
function canaryPlan(name: string, percentage: number, minutes: number): Plan {
  return { name, steps: [{ weight: percentage, holdMs: minutes * MINUTE }] };
}

/** CodeDeploy's TimeBasedLinear: `percentage` more every `minutes` until 100 % (the last shift reaches 100). */
function linearPlan(name: string, percentage: number, minutes: number): Plan {
  const steps: PlanStep[] = [];
  for (let w = percentage; w < 100; w += percentage) steps.push({ weight: Math.round(w * 1e6) / 1e6, holdMs: minutes * MINUTE });
  return { name, steps };
}

/** The predefined configurations (reference 8.2), without the `CodeDeployDefault.Lambda` prefix. */
export const PLANS: Record<string, Plan> = {
  Canary10Percent5Minutes: canaryPlan('Canary10Percent5Minutes', 10, 5),
  Canary10Percent10Minutes: canaryPlan('Canary10Percent10Minutes', 10, 10),
  Canary10Percent15Minutes: canaryPlan('Canary10Percent15Minutes', 10, 15),
  Canary10Percent30Minutes: canaryPlan('Canary10Percent30Minutes', 10, 30),
  Linear10PercentEvery1Minute: linearPlan('Linear10PercentEvery1Minute', 10, 1),
  Linear10PercentEvery2Minutes: linearPlan('Linear10PercentEvery2Minutes', 10, 2),
  Linear10PercentEvery3Minutes: linearPlan('Linear10PercentEvery3Minutes', 10, 3),
  Linear10PercentEvery10Minutes: linearPlan('Linear10PercentEvery10Minutes', 10, 10),
  AllAtOnce: { name: 'AllAtOnce', steps: [] },
};

const PREFIX = 'CodeDeployDefault.Lambda';
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: MINUTE, h: 60 * MINUTE };

/** `"90s"`, `"2m"`, `"1.5h"`, `"250ms"`, or a number of seconds, in milliseconds. */
export function parseDuration(value: string | number, what = 'duration'): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return value * 1000;
  } else {
    const m = DURATION.exec(value.trim());
    if (m) return Number(m[1]) * UNIT_MS[m[2]];
  }
  throw new PlanError(`${what} '${value}' is not a duration: write a number of seconds or e.g. "30s", "2m", "1h", "500ms"`);
}

function checkWeight(weight: number, where: string): void {
  if (!Number.isFinite(weight) || weight <= 0 || weight > 100) throw new PlanError(`${where}: weight ${weight} is out of range; a weight is a percentage above 0 and at most 100`);
}

function customPlan(input: StepInput[]): Plan {
  if (input.length === 0) throw new PlanError('a custom plan needs at least one step, e.g. [{"weight": 10, "hold": "5m"}]');
  const steps = input.map((s, i) => {
    checkWeight(s.weight, `step ${i + 1}`);
    return { weight: s.weight, holdMs: parseDuration(s.hold, `step ${i + 1} hold`) };
  });
  steps.forEach((s, i) => {
    if (i > 0 && s.weight <= steps[i - 1].weight) throw new PlanError(`step ${i + 1}: weights must grow from step to step (${steps[i - 1].weight} then ${s.weight})`);
  });
  return { name: 'custom', steps };
}

function positive(value: number, what: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new PlanError(`${what} must be a positive number, got ${value}`);
  return value;
}

/** The plan a user named or wrote, or a PlanError saying what is wrong and what is accepted. */
export function parsePlan(input: PlanInput): Plan {
  if (typeof input === 'string') {
    const name = input.startsWith(PREFIX) ? input.slice(PREFIX.length) : input;
    const plan = PLANS[name];
    if (!plan) throw new PlanError(`unknown plan '${input}'; use one of ${Object.keys(PLANS).join(', ')} (optionally as ${PREFIX}…), or a list of steps`);
    return structuredClone(plan);
  }
  if (Array.isArray(input)) return customPlan(input);
  if (input.type === 'TimeBasedCanary') {
    checkWeight(input.canaryPercentage, 'TimeBasedCanary');
    return canaryPlan('TimeBasedCanary', input.canaryPercentage, positive(input.canaryInterval, 'canaryInterval (minutes)'));
  }
  checkWeight(input.linearPercentage, 'TimeBasedLinear');
  return linearPlan('TimeBasedLinear', input.linearPercentage, positive(input.linearInterval, 'linearInterval (minutes)'));
}

/** A hold under `timeScale` (0.01 makes 5 minutes 3 s), in whole milliseconds. */
export const scaledHold = (holdMs: number, timeScale: number) => Math.round(holdMs * timeScale);
