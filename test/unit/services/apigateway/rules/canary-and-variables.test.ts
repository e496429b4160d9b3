// CreateDeployment's canary rules and the stage variable rules, with AWS's exact texts (no space
// after "specified.") [AWS-recorded] LS-CANARY-SNAP; serverless/serverless#11518.
import { describe, expect, it } from 'vitest';
import { canarySettings, checkDeploymentTarget, parsePercentTraffic } from '../../../../../src/services/apigateway/rules/canary-settings.js';
import { checkStageVariable, isValidStageName } from '../../../../../src/services/apigateway/rules/stage-variables.js';

const attempt = (fn: () => unknown) => {
  try {
    fn();
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
};

describe('checkDeploymentTarget', () => {
  const canary = { percentTraffic: 50 };
  it('needs a stage name for a canary deployment: null and empty are told apart', () => {
    expect(attempt(() => checkDeploymentTarget(undefined, undefined, canary))).toBe(
      'Invalid deployment content specified.Non null and non empty stageName must be provided for canary deployment. Provided value is null',
    );
    expect(attempt(() => checkDeploymentTarget('', undefined, canary))).toBe(
      'Invalid deployment content specified.Non null and non empty stageName must be provided for canary deployment. Provided value is ',
    );
  });

  it('needs the stage to exist for a canary deployment', () => {
    expect(attempt(() => checkDeploymentTarget('non-existing', undefined, canary))).toBe(
      'Invalid deployment content specified.Stage non-existing must already be created before making a canary release deployment',
    );
  });

  it('refuses a plain deployment to a canary-enabled stage, and lets the others through', () => {
    const withCanary = { stageName: 'v1', canarySettings: { deploymentId: 'd', percentTraffic: 10 } };
    expect(attempt(() => checkDeploymentTarget('v1', withCanary, undefined))).toBe(
      'Invalid deployment content specified.Non canary deployment not supported on stage v1 because Canary is enabled. Provide CanarySettings in deploymentInput.',
    );
    expect(attempt(() => checkDeploymentTarget('v1', { stageName: 'v1' }, undefined))).toBeUndefined();
    expect(attempt(() => checkDeploymentTarget('', undefined, undefined))).toBeUndefined();
    expect(attempt(() => checkDeploymentTarget('v1', withCanary, canary))).toBeUndefined();
  });
});

describe('canarySettings', () => {
  it('fills AWS defaults and leaves stageVariableOverrides out when none', () => {
    expect(canarySettings('d1')).toEqual({ deploymentId: 'd1', percentTraffic: 0, useStageCache: false });
    expect(canarySettings('d2', { percentTraffic: 10, stageVariableOverrides: { a: 'b' } })).toEqual({
      deploymentId: 'd2',
      percentTraffic: 10,
      useStageCache: false,
      stageVariableOverrides: { a: 'b' },
    });
  });

  it('checks the percentage and the overrides', () => {
    expect(attempt(() => canarySettings('d', { percentTraffic: 101 }))).toContain('between 0.0 and 100.0');
    expect(attempt(() => canarySettings('d', { stageVariableOverrides: { 'a-b': 'c' } }))).toBe(
      'Invalid stage variable name: a-b.  Please use names with only word characters.',
    );
  });

  it('parses numbers and numeric strings only', () => {
    expect(parsePercentTraffic(10)).toBe(10);
    expect(parsePercentTraffic('20.000000')).toBe(20);
    expect(attempt(() => parsePercentTraffic(undefined))).toContain('null');
  });
});

describe('stage variables', () => {
  it.each([
    ['lambda_function_name', 'version2_lambda'],
    ['A1_', 'arn:aws:lambda:us-east-1:1:function:f'],
    ['url', 'https://example.com/a?b=c&d=e#f,g~h'],
    ['x'.repeat(64), 'v'.repeat(512)],
  ])('accepts %s = %s', (name, value) => {
    expect(attempt(() => checkStageVariable(name, value))).toBeUndefined();
  });

  it('refuses names with other characters, and long names, with AWS-style texts', () => {
    expect(attempt(() => checkStageVariable('owner:application-name', 'foo'))).toBe(
      'Invalid stage variable name: owner:application-name.  Please use names with only word characters.',
    );
    expect(attempt(() => checkStageVariable('x'.repeat(65), 'v'))).toMatch(/^Invalid stage variable name: x+\.  Stage variable names must be at most 64 characters\.$/);
  });

  it.each([[''], ['has space'], ['semi;colon'], ['quote"']])('refuses the value %j with AWS text', (value) => {
    expect(attempt(() => checkStageVariable('n', value))).toBe(
      `Invalid stage variable value: ${value}.  Please use values with alphanumeric characters and the symbols ' ', -', '.', '_', ':', '/', '?', '&', '=', and ','.`,
    );
  });

  it('refuses values over 512 characters', () => {
    expect(attempt(() => checkStageVariable('n', 'v'.repeat(513)))).toContain('at most 512 characters');
  });

  it('knows stage names: letters, digits, - and _, at most 128', () => {
    expect(isValidStageName('prod-1_a')).toBe(true);
    expect(isValidStageName('a'.repeat(128))).toBe(true);
    expect(isValidStageName('a'.repeat(129))).toBe(false);
    expect(isValidStageName('with space')).toBe(false);
    expect(isValidStageName('')).toBe(false);
  });
});
