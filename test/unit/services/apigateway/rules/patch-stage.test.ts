// UpdateStage's patch engine: canary paths, promotion, variables, method settings and stage
// fields, with AWS's refusal texts (reference sections 1.4, 1.5, 5).
import { describe, expect, it } from 'vitest';
import type { PatchOperation, Stage } from '../../../../../src/aws/generated/apigateway.js';
import { AwsError } from '../../../../../src/aws/errors.js';
import { patchStage } from '../../../../../src/services/apigateway/rules/patch-stage.js';

const DEPLOYMENTS = new Set(['dep1', 'dep2', 'dep3']);
const ctx = { deploymentExists: (id: string) => DEPLOYMENTS.has(id) };

const stage = (extra: Partial<Stage> = {}): Stage => ({
  stageName: 'dev',
  deploymentId: 'dep1',
  cacheClusterEnabled: false,
  cacheClusterStatus: 'NOT_AVAILABLE',
  methodSettings: {},
  tracingEnabled: false,
  variables: { testVar: 'test', testVar2: 'test2' },
  ...extra,
});

const patch = (s: Stage, ...ops: PatchOperation[]) => patchStage(s, ops, ctx);

function refusal(fn: () => unknown): AwsError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AwsError);
    return err as AwsError;
  }
  throw new Error('expected a refusal');
}

const LONG_LIST =
  'Must be one of: [/deploymentId, /description, /cacheClusterEnabled, /cacheClusterSize, /clientCertificateId, /accessLogSettings, /accessLogSettings/destinationArn, /accessLogSettings/format, /{resourcePath}/{httpMethod}/metrics/enabled, /{resourcePath}/{httpMethod}/logging/dataTrace, /{resourcePath}/{httpMethod}/logging/loglevel, /{resourcePath}/{httpMethod}/throttling/burstLimit/{resourcePath}/{httpMethod}/throttling/rateLimit/{resourcePath}/{httpMethod}/caching/ttlInSeconds, /{resourcePath}/{httpMethod}/caching/enabled, /{resourcePath}/{httpMethod}/caching/dataEncrypted, /{resourcePath}/{httpMethod}/caching/requireAuthorizationForCacheControl, /{resourcePath}/{httpMethod}/caching/unauthorizedCacheControlHeaderStrategy, /*/*/metrics/enabled, /*/*/logging/dataTrace, /*/*/logging/loglevel, /*/*/throttling/burstLimit /*/*/throttling/rateLimit /*/*/caching/ttlInSeconds, /*/*/caching/enabled, /*/*/caching/dataEncrypted, /*/*/caching/requireAuthorizationForCacheControl, /*/*/caching/unauthorizedCacheControlHeaderStrategy, /variables/{variable_name}, /tracingEnabled]';

