// Deployments and tags through the SDK: CRUD, snapshots, pagination, the refusal to delete a
// deployment in use [AWS-recorded], tagging APIs and stages by ARN.
import {
  CreateDeploymentCommand,
  DeleteDeploymentCommand,
  GetDeploymentCommand,
  GetDeploymentsCommand,
  GetStageCommand,
  GetTagsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateDeploymentCommand,
  UpdateStageCommand,
  CreateRestApiCommand,
  PutMethodCommand,
} from '@aws-sdk/client-api-gateway';
import { describe, expect, it } from 'vitest';
import { useKanaria } from '../../helpers/kanaria.js';
import { body, client, deployableApi, expectAwsError, withStage } from './fixtures.js';

describe('deployments', () => {
  const k = useKanaria();

  it('creates, reads, lists, updates and deletes deployments as AWS answers them', async () => {
    const apigw = client(k);
    const { apiId } = await deployableApi(apigw);
    const d = await apigw.send(new CreateDeploymentCommand({ restApiId: apiId, description: 'first' }));
    expect(d.$metadata.httpStatusCode).toBe(201);
    expect(body(d)).toEqual({ id: expect.stringMatching(/^[a-z0-9]{10}$/), createdDate: expect.any(Date), description: 'first' });
    expect(body(await apigw.send(new GetDeploymentCommand({ restApiId: apiId, deploymentId: d.id })))).toEqual(body(d));
    const summary = await apigw.send(new GetDeploymentCommand({ restApiId: apiId, deploymentId: d.id, embed: ['apisummary'] }));
    expect(summary.apiSummary).toEqual({ '/': { GET: { authorizationType: 'NONE', apiKeyRequired: false } } });
    const updated = await apigw.send(new UpdateDeploymentCommand({ restApiId: apiId, deploymentId: d.id, patchOperations: [{ op: 'replace', path: '/description', value: 'newDescription' }] }));
    expect(updated.description).toBe('newDescription');
    const more = [];
    for (let i = 0; i < 3; i++) more.push((await apigw.send(new CreateDeploymentCommand({ restApiId: apiId }))).id);
    const page1 = await apigw.send(new GetDeploymentsCommand({ restApiId: apiId, limit: 2 }));
    const page2 = await apigw.send(new GetDeploymentsCommand({ restApiId: apiId, limit: 2, position: page1.position }));
    expect([...page1.items!, ...page2.items!].map((x) => x.id).sort()).toEqual([d.id, ...more].sort());
    expect(page2.position).toBeUndefined();
    expect((await apigw.send(new DeleteDeploymentCommand({ restApiId: apiId, deploymentId: d.id }))).$metadata.httpStatusCode).toBe(202);
    await expectAwsError(apigw.send(new GetDeploymentCommand({ restApiId: apiId, deploymentId: d.id })), { name: 'NotFoundException', status: 404, message: 'Invalid Deployment identifier specified' });
  });

  it('snapshots the API: later changes do not reach an existing deployment', async () => {
    const apigw = client(k);
    const { apiId, rootId } = await deployableApi(apigw);
    const d = await apigw.send(new CreateDeploymentCommand({ restApiId: apiId }));
    await apigw.send(new PutMethodCommand({ restApiId: apiId, resourceId: rootId, httpMethod: 'POST', authorizationType: 'NONE' }));
    const snapshot = k.kanaria.store.get<any>('apigateway.deployment', `000000000000/us-east-1/${apiId}/${d.id}`)!.data._snapshot;
    expect(snapshot).toEqual([
      {
        id: rootId,
        path: '/',
        resourceMethods: {
          GET: {
            httpMethod: 'GET',
            authorizationType: 'NONE',
            apiKeyRequired: false,
            methodIntegration: {
              type: 'MOCK',
              requestTemplates: { 'application/json': '{"statusCode": 200}' },
              passthroughBehavior: 'WHEN_NO_MATCH',
              timeoutInMillis: 29000,
              cacheNamespace: rootId,
              cacheKeyParameters: [],
            },
          },
        },
      },
    ]);
  });

  it('refuses to deploy an API without methods or with a method without integration', async () => {
    const apigw = client(k);
    const api = await apigw.send(new CreateRestApiCommand({ name: 'empty' }));
    await expectAwsError(apigw.send(new CreateDeploymentCommand({ restApiId: api.id })), { name: 'BadRequestException', status: 400, message: "The REST API doesn't contain any methods" });
    await apigw.send(new PutMethodCommand({ restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', authorizationType: 'NONE' }));
    await expectAwsError(apigw.send(new CreateDeploymentCommand({ restApiId: api.id })), { name: 'BadRequestException', status: 400, message: 'No integration defined for method' });
    expect((await apigw.send(new GetDeploymentsCommand({ restApiId: api.id }))).items).toEqual([]);
  });

  it('refuses to delete a deployment a stage or a canary uses [AWS-recorded]', async () => {
    const apigw = client(k);
    const { apiId, d1 } = await withStage(apigw);
    const d2 = (await apigw.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: 'dev', canarySettings: { percentTraffic: 10 } }))).id!;
    for (const deploymentId of [d1, d2]) {
      await expectAwsError(apigw.send(new DeleteDeploymentCommand({ restApiId: apiId, deploymentId })), {
        name: 'BadRequestException',
        status: 400,
        message: 'Active stages pointing to this deployment must be moved or deleted',
      });
      expect((await apigw.send(new GetDeploymentCommand({ restApiId: apiId, deploymentId }))).id).toBe(deploymentId);
    }
    await apigw.send(new UpdateStageCommand({ restApiId: apiId, stageName: 'dev', patchOperations: [{ op: 'remove', path: '/canarySettings' }] }));
    await apigw.send(new DeleteDeploymentCommand({ restApiId: apiId, deploymentId: d2 }));
  });
});

