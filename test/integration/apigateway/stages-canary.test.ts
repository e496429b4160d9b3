// Stages and canaries through the SDK, with the canary semantics of reference section 1 (which
// id moves, refusals, promotion) and the REST API section of seed 001.
import {
  CreateDeploymentCommand,
  CreateStageCommand,
  DeleteStageCommand,
  GetDeploymentsCommand,
  GetStageCommand,
  GetStagesCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import { describe, expect, it } from 'vitest';
import { useKanaria } from '../../helpers/kanaria.js';
import { body, client, deployableApi, expectAwsError, withStage } from './fixtures.js';

const BASE_STAGE = { cacheClusterEnabled: false, cacheClusterStatus: 'NOT_AVAILABLE', methodSettings: {}, tracingEnabled: false };

describe('stages and canaries', () => {
  const k = useKanaria();

  it('creates a stage with a canary as AWS answers it [AWS-recorded create-stage]', async () => {
    const apigw = client(k);
    const { apiId } = await deployableApi(apigw);
    const d1 = (await apigw.send(new CreateDeploymentCommand({ restApiId: apiId }))).id!;
    const d2 = (await apigw.send(new CreateDeploymentCommand({ restApiId: apiId }))).id!;
    const stage = await apigw.send(
      new CreateStageCommand({
        restApiId: apiId,
        stageName: 'dev',
        deploymentId: d1,
        description: 'dev stage',
        variables: { testVar: 'default' },
        canarySettings: { deploymentId: d2, percentTraffic: 50, stageVariableOverrides: { testVar: 'canary' } },
      }),
    );
    expect(stage.$metadata.httpStatusCode).toBe(201);
    expect(body(stage)).toEqual({
      ...BASE_STAGE,
      canarySettings: { deploymentId: d2, percentTraffic: 50, stageVariableOverrides: { testVar: 'canary' }, useStageCache: false },
      createdDate: expect.any(Date),
      deploymentId: d1,
      description: 'dev stage',
      lastUpdatedDate: expect.any(Date),
      stageName: 'dev',
      variables: { testVar: 'default' },
    });
    expect(body(await apigw.send(new GetStageCommand({ restApiId: apiId, stageName: 'dev' })))).toEqual(body(stage));
  });

  it('refuses bad stages with AWS texts and creates nothing', async () => {
    const apigw = client(k);
    const { apiId, d1 } = await withStage(apigw);
    const refusals: [() => Promise<unknown>, string, number, string][] = [
      [() => apigw.send(new CreateStageCommand({ restApiId: apiId, stageName: 'dev', deploymentId: d1 })), 'ConflictException', 409, 'Stage already exists'],
      [() => apigw.send(new CreateStageCommand({ restApiId: apiId, stageName: 'dev3', deploymentId: d1, canarySettings: { deploymentId: 'deploy' } })), 'BadRequestException', 400, 'Deployment id does not exist'],
      [() => apigw.send(new CreateStageCommand({ restApiId: apiId, stageName: 'dev3', deploymentId: 'nope' })), 'BadRequestException', 400, 'Deployment id does not exist'],
      [() => apigw.send(new CreateStageCommand({ restApiId: apiId, stageName: 'bad name', deploymentId: d1 })), 'BadRequestException', 400, 'Stage name only allows a-zA-Z0-9_-'],
      [() => apigw.send(new CreateStageCommand({ restApiId: apiId, stageName: 'dev3', deploymentId: d1, variables: { 'a:b': 'x' } })), 'BadRequestException', 400, 'Invalid stage variable name: a:b.  Please use names with only word characters.'],
      [() => apigw.send(new CreateStageCommand({ restApiId: apiId, stageName: 'dev3', deploymentId: d1, canarySettings: { percentTraffic: 100.5 } })), 'BadRequestException', 400, 'Invalid percentTraffic value: 100.5. percentTraffic must be a number between 0.0 and 100.0, inclusive.'],
      [() => apigw.send(new GetStageCommand({ restApiId: apiId, stageName: 'nope' })), 'NotFoundException', 404, 'Invalid stage identifier specified'],
      [() => apigw.send(new DeleteStageCommand({ restApiId: apiId, stageName: 'nope' })), 'NotFoundException', 404, 'Invalid stage identifier specified'],
    ];
    for (const [call, name, status, message] of refusals) await expectAwsError(call, { name, status, message });
    expect((await apigw.send(new GetStagesCommand({ restApiId: apiId }))).item!.map((s) => s.stageName)).toEqual(['dev']);
  });

  it('first canary deploy moves the canary id only; later ones replace id and settings [AWS-recorded]', async () => {
    const apigw = client(k);
    const { apiId, d1 } = await withStage(apigw);
    const d2 = (await apigw.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: 'dev', canarySettings: { percentTraffic: 40, stageVariableOverrides: { testVar: 'canary1' } } }))).id;
    let stage = await apigw.send(new GetStageCommand({ restApiId: apiId, stageName: 'dev' }));
    expect(stage.deploymentId).toBe(d1);
    expect(stage.canarySettings).toEqual({ deploymentId: d2, percentTraffic: 40, stageVariableOverrides: { testVar: 'canary1' }, useStageCache: false });
    const d3 = (await apigw.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: 'dev', canarySettings: { percentTraffic: 50, stageVariableOverrides: { testVar: 'canary2' } } }))).id;
    stage = await apigw.send(new GetStageCommand({ restApiId: apiId, stageName: 'dev' }));
    expect(stage.deploymentId).toBe(d1);
    expect(stage.canarySettings).toEqual({ deploymentId: d3, percentTraffic: 50, stageVariableOverrides: { testVar: 'canary2' }, useStageCache: false });
    expect(stage.variables).toEqual({ testVar: 'default' });
  });

  it('refuses canary deploys without an existing stage and plain deploys on a canary stage; state unchanged', async () => {
    const apigw = client(k);
    const { apiId, d1 } = await withStage(apigw);
    await apigw.send(new UpdateStageCommand({ restApiId: apiId, stageName: 'dev', patchOperations: [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '25' }] }));
    const before = body(await apigw.send(new GetStageCommand({ restApiId: apiId, stageName: 'dev' })));
    const deployments = (await apigw.send(new GetDeploymentsCommand({ restApiId: apiId }))).items!.length;
    const refusals: [() => Promise<unknown>, string][] = [
      [() => apigw.send(new CreateDeploymentCommand({ restApiId: apiId, canarySettings: { percentTraffic: 50 } })), 'Invalid deployment content specified.Non null and non empty stageName must be provided for canary deployment. Provided value is null'],
      [() => apigw.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: '', canarySettings: { percentTraffic: 50 } })), 'Invalid deployment content specified.Non null and non empty stageName must be provided for canary deployment. Provided value is '],
      [() => apigw.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: 'non-existing', canarySettings: { percentTraffic: 50 } })), 'Invalid deployment content specified.Stage non-existing must already be created before making a canary release deployment'],
      [() => apigw.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: 'dev' })), 'Invalid deployment content specified.Non canary deployment not supported on stage dev because Canary is enabled. Provide CanarySettings in deploymentInput.'],
      [() => apigw.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: 'dev', canarySettings: { percentTraffic: -1 } })), 'Invalid percentTraffic value: -1. percentTraffic must be a number between 0.0 and 100.0, inclusive.'],
      [() => apigw.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: 'dev', canarySettings: { stageVariableOverrides: { v: 'a b' } } })), "Invalid stage variable value: a b.  Please use values with alphanumeric characters and the symbols ' ', -', '.', '_', ':', '/', '?', '&', '=', and ','."],
    ];
    for (const [call, message] of refusals) await expectAwsError(call, { name: 'BadRequestException', status: 400, message });
    expect(body(await apigw.send(new GetStageCommand({ restApiId: apiId, stageName: 'dev' })))).toEqual(before);
    expect((await apigw.send(new GetDeploymentsCommand({ restApiId: apiId }))).items).toHaveLength(deployments);
    expect((await apigw.send(new GetStagesCommand({ restApiId: apiId }))).item).toHaveLength(1);
    expect(before.deploymentId).toBe(d1);
  });

  it('promotes a canary with copy ops, merging overrides, and removes it [AWS-recorded test_update_stage_with_copy_ops]', async () => {
    const apigw = client(k);
    const { apiId } = await withStage(apigw, { testVar: 'test', testVar2: 'test2' });
    const d2 = (await apigw.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: 'dev', canarySettings: { percentTraffic: 50, stageVariableOverrides: { testVar: 'override' } } }))).id;
    const promoted = await apigw.send(
      new UpdateStageCommand({
        restApiId: apiId,
        stageName: 'dev',
        patchOperations: [
          { op: 'replace', value: '0.0', path: '/canarySettings/percentTraffic' },
          { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
          { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
        ],
      }),
    );
    expect(promoted.deploymentId).toBe(d2);
    expect(promoted.variables).toEqual({ testVar: 'override', testVar2: 'test2' });
    expect(promoted.canarySettings).toEqual({ deploymentId: d2, percentTraffic: 0, stageVariableOverrides: { testVar: 'override' }, useStageCache: false });
    const removed = await apigw.send(new UpdateStageCommand({ restApiId: apiId, stageName: 'dev', patchOperations: [{ op: 'remove', path: '/canarySettings' }] }));
    expect('canarySettings' in removed).toBe(false);
    expect('canarySettings' in (await apigw.send(new GetStageCommand({ restApiId: apiId, stageName: 'dev' })))).toBe(false);
    // A plain deploy works again once the canary is gone.
    const d3 = (await apigw.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: 'dev' }))).id;
    expect((await apigw.send(new GetStageCommand({ restApiId: apiId, stageName: 'dev' }))).deploymentId).toBe(d3);
  });

  it('applies variables, method settings and stage fields, and refuses bad paths unchanged', async () => {
    const apigw = client(k);
    const { apiId } = await withStage(apigw);
    const updated = await apigw.send(
      new UpdateStageCommand({
        restApiId: apiId,
        stageName: 'dev',
        patchOperations: [
          { op: 'replace', path: '/variables/newVar', value: 'v1' },
          { op: 'replace', path: '/*/*/throttling/rateLimit', value: '100' },
          { op: 'replace', path: '/*/*/throttling/burstLimit', value: '50' },
          { op: 'replace', path: '/description', value: 'changed' },
          { op: 'replace', path: '/tracingEnabled', value: 'true' },
        ],
      }),
    );
    expect(updated.variables).toEqual({ testVar: 'default', newVar: 'v1' });
    expect(updated.methodSettings?.['*/*']).toMatchObject({ throttlingRateLimit: 100, throttlingBurstLimit: 50, metricsEnabled: false });
    expect(updated).toMatchObject({ description: 'changed', tracingEnabled: true });
    const before = body(await apigw.send(new GetStageCommand({ restApiId: apiId, stageName: 'dev' })));
    await expectAwsError(
      apigw.send(new UpdateStageCommand({ restApiId: apiId, stageName: 'dev', patchOperations: [{ op: 'replace', path: '/description', value: 'lost' }, { op: 'replace', path: '/canarySettings/badPath', value: 'x' }] })),
      { name: 'BadRequestException', status: 400, message: /^Invalid method setting path: \/canarySettings\/badPath\. Must be one of: \[\/deploymentId, / },
    );
    await expectAwsError(
      apigw.send(new UpdateStageCommand({ restApiId: apiId, stageName: 'dev', patchOperations: [{ op: 'add', path: '/canarySettings/deploymentId', value: 'x' }] })),
      { name: 'BadRequestException', status: 400, message: 'Invalid add operation with path: /canarySettings/deploymentId' },
    );
    await expectAwsError(
      apigw.send(new UpdateStageCommand({ restApiId: apiId, stageName: 'dev', patchOperations: [{ op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' }] })),
      { name: 'BadRequestException', status: 400, message: 'Promotion not available. Canary does not exist.' },
    );
    await expectAwsError(
      apigw.send(new UpdateStageCommand({ restApiId: apiId, stageName: 'dev', patchOperations: [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '100.1' }] })),
      { name: 'BadRequestException', status: 400, message: 'Invalid percentTraffic value: 100.1. percentTraffic must be a number between 0.0 and 100.0, inclusive.' },
    );
    expect(body(await apigw.send(new GetStageCommand({ restApiId: apiId, stageName: 'dev' })))).toEqual(before);
  });

  it('lists stages, filters them by deployment and deletes them', async () => {
    const apigw = client(k);
    const { apiId, d1 } = await withStage(apigw);
    const d2 = (await apigw.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: 'stage2' }))).id;
    const all = await apigw.send(new GetStagesCommand({ restApiId: apiId }));
    expect(all.item!.map((s) => [s.stageName, s.deploymentId])).toEqual([['dev', d1], ['stage2', d2]]);
    // A stage made by CreateDeployment has neither variables nor description [AWS-recorded get-stage].
    expect(body(all.item![1] as never)).toEqual({ ...BASE_STAGE, stageName: 'stage2', deploymentId: d2, createdDate: expect.any(Date), lastUpdatedDate: expect.any(Date) });
    expect((await apigw.send(new GetStagesCommand({ restApiId: apiId, deploymentId: d2 }))).item!.map((s) => s.stageName)).toEqual(['stage2']);
    expect((await apigw.send(new DeleteStageCommand({ restApiId: apiId, stageName: 'stage2' }))).$metadata.httpStatusCode).toBe(202);
    expect((await apigw.send(new GetStagesCommand({ restApiId: apiId }))).item!.map((s) => s.stageName)).toEqual(['dev']);
  });

  it('seed 001, REST API section: canary deploys with description, stageDescription and variables; stage:update with two replaces', async () => {
    const apigw = client(k);
    const { apiId, d1 } = await withStage(apigw, { sv0: 'val0' });
    const request = {
      restApiId: apiId,
      stageName: 'dev',
      stageDescription: 'Production stage',
      description: 'Production deployment with canary',
      variables: { sv1: 'val1' },
      canarySettings: { percentTraffic: 10.5, useStageCache: false, stageVariableOverrides: { sv1: 'val2', sv2: 'val3' } },
    };
    const first = await apigw.send(new CreateDeploymentCommand(request));
    expect(first.description).toBe('Production deployment with canary');
    const second = await apigw.send(new CreateDeploymentCommand(request));
    const stage = await apigw.send(new GetStageCommand({ restApiId: apiId, stageName: 'dev' }));
    expect(stage.canarySettings).toEqual({ deploymentId: second.id, useStageCache: false, stageVariableOverrides: { sv2: 'val3', sv1: 'val2' }, percentTraffic: 10.5 });
    expect(stage.deploymentId).toBe(d1);
    expect(stage.variables).toEqual({ sv1: 'val1' });

    // PATCH /stages/{name} on a stage without canary: replace deploymentId and percentTraffic.
    const plain = await withStage(apigw);
    const patched = await apigw.send(
      new UpdateStageCommand({
        restApiId: plain.apiId,
        stageName: 'dev',
        patchOperations: [
          { op: 'replace', path: '/canarySettings/deploymentId', value: plain.d1 },
          { op: 'replace', path: '/canarySettings/percentTraffic', value: '15.0' },
        ],
      }),
    );
    expect(patched.canarySettings).toEqual({ deploymentId: plain.d1, useStageCache: false, percentTraffic: 15 });
    expect('stageVariableOverrides' in patched.canarySettings!).toBe(false);
  });
});