describe('patchStage: canary settings', () => {
  it('creates a default canary from a single replace of the percentage (update-stage-with-percent)', () => {
    const out = patch(stage(), { op: 'replace', path: '/canarySettings/percentTraffic', value: '50' });
    expect(out.canarySettings).toEqual({ deploymentId: 'dep1', percentTraffic: 50, useStageCache: false });
  });

  it('creates a default canary from a single replace of the deployment (update-stage-with-deployment)', () => {
    const out = patch(stage(), { op: 'replace', path: '/canarySettings/deploymentId', value: 'dep2' });
    expect(out.canarySettings).toEqual({ deploymentId: 'dep2', percentTraffic: 0, useStageCache: false });
    expect(out.deploymentId).toBe('dep1');
  });

  it('reads the percentage as Terraform sends it ("20.000000") and as the CLI sends it ("10.5")', () => {
    expect(patch(stage(), { op: 'replace', path: '/canarySettings/percentTraffic', value: '20.000000' }).canarySettings?.percentTraffic).toBe(20);
    expect(patch(stage(), { op: 'replace', path: '/canarySettings/percentTraffic', value: '10.5' }).canarySettings?.percentTraffic).toBe(10.5);
  });

  it.each(['0', '0.0', '100', '100.0'])('accepts the bounds of percentTraffic (%s)', (value) => {
    expect(patch(stage(), { op: 'replace', path: '/canarySettings/percentTraffic', value }).canarySettings?.percentTraffic).toBe(Number(value));
  });

  it.each(['-0.1', '100.01', 'ten', ''])('refuses percentTraffic %j with a 400 naming the range', (value) => {
    const err = refusal(() => patch(stage(), { op: 'replace', path: '/canarySettings/percentTraffic', value }));
    expect(err.code).toBe('BadRequestException');
    expect(err.message).toContain('between 0.0 and 100.0');
  });

  it('sets useStageCache and one override at a time, validating the override', () => {
    const out = patch(
      stage(),
      { op: 'replace', path: '/canarySettings/useStageCache', value: 'true' },
      { op: 'replace', path: '/canarySettings/stageVariableOverrides/sv1', value: 'val2' },
    );
    expect(out.canarySettings).toEqual({ deploymentId: 'dep1', percentTraffic: 0, useStageCache: true, stageVariableOverrides: { sv1: 'val2' } });
    const err = refusal(() => patch(stage(), { op: 'replace', path: '/canarySettings/stageVariableOverrides/bad-name', value: 'x' }));
    expect(err.message).toBe('Invalid stage variable name: bad-name.  Please use names with only word characters.');
  });

  it('removes one override (the op Terraform sends) and the whole canary', () => {
    const withCanary = stage({ canarySettings: { deploymentId: 'dep2', percentTraffic: 10, useStageCache: false, stageVariableOverrides: { a: '1', b: '2' } } });
    expect(patch(withCanary, { op: 'remove', path: '/canarySettings/stageVariableOverrides/a' }).canarySettings?.stageVariableOverrides).toEqual({ b: '2' });
    const none = patch(withCanary, { op: 'remove', path: '/canarySettings/stageVariableOverrides/a' }, { op: 'remove', path: '/canarySettings/stageVariableOverrides/b' });
    expect(none.canarySettings).toEqual({ deploymentId: 'dep2', percentTraffic: 10, useStageCache: false });
    expect('canarySettings' in patch(withCanary, { op: 'remove', path: '/canarySettings' })).toBe(false);
  });

  it('refuses a canary deployment that does not exist [AWS-recorded update-stage-no-deployment]', () => {
    const err = refusal(() => patch(stage(), { op: 'replace', path: '/canarySettings/deploymentId', value: 'deploy' }));
    expect([err.code, err.message]).toEqual(['BadRequestException', 'Deployment id does not exist']);
  });

  it('refuses add on a canary path [AWS-recorded update-stage-add-deployment]', () => {
    expect(refusal(() => patch(stage(), { op: 'add', path: '/canarySettings/deploymentId', value: 'dep2' })).message).toBe(
      'Invalid add operation with path: /canarySettings/deploymentId',
    );
  });

  it('refuses removing the whole override map or an unknown canary path, message ending in a space [AWS-recorded]', () => {
    expect(refusal(() => patch(stage(), { op: 'remove', path: '/canarySettings/stageVariableOverrides' })).message).toBe(
      'Cannot remove method setting canarySettings/stageVariableOverrides because there is no method setting for this method ',
    );
    expect(refusal(() => patch(stage(), { op: 'remove', path: '/canarySettings/badPath' })).message).toBe(
      'Cannot remove method setting canarySettings/badPath because there is no method setting for this method ',
    );
  });

  it('refuses replacing the canary root or an unknown canary path with the long list, character for character', () => {
    expect(refusal(() => patch(stage(), { op: 'replace', path: '/canarySettings', value: 'test' })).message).toBe(
      `Invalid method setting path: /canarySettings. ${LONG_LIST}`,
    );
    expect(refusal(() => patch(stage(), { op: 'replace', path: '/canarySettings/badPath', value: 'badPath' })).message).toBe(
      `Invalid method setting path: /canarySettings/badPath. ${LONG_LIST}`,
    );
  });
});

