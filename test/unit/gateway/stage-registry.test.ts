// The stage registry: stages compiled from store documents, rebuilt when they change (before the
// next request, without per-request store reads), route tables cached per deployment and
// dropped when no stage uses them.
import { describe, expect, it } from 'vitest';
import type { CompiledStage } from '../../../src/gateway/compile-stage.js';
import { harness, snapshot } from './harness.js';

const mockRoot = (answer: string) =>
  snapshot([{ path: '/', httpMethod: 'GET', integration: { type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' }, integrationResponses: { '200': { statusCode: '200', responseTemplates: { 'application/json': answer } } } } }]);

describe('stage registry', () => {
  it('serves a stage change on the next request and keeps one table per deployment in use', async () => {
    const h = harness({ random: () => 0.5 });
    h.putDeployment('d1', mockRoot('one'));
    h.putDeployment('d2', mockRoot('two'));
    h.putDeployment('d3', mockRoot('three'));
    h.setStage({ deploymentId: 'd1' });
    const body = async () => String((await h.request('GET', '/')).response!.body);
    expect(await body()).toBe('one');
    expect(h.services.registry.routeTableCount).toBe(1);

    h.setStage({ deploymentId: 'd1', canarySettings: { deploymentId: 'd2', percentTraffic: 60 } });
    expect(await body()).toBe('two');
    expect(h.services.registry.routeTableCount).toBe(2);

    h.setStage({ deploymentId: 'd2', canarySettings: { deploymentId: 'd2', percentTraffic: 0 } });
    expect(await body()).toBe('two');
    expect(h.services.registry.routeTableCount).toBe(1);

    h.setStage({ deploymentId: 'd3' });
    expect(await body()).toBe('three');
    expect(h.services.registry.routeTableCount).toBe(1);
  });

  it('reuses a deployment table across stage changes (compiled once)', async () => {
    const h = harness();
    h.putDeployment('d1', mockRoot('one'));
    h.setStage({ deploymentId: 'd1', variables: { a: '1' } });
    const before = h.services.registry.lookup('abc123defg', 'test') as CompiledStage;
    h.setStage({ deploymentId: 'd1', variables: { a: '2' } });
    const after = h.services.registry.lookup('abc123defg', 'test') as CompiledStage;
    expect(after).not.toBe(before);
    expect(after.base.routes).toBe(before.base.routes);
    expect(after.base.stageVariables).toEqual({ a: '2' });
  });

  it('tells an unknown API from an unknown stage, and forgets a deleted stage', async () => {
    const h = harness();
    h.putDeployment('d1', mockRoot('one'));
    expect(h.services.registry.lookup('abc123defg', 'test')).toBe('unknown-stage');
    expect(h.services.registry.lookup('zzzzzzzzzz', 'test')).toBe('unknown-api');
    h.setStage({});
    expect(typeof h.services.registry.lookup('abc123defg', 'test')).toBe('object');
    expect((await h.request('GET', '/nope')).response!.statusCode).toBe(403);
  });

  it('resolves method settings: the method entry (~1 escaped) over the stage-wide one', () => {
    const h = harness();
    h.putDeployment('d1', snapshot([{ path: '/pets', httpMethod: 'GET', integration: { type: 'MOCK' } }]));
    h.setStage({
      methodSettings: {
        '*/*': { loggingLevel: 'ERROR', throttlingRateLimit: 5, throttlingBurstLimit: 10 },
        '~1pets/GET': { loggingLevel: 'INFO', throttlingRateLimit: 1, throttlingBurstLimit: 2, dataTraceEnabled: true },
      },
    });
    const stage = h.services.registry.lookup('abc123defg', 'test') as CompiledStage;
    expect(stage.settingsFor('pets/GET')).toEqual({ loggingLevel: 'INFO', dataTrace: true, metricsEnabled: false, throttle: { rateLimit: 1, burstLimit: 2 } });
    expect(stage.settingsFor('other/POST')).toEqual({ loggingLevel: 'ERROR', dataTrace: false, metricsEnabled: false, throttle: { rateLimit: 5, burstLimit: 10 } });
  });
});
