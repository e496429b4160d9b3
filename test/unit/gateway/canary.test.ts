// Canary maths: one draw decides; 0 and 100 are exact and take no draw; the seeded source
// repeats and is uniform enough for a 99.9 % binomial interval; overrides overlay variables.
import { describe, expect, it } from 'vitest';
import { isCanaryRequest, seededRandom } from '../../../src/gateway/canary.js';
import { canaryStageVariables, renderStageVariables } from '../../../src/gateway/stage-variables.js';
import { binomialInterval } from '../../helpers/stats.js';

describe('canary draw', () => {
  it('sends nothing at 0 % and everything at 100 %, without drawing', () => {
    let draws = 0;
    const random = () => {
      draws++;
      return 0;
    };
    for (let i = 0; i < 100; i++) {
      expect(isCanaryRequest(0, random)).toBe(false);
      expect(isCanaryRequest(undefined, random)).toBe(false);
      expect(isCanaryRequest(100, random)).toBe(true);
    }
    expect(draws).toBe(0);
  });

  it('compares one draw with the percentage', () => {
    expect(isCanaryRequest(10, () => 0.0999)).toBe(true);
    expect(isCanaryRequest(10, () => 0.1)).toBe(false);
    expect(isCanaryRequest(10.5, () => 0.104)).toBe(true);
    expect(isCanaryRequest(99.999, () => 0.99998)).toBe(true);
    let draws = 0;
    isCanaryRequest(50, () => (draws++, 0.3));
    expect(draws).toBe(1);
  });

  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const seqA = Array.from({ length: 50 }, () => a());
    expect(Array.from({ length: 50 }, () => b())).toEqual(seqA);
    expect(Array.from({ length: 50 }, () => c())).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('splits 100 000 seeded draws within a 99.9 % binomial interval for several shares', () => {
    for (const [seed, percent] of [[1, 10], [2, 1], [3, 50], [4, 33.3]] as const) {
      const random = seededRandom(seed);
      let canary = 0;
      const n = 100_000;
      for (let i = 0; i < n; i++) if (isCanaryRequest(percent, random)) canary++;
      const [low, high] = binomialInterval(n, percent / 100, 0.999);
      expect(canary, `seed ${seed}, ${percent} %`).toBeGreaterThanOrEqual(low);
      expect(canary, `seed ${seed}, ${percent} %`).toBeLessThanOrEqual(high);
    }
  });
});

describe('stage variables', () => {
  it('overlays canary overrides on the stage variables (AWS-recorded canary snapshot)', () => {
    expect(canaryStageVariables({ variable: 'default', nonOverridden: 'default' }, { variable: 'canary', nonExistingDefault: 'canary' })).toEqual({
      variable: 'canary',
      nonOverridden: 'default',
      nonExistingDefault: 'canary',
    });
    expect(canaryStageVariables(undefined, undefined)).toEqual({});
  });

  it('renders ${stageVariables.x} in URIs, missing ones as empty', () => {
    const uri = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:${stageVariables.fn}:${stageVariables.alias}/invocations';
    expect(renderStageVariables(uri, { fn: 'version2_lambda', alias: 'live' })).toBe(
      'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:version2_lambda:live/invocations',
    );
    expect(renderStageVariables('http://${stageVariables.host}/x?y=${stageVariables.none}', { host: 'example.com' })).toBe('http://example.com/x?y=');
  });
});
