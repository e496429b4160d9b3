// Seed 001 (the AWS guide "Create a canary release deployment", CLI section), every command in
// order through the real AWS CLI, with the checks the guide makes on each get-stage output.
import { describe, expect, it } from 'vitest';
import { AWS_CLI, awsCli, type CliResult } from '../../helpers/aws-cli.js';
import { useKanaria } from '../../helpers/kanaria.js';
import { announceSkip, hasTool } from '../../helpers/tools.js';

describe('seed 001: canary release deployments with the AWS CLI', () => {
  const k = useKanaria();
  const hasCli = hasTool(AWS_CLI);

  async function cli(args: string[]): Promise<CliResult> {
    const out = await awsCli(k.url, ['apigateway', ...args]);
    expect(out.stderr, `aws apigateway ${args.join(' ')}`).toBe('');
    expect(out.code).toBe(0);
    return out;
  }

  /** A new API and its root resource id, read with get-resources (CLI builds with an older model omit rootResourceId). */
  async function createApi(name: string): Promise<{ id: string; rootResourceId: string }> {
    const id: string = (await cli(['create-rest-api', '--name', name])).json.id;
    const resources = (await cli(['get-resources', '--rest-api-id', id])).json.items as { id: string; path: string }[];
    return { id, rootResourceId: resources.find((r) => r.path === '/')!.id };
  }

  it('runs every command of the guide and shows the stages the guide shows', async () => {
    if (!hasCli) return announceSkip('seed 001 via AWS CLI', 'the AWS CLI (aws)');

    // The guide starts from an existing API with a method: build one (GET / → MOCK).
    const api = await createApi('canary-guide');
    const apiId: string = api.id;
    expect(apiId).toMatch(/^[a-z0-9]{10}$/);
    await cli(['put-method', '--rest-api-id', apiId, '--resource-id', api.rootResourceId, '--http-method', 'GET', '--authorization-type', 'NONE']);
    await cli(['put-integration', '--rest-api-id', apiId, '--resource-id', api.rootResourceId, '--http-method', 'GET', '--type', 'MOCK',
      '--request-templates', '{"application/json": "{\\"statusCode\\": 200}"}']);

    // 1. Baseline deployment with two stage variables, no canary.
    const base = (await cli(['create-deployment', '--variables', 'sv0=val0,sv1=val1', '--rest-api-id', apiId, '--stage-name', 'prod'])).json;
    expect(Object.keys(base).sort()).toEqual(['createdDate', 'id']);
    expect(base.id).toMatch(/^[a-z0-9]{10}$/);

    // 2. Canary deployment on prod.
    const canary = (await cli(['create-deployment', '--canary-settings',
      '{ "percentTraffic":10.5, "useStageCache":false, "stageVariableOverrides":{ "sv1":"val2", "sv2":"val3" } }',
      '--rest-api-id', apiId, '--stage-name', 'prod'])).json;
    expect(Object.keys(canary).sort()).toEqual(['createdDate', 'id']);
    expect(canary.id).not.toBe(base.id);

    // 3. get-stage prod: the stage keeps the baseline, the canary has the new deployment.
    const prod = (await cli(['get-stage', '--rest-api-id', apiId, '--stage-name', 'prod'])).json;
    expect(prod).toEqual({
      stageName: 'prod',
      variables: { sv0: 'val0', sv1: 'val1' },
      cacheClusterEnabled: false,
      cacheClusterStatus: 'NOT_AVAILABLE',
      deploymentId: base.id,
      lastUpdatedDate: expect.any(Number),
      createdDate: base.createdDate,
      canarySettings: { percentTraffic: 10.5, deploymentId: canary.id, useStageCache: false, stageVariableOverrides: { sv2: 'val3', sv1: 'val2' } },
      methodSettings: {},
      tracingEnabled: false,
    });

    // 4. A plain deployment to a new stage beta.
    const beta = (await cli(['create-deployment', '--variables', 'sv0=val0,sv1=val1', '--rest-api-id', apiId, '--stage-name', 'beta'])).json;
    const betaStage = (await cli(['get-stage', '--rest-api-id', apiId, '--stage-name', 'beta'])).json;
    expect(betaStage).toEqual({
      stageName: 'beta',
      variables: { sv0: 'val0', sv1: 'val1' },
      cacheClusterEnabled: false,
      cacheClusterStatus: 'NOT_AVAILABLE',
      deploymentId: beta.id,
      lastUpdatedDate: betaStage.createdDate,
      createdDate: beta.createdDate,
      methodSettings: {},
      tracingEnabled: false,
    });

    // 5. Attach a canary to beta with update-stage: both point at the same deployment.
    const updated = (await cli(['update-stage', '--patch-operations', JSON.stringify([
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '10.5' },
      { op: 'replace', path: '/canarySettings/useStageCache', value: 'false' },
      { op: 'replace', path: '/canarySettings/stageVariableOverrides/sv1', value: 'val2' },
      { op: 'replace', path: '/canarySettings/stageVariableOverrides/sv2', value: 'val3' },
    ]), '--rest-api-id', apiId, '--stage-name', 'beta'])).json;
    expect(updated).toEqual({
      stageName: 'beta',
      variables: { sv0: 'val0', sv1: 'val1' },
      cacheClusterEnabled: false,
      cacheClusterStatus: 'NOT_AVAILABLE',
      deploymentId: beta.id,
      lastUpdatedDate: expect.any(Number),
      createdDate: beta.createdDate,
      canarySettings: { percentTraffic: 10.5, deploymentId: beta.id, useStageCache: false, stageVariableOverrides: { sv2: 'val3', sv1: 'val2' } },
      methodSettings: {},
      tracingEnabled: false,
    });

    // 6. "After the API changes and is deployed again to this stage, the new version goes to the
    // canary and the base stays": a later deploy must carry canary settings.
    const plain = await awsCli(k.url, ['apigateway', 'create-deployment', '--rest-api-id', apiId, '--stage-name', 'beta']);
    expect(plain.code).not.toBe(0);
    expect(plain.stderr).toContain(
      'BadRequestException) when calling the CreateDeployment operation: Invalid deployment content specified.Non canary deployment not supported on stage beta because Canary is enabled. Provide CanarySettings in deploymentInput.',
    );
    const next = (await cli(['create-deployment', '--rest-api-id', apiId, '--stage-name', 'beta', '--canary-settings', '{"percentTraffic":10.5}'])).json;
    const evolved = (await cli(['get-stage', '--rest-api-id', apiId, '--stage-name', 'beta'])).json;
    expect(evolved.deploymentId).toBe(beta.id);
    expect(evolved.canarySettings).toEqual({ percentTraffic: 10.5, deploymentId: next.id, useStageCache: false });
  });

  it('refuses a canary deployment to a stage that does not exist, and creates nothing', async () => {
    if (!hasCli) return announceSkip('seed 001 (missing stage) via AWS CLI', 'the AWS CLI (aws)');
    const api = await createApi('no-stage');
    await cli(['put-method', '--rest-api-id', api.id, '--resource-id', api.rootResourceId, '--http-method', 'GET', '--authorization-type', 'NONE']);
    await cli(['put-integration', '--rest-api-id', api.id, '--resource-id', api.rootResourceId, '--http-method', 'GET', '--type', 'MOCK']);
    const out = await awsCli(k.url, ['apigateway', 'create-deployment', '--rest-api-id', api.id, '--stage-name', 'prod', '--canary-settings', '{"percentTraffic":10.5}']);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toContain(
      '(BadRequestException) when calling the CreateDeployment operation: Invalid deployment content specified.Stage prod must already be created before making a canary release deployment',
    );
    expect((await cli(['get-deployments', '--rest-api-id', api.id])).json.items).toEqual([]);
    expect((await cli(['get-stages', '--rest-api-id', api.id])).json.item).toEqual([]);
  });
});