describe('patchStage: promotion by copy', () => {
  const promote: PatchOperation[] = [
    { op: 'replace', value: '0.0', path: '/canarySettings/percentTraffic' },
    { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
    { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
  ];

  it('promotes: stage takes the canary deployment, overrides merge into variables, canary stays at 0% [update-stage-with-copy-2]', () => {
    const s = stage({ canarySettings: { deploymentId: 'dep2', percentTraffic: 50, useStageCache: false, stageVariableOverrides: { testVar: 'override' } } });
    const out = patchStage(s, promote, ctx);
    expect(out.deploymentId).toBe('dep2');
    expect(out.variables).toEqual({ testVar: 'override', testVar2: 'test2' });
    expect(out.canarySettings).toEqual({ deploymentId: 'dep2', percentTraffic: 0, useStageCache: false, stageVariableOverrides: { testVar: 'override' } });
  });

  it('on a stage without canary, the replace first creates a default canary so the copies change nothing [update-stage-with-copy]', () => {
    const out = patchStage(stage(), promote, ctx);
    expect(out.deploymentId).toBe('dep1');
    expect(out.variables).toEqual({ testVar: 'test', testVar2: 'test2' });
    expect(out.canarySettings).toEqual({ deploymentId: 'dep1', percentTraffic: 0, useStageCache: false });
  });

  it('refuses copies without a canary [copy-with-no-replace]', () => {
    expect(refusal(() => patchStage(stage(), promote.slice(1), ctx)).message).toBe('Promotion not available. Canary does not exist.');
  });

  it('refuses copies to or from other paths, naming the pair [copy-with-bad-statement]', () => {
    const err = refusal(() => patch(stage(), { op: 'copy', path: '/canarySettings/stageVariableOverrides', from: '/variables' }));
    expect(err.message).toBe(
      'Invalid copy operation with path: /canarySettings/stageVariableOverrides and from /variables. Valid copy:path are [/deploymentId, /variables] and valid copy:from are [/canarySettings/deploymentId, /canarySettings/stageVariableOverrides]',
    );
  });
});

describe('patchStage: stage fields, variables and method settings', () => {
  it('replaces deploymentId only with an existing deployment', () => {
    expect(patch(stage(), { op: 'replace', path: '/deploymentId', value: 'dep3' }).deploymentId).toBe('dep3');
    expect(refusal(() => patch(stage(), { op: 'replace', path: '/deploymentId', value: 'nope' })).message).toBe('Deployment id does not exist');
  });

  it('sets and removes description, tracing and the cache cluster (AVAILABLE with 0.5 GB by default)', () => {
    const out = patch(
      stage(),
      { op: 'replace', path: '/description', value: 'hello' },
      { op: 'replace', path: '/tracingEnabled', value: 'true' },
      { op: 'replace', path: '/cacheClusterEnabled', value: 'true' },
    );
    expect(out).toMatchObject({ description: 'hello', tracingEnabled: true, cacheClusterEnabled: true, cacheClusterStatus: 'AVAILABLE', cacheClusterSize: '0.5' });
    expect('description' in patch(out, { op: 'remove', path: '/description' })).toBe(false);
    expect(patch(out, { op: 'replace', path: '/cacheClusterSize', value: '6.1' }).cacheClusterSize).toBe('6.1');
    expect(refusal(() => patch(out, { op: 'replace', path: '/cacheClusterSize', value: '7' })).code).toBe('BadRequestException');
  });

  it('replaces, adds and removes variables, checking names and values with AWS texts', () => {
    const out = patch(stage(), { op: 'replace', path: '/variables/testVar', value: 'new' }, { op: 'remove', path: '/variables/testVar2' });
    expect(out.variables).toEqual({ testVar: 'new' });
    expect('variables' in patch(out, { op: 'remove', path: '/variables/testVar' })).toBe(false);
    expect(refusal(() => patch(stage(), { op: 'replace', path: '/variables/a', value: 'has space' })).message).toBe(
      "Invalid stage variable value: has space.  Please use values with alphanumeric characters and the symbols ' ', -', '.', '_', ':', '/', '?', '&', '=', and ','.",
    );
  });

  it('creates a method setting with the AWS defaults and sets one field (/*/*/throttling/rateLimit)', () => {
    const out = patch(stage(), { op: 'replace', path: '/*/*/throttling/rateLimit', value: '100' }, { op: 'replace', path: '/*/*/logging/loglevel', value: 'INFO' });
    expect(out.methodSettings).toEqual({
      '*/*': {
        metricsEnabled: false,
        dataTraceEnabled: false,
        throttlingBurstLimit: 5000,
        throttlingRateLimit: 100,
        cachingEnabled: false,
        cacheTtlInSeconds: 300,
        cacheDataEncrypted: false,
        requireAuthorizationForCacheControl: true,
        unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
        loggingLevel: 'INFO',
      },
    });
  });

  it('keys a per-method setting by the escaped resource path (~1pets/GET), as the CLI examples show', () => {
    const out = patch(stage(), { op: 'replace', path: '/~1pets~1{id}/GET/metrics/enabled', value: 'true' });
    expect(Object.keys(out.methodSettings!)).toEqual(['~1pets~1{id}/GET']);
    expect(out.methodSettings!['~1pets~1{id}/GET'].metricsEnabled).toBe(true);
    expect(Object.keys(patch(stage(), { op: 'replace', path: '/pets/GET/caching/ttlInSeconds', value: '60' }).methodSettings!)).toEqual(['pets/GET']);
  });

  it('removes a whole method setting, refusing one that is not there with the AWS text', () => {
    const withSetting = patch(stage(), { op: 'replace', path: '/*/*/metrics/enabled', value: 'true' });
    expect(patch(withSetting, { op: 'remove', path: '/*/*' }).methodSettings).toEqual({});
    expect(refusal(() => patch(stage(), { op: 'remove', path: '/*/*' })).message).toBe(
      'Cannot remove method setting */* because there is no method setting for this method ',
    );
  });

  it('refuses an unknown setting of a method path with the older method-setting list (aws/aws-sdk-java#1823)', () => {
    expect(refusal(() => patch(stage(), { op: 'replace', path: '/*/*/accessLogSettings/format', value: 'x' })).message).toMatch(
      /^Invalid method setting path: accessLogSettings\/format\. Must be one of: \[\.\.\.\/metrics\/enabled, /,
    );
    expect(refusal(() => patch(stage(), { op: 'replace', path: '/*/*/throttling/rateLimit', value: 'fast' })).code).toBe('BadRequestException');
  });

  it.each(['/tags/tag1', '/documentation_version', '/webAclArn'])('refuses %s with the long list [AWS-recorded]', (path) => {
    expect(refusal(() => patch(stage(), { op: 'replace', path, value: 'x' })).message).toBe(`Invalid method setting path: ${path}. ${LONG_LIST}`);
  });

  it('sets access log settings, requiring a request id in the format', () => {
    const out = patch(
      stage(),
      { op: 'replace', path: '/accessLogSettings/destinationArn', value: 'arn:aws:logs:us-east-1:000000000000:log-group:access' },
      { op: 'replace', path: '/accessLogSettings/format', value: '$context.requestId $context.status' },
    );
    expect(out.accessLogSettings).toEqual({ destinationArn: 'arn:aws:logs:us-east-1:000000000000:log-group:access', format: '$context.requestId $context.status' });
    expect('accessLogSettings' in patch(out, { op: 'remove', path: '/accessLogSettings' })).toBe(false);
    expect(refusal(() => patch(stage(), { op: 'replace', path: '/accessLogSettings/format', value: '$context.status' })).code).toBe('BadRequestException');
  });
});

describe('patchStage: all or nothing', () => {
  it('leaves the given stage untouched, also when a later operation is refused', () => {
    const s = stage();
    const before = structuredClone(s);
    patch(s, { op: 'replace', path: '/canarySettings/percentTraffic', value: '5' });
    refusal(() => patch(s, { op: 'replace', path: '/variables/a', value: 'b' }, { op: 'replace', path: '/nope', value: 'x' }));
    expect(s).toEqual(before);
  });
});
