// The request bodies terraform-provider-aws 5.100.0 sends for the seed 000 scenario, byte for
// byte (../shared/reference/terraform-seed-operations.md), and the answers Terraform needs:
// GetIntegration round-trips PutIntegration, `"stageName":""` makes no stage, the canary survives.
import { describe, expect, it } from 'vitest';
import { useKanaria } from '../../helpers/kanaria.js';
import { raw } from './fixtures.js';

const FUNCTION_URI =
  'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:${stageVariables.lambda_function_name}/invocations';
const DEPLOYMENT_BODY = '{"description":"","stageDescription":"","stageName":"","variables":{}}';

describe('Terraform-shaped requests (seed 000 apply, plan, update, destroy)', () => {
  const k = useKanaria();

  it('serves the whole Terraform lifecycle with the answers the provider compares', async () => {
    // apply: aws_api_gateway_rest_api
    const api = await raw(k, 'POST', '/restapis', '{"name":"canary-sample-lambda"}');
    expect(api.status).toBe(201);
    const apiId: string = api.body.id;
    const root: string = api.body.rootResourceId;
    // On the wire the list member is `item` (botocore's locationName); SDKs call it `items`.
    expect((await raw(k, 'GET', `/restapis/${apiId}/resources`)).body).toEqual({ item: [{ id: root, path: '/' }] });

    // aws_api_gateway_method and aws_api_gateway_integration
    const method = await raw(k, 'PUT', `/restapis/${apiId}/resources/${root}/methods/GET`, '{"authorizationType":"NONE"}');
    expect([method.status, method.body]).toEqual([201, { apiKeyRequired: false, authorizationType: 'NONE', httpMethod: 'GET' }]);
    const put = await raw(
      k,
      'PUT',
      `/restapis/${apiId}/resources/${root}/methods/GET/integration`,
      `{"connectionType":"INTERNET","httpMethod":"POST","timeoutInMillis":29000,"type":"AWS_PROXY","uri":"${FUNCTION_URI}"}`,
    );
    expect(put.status).toBe(201);
    const expectedIntegration = {
      cacheKeyParameters: [],
      cacheNamespace: root,
      connectionType: 'INTERNET',
      httpMethod: 'POST',
      passthroughBehavior: 'WHEN_NO_MATCH',
      timeoutInMillis: 29000,
      type: 'AWS_PROXY',
      uri: FUNCTION_URI,
    };
    expect(put.body).toEqual(expectedIntegration);
    // plan: the integration reads back identically, with no null or empty requestParameters /
    // requestTemplates that would change the deployments' triggers hash.
    const got = await raw(k, 'GET', `/restapis/${apiId}/resources/${root}/methods/GET/integration`);
    expect(got.body).toEqual(expectedIntegration);
    expect(got.text).not.toMatch(/requestParameters|requestTemplates|null/);
    expect((await raw(k, 'GET', `/restapis/${apiId}/resources/${root}/methods/GET`)).body.methodIntegration).toEqual(expectedIntegration);

    // aws_api_gateway_deployment ×2 with "stageName":"" — no stage, no description key
    const d1 = await raw(k, 'POST', `/restapis/${apiId}/deployments`, DEPLOYMENT_BODY);
    const d2 = await raw(k, 'POST', `/restapis/${apiId}/deployments`, DEPLOYMENT_BODY);
    expect([d1.status, Object.keys(d1.body).sort()]).toEqual([201, ['createdDate', 'id']]);
    expect(typeof d1.body.createdDate).toBe('number');
    expect((await raw(k, 'GET', `/restapis/${apiId}/stages`)).body).toEqual({ item: [] });
    expect((await raw(k, 'GET', `/restapis/${apiId}/deployments/${d1.body.id}`)).body).toEqual(d1.body);

    // aws_api_gateway_stage with a canary: percentTraffic sent as the integer 10, answered as 10.0
    const stage = await raw(
      k,
      'POST',
      `/restapis/${apiId}/stages`,
      `{"canarySettings":{"deploymentId":"${d2.body.id}","percentTraffic":10,"stageVariableOverrides":{"lambda_function_name":"version2_lambda"}},"deploymentId":"${d1.body.id}","stageName":"dev","variables":{"lambda_function_name":"version1_lambda"}}`,
    );
    expect(stage.status).toBe(201);
    expect(stage.text).toContain('"percentTraffic":10.0');
    const expectedStage = {
      cacheClusterEnabled: false,
      cacheClusterStatus: 'NOT_AVAILABLE',
      canarySettings: { deploymentId: d2.body.id, percentTraffic: 10, stageVariableOverrides: { lambda_function_name: 'version2_lambda' }, useStageCache: false },
      createdDate: stage.body.createdDate,
      deploymentId: d1.body.id,
      lastUpdatedDate: stage.body.lastUpdatedDate,
      methodSettings: {},
      stageName: 'dev',
      tracingEnabled: false,
      variables: { lambda_function_name: 'version1_lambda' },
    };
    expect(stage.body).toEqual(expectedStage);
    expect((await raw(k, 'GET', `/restapis/${apiId}/stages/dev`)).body).toEqual(expectedStage);

    // update: two new deployments, then the provider's one UpdateStage with "20.000000"
    const d3 = await raw(k, 'POST', `/restapis/${apiId}/deployments`, DEPLOYMENT_BODY);
    const d4 = await raw(k, 'POST', `/restapis/${apiId}/deployments`, DEPLOYMENT_BODY);
    const updated = await raw(
      k,
      'PATCH',
      `/restapis/${apiId}/stages/dev`,
      `{"patchOperations":[{"op":"replace","path":"/canarySettings/stageVariableOverrides/lambda_function_name","value":"version2_lambda"},{"op":"replace","path":"/canarySettings/percentTraffic","value":"20.000000"},{"op":"replace","path":"/canarySettings/deploymentId","value":"${d3.body.id}"},{"op":"replace","path":"/deploymentId","value":"${d4.body.id}"}]}`,
    );
    expect(updated.status).toBe(200);
    expect(updated.text).toContain('"percentTraffic":20.0');
    expect(updated.body.canarySettings).toEqual({ deploymentId: d3.body.id, percentTraffic: 20, stageVariableOverrides: { lambda_function_name: 'version2_lambda' }, useStageCache: false });
    expect(updated.body.deploymentId).toBe(d4.body.id);

    // update: the replaced deployments are deleted (202); one still in use is refused (400)
    for (const d of [d1, d2]) expect((await raw(k, 'DELETE', `/restapis/${apiId}/deployments/${d.body.id}`)).status).toBe(202);
    const inUse = await raw(k, 'DELETE', `/restapis/${apiId}/deployments/${d3.body.id}`);
    expect([inUse.status, inUse.errorType, inUse.body.message]).toEqual([400, 'BadRequestException', 'Active stages pointing to this deployment must be moved or deleted']);

    // destroy, in Terraform's order and with its statuses
    expect((await raw(k, 'DELETE', `/restapis/${apiId}/resources/${root}/methods/GET/integration`)).status).toBe(204);
    expect((await raw(k, 'DELETE', `/restapis/${apiId}/resources/${root}/methods/GET`)).status).toBe(204);
    expect((await raw(k, 'DELETE', `/restapis/${apiId}/stages/dev`)).status).toBe(202);
    for (const d of [d3, d4]) expect((await raw(k, 'DELETE', `/restapis/${apiId}/deployments/${d.body.id}`)).status).toBe(202);
    expect((await raw(k, 'DELETE', `/restapis/${apiId}`)).status).toBe(202);
    expect((await raw(k, 'GET', `/restapis/${apiId}`)).status).toBe(404);
  });

  it('refuses the seed 000 pitfall: a uri whose function part is only a stage variable', async () => {
    const api = await raw(k, 'POST', '/restapis', '{"name":"pitfall"}');
    const root = api.body.rootResourceId;
    await raw(k, 'PUT', `/restapis/${api.body.id}/resources/${root}/methods/GET`, '{"authorizationType":"NONE"}');
    const answer = await raw(
      k,
      'PUT',
      `/restapis/${api.body.id}/resources/${root}/methods/GET/integration`,
      '{"connectionType":"INTERNET","httpMethod":"POST","timeoutInMillis":29000,"type":"AWS_PROXY","uri":"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${stageVariables.lambda_function_name}/invocations"}',
    );
    expect([answer.status, answer.errorType, answer.body]).toEqual([400, 'BadRequestException', { message: 'Invalid lambda function' }]);
    expect((await raw(k, 'GET', `/restapis/${api.body.id}/resources/${root}/methods/GET/integration`)).status).toBe(404);
  });

  it('answers malformed bodies and wrong types with 400 BadRequestException, state unchanged', async () => {
    const api = await raw(k, 'POST', '/restapis', '{"name":"types"}');
    const bad = await raw(k, 'POST', `/restapis/${api.body.id}/stages`, '{"stageName":"dev","deploymentId":"x","canarySettings":{"percentTraffic":"ten"}}');
    expect([bad.status, bad.errorType]).toEqual([400, 'BadRequestException']);
    const broken = await raw(k, 'POST', `/restapis/${api.body.id}/deployments`, '{"stageName": ');
    expect([broken.status, broken.errorType]).toEqual([400, 'BadRequestException']);
    expect((await raw(k, 'GET', `/restapis/${api.body.id}/stages`)).body).toEqual({ item: [] });
  });
});