describe('tags', () => {
  const k = useKanaria();

  it('tags, lists and untags APIs and stages by ARN', async () => {
    const apigw = client(k);
    const { apiId } = await withStage(apigw);
    const apiArn = `arn:aws:apigateway:us-east-1::/restapis/${apiId}`;
    const stageArn = `${apiArn}/stages/dev`;
    expect((await apigw.send(new TagResourceCommand({ resourceArn: apiArn, tags: { team: 'a', env: 'dev' } }))).$metadata.httpStatusCode).toBe(204);
    await apigw.send(new TagResourceCommand({ resourceArn: stageArn, tags: { tier: 'gold' } }));
    expect((await apigw.send(new GetTagsCommand({ resourceArn: apiArn }))).tags).toEqual({ team: 'a', env: 'dev' });
    expect((await apigw.send(new GetTagsCommand({ resourceArn: stageArn }))).tags).toEqual({ tier: 'gold' });
    expect((await apigw.send(new GetStageCommand({ restApiId: apiId, stageName: 'dev' }))).tags).toEqual({ tier: 'gold' });
    await apigw.send(new UntagResourceCommand({ resourceArn: apiArn, tagKeys: ['team'] }));
    expect((await apigw.send(new GetTagsCommand({ resourceArn: apiArn }))).tags).toEqual({ env: 'dev' });
    await apigw.send(new UntagResourceCommand({ resourceArn: stageArn, tagKeys: ['tier'] }));
    expect((await apigw.send(new GetTagsCommand({ resourceArn: stageArn }))).tags).toEqual({});
    expect('tags' in (await apigw.send(new GetStageCommand({ restApiId: apiId, stageName: 'dev' })))).toBe(false);
  });

  it('answers unknown targets and malformed ARNs with AWS-shaped errors', async () => {
    const apigw = client(k);
    const { apiId } = await withStage(apigw);
    await expectAwsError(apigw.send(new GetTagsCommand({ resourceArn: 'arn:aws:apigateway:us-east-1::/restapis/nope000000' })), {
      name: 'NotFoundException',
      status: 404,
      message: 'Invalid API identifier specified 000000000000:nope000000',
    });
    await expectAwsError(apigw.send(new TagResourceCommand({ resourceArn: `arn:aws:apigateway:us-east-1::/restapis/${apiId}/stages/nope`, tags: { a: 'b' } })), {
      name: 'NotFoundException',
      status: 404,
      message: 'Invalid stage identifier specified',
    });
    await expectAwsError(apigw.send(new GetTagsCommand({ resourceArn: 'not-an-arn' })), { name: 'BadRequestException', status: 400, message: 'Invalid ARN specified in the request' });
  });
});
