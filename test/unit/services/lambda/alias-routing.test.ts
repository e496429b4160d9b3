// Alias routing rules (texts recorded from AWS in LocalStack's alias tests) and the weighted draw.
import { describe, expect, test } from 'vitest';
import { pickVersion, routingProblem } from '../../../../src/services/lambda/rules/alias-routing.js';
import { expectedCountRange } from '../../../../src/telemetry/binomial.js';

describe('AdditionalVersionWeights rules', () => {
  test('one extra version at most', () => {
    expect(routingProblem({ AdditionalVersionWeights: { '2': 0.1, '3': 0.1 } }, '1')?.message).toBe(
      'Number of items in AdditionalVersionWeights cannot be greater than 1',
    );
  });

  test('the extra version must differ from the main one, and the main one must be published', () => {
    expect(routingProblem({ AdditionalVersionWeights: { '1': 0.5 } }, '1')?.message).toBe(
      'Invalid function version 1. Function version 1 is already included in routing configuration.',
    );
    expect(routingProblem({ AdditionalVersionWeights: { '2': 0.5 } }, '$LATEST')?.message).toBe('$LATEST is not supported for an alias pointing to more than 1 version');
  });

  test('no weights, or a valid pair, is fine', () => {
    expect(routingProblem(undefined, '$LATEST')).toBeUndefined();
    expect(routingProblem({ AdditionalVersionWeights: {} }, '$LATEST')).toBeUndefined();
    expect(routingProblem({ AdditionalVersionWeights: { '2': 0.1 } }, '1')).toBeUndefined();
  });
});

describe('the per-invocation draw', () => {
  test('below the weight the extra version runs, otherwise the main one', () => {
    const routing = { AdditionalVersionWeights: { '2': 0.1 } };
    expect(pickVersion('1', routing, () => 0.05)).toBe('2');
    expect(pickVersion('1', routing, () => 0.1)).toBe('1');
    expect(pickVersion('1', routing, () => 0.99)).toBe('1');
    expect(pickVersion('1', undefined, () => 0)).toBe('1');
    expect(pickVersion('1', { AdditionalVersionWeights: { '2': 0 } }, () => 0)).toBe('1');
    expect(pickVersion('1', { AdditionalVersionWeights: { '2': 1 } }, () => 0.999)).toBe('2');
  });

  test('with Math.random, 10% over 10 000 draws stays in the 99.9% binomial range', () => {
    let extra = 0;
    for (let i = 0; i < 10_000; i++) if (pickVersion('1', { AdditionalVersionWeights: { '2': 0.1 } }, Math.random) === '2') extra++;
    const [lo, hi] = expectedCountRange(0.1, 10_000);
    expect(extra).toBeGreaterThanOrEqual(lo);
    expect(extra).toBeLessThanOrEqual(hi);
  });
});
