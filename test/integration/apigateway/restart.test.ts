// State survives a restart: build an API with resources, methods, integrations, deployments and
// a canary stage on a data directory, stop Kanaria, start it again there, read everything back.
import {
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateStageCommand,
  GetDeploymentsCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetStageCommand,
  GetTagsCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  UpdateStageCommand,
  APIGatewayClient,
} from '@aws-sdk/client-api-gateway';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startKanaria } from '../../../src/main.js';
import { clientConfig } from '../../helpers/kanaria.js';
import { body, deployableApi } from './fixtures.js';

describe('restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kanaria-apigw-restart-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  async function readAll(apigw: APIGatewayClient, apiId: string) {
    return {
      api: body(await apigw.send(new GetRestApiCommand({ restApiId: apiId }))),
      resources: body(await apigw.send(new GetResourcesCommand({ restApiId: apiId, embed: ['methods'] }))),
      deployments: body(await apigw.send(new GetDeploymentsCommand({ restApiId: apiId }))),
      stage: body(await apigw.send(new GetStageCommand({ restApiId: apiId, stageName: 'prod' }))),
      tags: body(await apigw.send(new GetTagsCommand({ resourceArn: `arn:aws:apigateway:us-east-1::/restapis/${apiId}/stages/prod` }))),
    };
  }

  it('reads back identical APIs, deployments and canary stages after stop and start', async () => {
    const first = await startKanaria({ port: 0, dataDir, quiet: true });
    let apiId: string;
    let before: Awaited<ReturnType<typeof readAll>>;
    try {
      const apigw = new APIGatewayClient(clientConfig(first));
      const created = await deployableApi(apigw, 'durable');
      apiId = created.apiId;
      const pets = await apigw.send(new CreateResourceCommand({ restApiId: apiId, parentId: created.rootId, pathPart: 'pets' }));
      const ids = { restApiId: apiId, resourceId: pets.id!, httpMethod: 'POST' };
      await apigw.send(new PutMethodCommand({ ...ids, authorizationType: 'NONE', requestParameters: { 'method.request.header.x': true } }));
      await apigw.send(new PutMethodResponseCommand({ ...ids, statusCode: '200', responseModels: { 'application/json': 'Empty' } }));
      await apigw.send(
        new PutIntegrationCommand({
          ...ids,
          type: 'AWS_PROXY',
          integrationHttpMethod: 'POST',
          uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:${stageVariables.fn}/invocations',
        }),
      );
      await apigw.send(new PutIntegrationResponseCommand({ ...ids, statusCode: '200', selectionPattern: '' }));
      const d1 = (await apigw.send(new CreateDeploymentCommand({ restApiId: apiId, description: 'base' }))).id;
      await apigw.send(new CreateStageCommand({ restApiId: apiId, stageName: 'prod', deploymentId: d1, variables: { fn: 'v1' }, tags: { team: 'canary' } }));
      await apigw.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: 'prod', canarySettings: { percentTraffic: 12.5, stageVariableOverrides: { fn: 'v2' } } }));
      await apigw.send(new UpdateStageCommand({ restApiId: apiId, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/*/*/throttling/rateLimit', value: '42.5' }] }));
      before = await readAll(apigw, apiId);
      expect(before.stage.canarySettings).toMatchObject({ percentTraffic: 12.5, stageVariableOverrides: { fn: 'v2' } });
      expect(before.deployments.items).toHaveLength(2);
    } finally {
      await first.dispose();
    }

    const second = await startKanaria({ port: 0, dataDir, quiet: true });
    try {
      const after = await readAll(new APIGatewayClient(clientConfig(second)), apiId!);
      expect(after).toEqual(before!);
      expect(second.store.get<any>('apigateway.deployment', `000000000000/us-east-1/${apiId!}/${after.stage.canarySettings!.deploymentId}`)?.data._snapshot).toHaveLength(2);
    } finally {
      await second.dispose();
    }
  });
});
