// Plans: CodeDeploy's named configurations (with and without the CodeDeployDefault.Lambda
// prefix), its TimeBasedCanary/TimeBasedLinear forms, custom step lists, durations and time scale.
import { describe, expect, it } from 'vitest';
import { parseDuration, parsePlan, PLANS, scaledHold } from '../../../src/rollouts/plans.js';

const min = (n: number) => n * 60_000;

describe('rollout plans', () => {
  it('expands the canary configurations into one step and the final shift', () => {
    expect(parsePlan('Canary10Percent5Minutes')).toEqual({ name: 'Canary10Percent5Minutes', steps: [{ weight: 10, holdMs: min(5) }] });
    for (const m of [10, 15, 30]) expect(parsePlan(`Canary10Percent${m}Minutes`).steps).toEqual([{ weight: 10, holdMs: min(m) }]);
  });

  it('expands the linear configurations into nine 10 % steps', () => {
    for (const [name, m] of [['Linear10PercentEvery1Minute', 1], ['Linear10PercentEvery2Minutes', 2], ['Linear10PercentEvery3Minutes', 3], ['Linear10PercentEvery10Minutes', 10]] as const) {
      const plan = parsePlan(name);
      expect(plan.steps.map((s) => s.weight)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90]);
      expect(plan.steps.every((s) => s.holdMs === min(m))).toBe(true);
    }
    expect(parsePlan('AllAtOnce').steps).toEqual([]);
  });

  it('accepts the CodeDeployDefault.Lambda spellings and exactly the nine names', () => {
    expect(Object.keys(PLANS)).toHaveLength(9);
    for (const name of Object.keys(PLANS)) expect(parsePlan(`CodeDeployDefault.Lambda${name}`)).toEqual(parsePlan(name));
    expect(() => parsePlan('Canary10Percent7Minutes')).toThrow(/unknown plan 'Canary10Percent7Minutes'; use one of Canary10Percent5Minutes, .*AllAtOnce/);
    expect(() => parsePlan('CodeDeployDefault.LambdaFast')).toThrow(/unknown plan/);
  });

  it('hands out copies: changing a parsed plan does not change the table', () => {
    parsePlan('Canary10Percent5Minutes').steps[0].weight = 99;
    expect(PLANS.Canary10Percent5Minutes.steps[0].weight).toBe(10);
  });

  it('builds TimeBasedCanary and TimeBasedLinear like CodeDeploy (the last linear shift reaches 100)', () => {
    expect(parsePlan({ type: 'TimeBasedCanary', canaryPercentage: 25, canaryInterval: 3 }).steps).toEqual([{ weight: 25, holdMs: min(3) }]);
    expect(parsePlan({ type: 'TimeBasedLinear', linearPercentage: 30, linearInterval: 2 }).steps).toEqual([30, 60, 90].map((weight) => ({ weight, holdMs: min(2) })));
    expect(parsePlan({ type: 'TimeBasedLinear', linearPercentage: 100, linearInterval: 2 }).steps).toEqual([]);
    expect(() => parsePlan({ type: 'TimeBasedCanary', canaryPercentage: 0, canaryInterval: 3 })).toThrow(/weight 0 is out of range/);
    expect(() => parsePlan({ type: 'TimeBasedLinear', linearPercentage: 10, linearInterval: -1 })).toThrow(/linearInterval \(minutes\) must be a positive number/);
  });

  it('takes custom steps with durations, rejecting bad weights, shrinking weights and bad holds', () => {
    expect(parsePlan([{ weight: 5, hold: '2m' }, { weight: 25, hold: '90s' }, { weight: 100, hold: 30 }])).toEqual({
      name: 'custom',
      steps: [{ weight: 5, holdMs: min(2) }, { weight: 25, holdMs: 90_000 }, { weight: 100, holdMs: 30_000 }],
    });
    expect(() => parsePlan([])).toThrow(/at least one step/);
    expect(() => parsePlan([{ weight: 150, hold: '1m' }])).toThrow('step 1: weight 150 is out of range; a weight is a percentage above 0 and at most 100');
    expect(() => parsePlan([{ weight: -5, hold: '1m' }])).toThrow(/weight -5 is out of range/);
    expect(() => parsePlan([{ weight: 20, hold: '1m' }, { weight: 10, hold: '1m' }])).toThrow('step 2: weights must grow from step to step (20 then 10)');
    expect(() => parsePlan([{ weight: 20, hold: 'soon' }])).toThrow(/step 1 hold 'soon' is not a duration/);
  });

  it('parses durations and scales holds', () => {
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration(2.5)).toBe(2500);
    expect(() => parseDuration('5 minutes')).toThrow(/not a duration/);
    expect(() => parseDuration(-1)).toThrow(/not a duration/);
    expect(scaledHold(min(5), 0.01)).toBe(3000);
    expect(scaledHold(min(1), 1)).toBe(60_000);
  });
});
