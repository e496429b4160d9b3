// Methods, method responses, integrations (every type) and integration responses through the SDK:
// CRUD, AWS's defaults, and every refusal with status, type, message and unchanged state.
import {
  CreateRestApiCommand,
  DeleteIntegrationCommand,
  DeleteIntegrationResponseCommand,
  DeleteMethodCommand,
  DeleteMethodResponseCommand,
  GetIntegrationCommand,
  GetIntegrationResponseCommand,
  GetMethodCommand,
  GetMethodResponseCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  UpdateIntegrationCommand,
  UpdateIntegrationResponseCommand,
  UpdateMethodCommand,
  UpdateMethodResponseCommand,
  type APIGatewayClient,
} from '@aws-sdk/client-api-gateway';
import { describe, expect, it } from 'vitest';
import { useKanaria } from '../../helpers/kanaria.js';
import { body, client, expectAwsError } from './fixtures.js';

const LAMBDA_URI = (fn: string) => `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:${fn}/invocations`;

async function apiWithMethod(apigw: APIGatewayClient, httpMethod = 'GET') {
  const api = await apigw.send(new CreateRestApiCommand({ name: 'm' }));
  const ids = { restApiId: api.id!, resourceId: api.rootResourceId!, httpMethod };
  await apigw.send(new PutMethodCommand({ ...ids, authorizationType: 'NONE' }));
  return ids;
}

describe('methods and method responses', () => {
  const k = useKanaria();

  it('puts, gets, updates and deletes a method as AWS answers it [AWS-recorded test_method_lifecycle]', async () => {
    const apigw = client(k);
    const api = await apigw.send(new CreateRestApiCommand({ name: 'm' }));
    const ids = { restApiId: api.id!, resourceId: api.rootResourceId!, httpMethod: 'ANY' };
    const put = await apigw.send(new PutMethodCommand({ ...ids, authorizationType: 'NONE' }));
    expect(put.$metadata.httpStatusCode).toBe(201);
    expect(body(put)).toEqual({ apiKeyRequired: false, authorizationType: 'NONE', httpMethod: 'ANY' });
    expect(body(await apigw.send(new GetMethodCommand(ids)))).toEqual(body(put));
    const updated = await apigw.send(
      new UpdateMethodCommand({
        ...ids,
        patchOperations: [
          { op: 'add', path: '/requestParameters/method.request.querystring.optional', value: 'true' },
          { op: 'add', path: '/requestModels/application~1json', value: 'Empty' },
          { op: 'replace', path: '/authorizationType', value: 'AWS_IAM' },
        ],
      }),
    );
    expect(body(updated)).toEqual({
      apiKeyRequired: false,
      authorizationType: 'AWS_IAM',
      httpMethod: 'ANY',
      requestModels: { 'application/json': 'Empty' },
      requestParameters: { 'method.request.querystring.optional': true },
    });
    expect((await apigw.send(new DeleteMethodCommand(ids))).$metadata.httpStatusCode).toBe(204);
    await expectAwsError(apigw.send(new GetMethodCommand(ids)), { name: 'NotFoundException', status: 404, message: 'Invalid Method identifier specified' });
    await expectAwsError(apigw.send(new DeleteMethodCommand(ids)), { name: 'NotFoundException', status: 404, message: 'Invalid Method identifier specified' });
  });

  it('refuses bad methods with AWS texts and leaves the method unchanged', async () => {
    const apigw = client(k);
    const ids = await apiWithMethod(apigw);
    const before = body(await apigw.send(new GetMethodCommand(ids)));
    const refusals: [() => Promise<unknown>, string, number, string][] = [
      [() => apigw.send(new PutMethodCommand({ ...ids, authorizationType: 'NONE' })), 'ConflictException', 409, 'Method already exists for this resource'],
      [() => apigw.send(new PutMethodCommand({ ...ids, httpMethod: 'WRONG', authorizationType: 'NONE' })), 'BadRequestException', 400, 'Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY'],
      [() => apigw.send(new PutMethodCommand({ ...ids, httpMethod: 'POST', authorizationType: 'CUSTOM' })), 'BadRequestException', 400, 'Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.'],
      [() => apigw.send(new PutMethodCommand({ ...ids, httpMethod: 'POST', authorizationType: 'NONE', requestModels: { 'application/json': 'petModel' } })), 'BadRequestException', 400, 'Invalid model identifier specified: petModel'],
      [() => apigw.send(new PutMethodCommand({ ...ids, httpMethod: 'POST', authorizationType: 'NONE', requestValidatorId: 'x' })), 'BadRequestException', 400, 'Invalid Request Validator identifier specified'],
      [() => apigw.send(new PutMethodCommand({ ...ids, httpMethod: 'POST', authorizationType: 'NONE', requestParameters: { 'method.request.header.a': true, 'method.request.querystring.a': false } })), 'BadRequestException', 400, 'Parameter names must be unique across querystring, header and path'],
      [() => apigw.send(new PutMethodCommand({ ...ids, resourceId: 'nope', httpMethod: 'POST', authorizationType: 'NONE' })), 'NotFoundException', 404, 'Invalid Resource identifier specified'],
      [() => apigw.send(new PutMethodCommand({ ...ids, restApiId: 'nope', httpMethod: 'POST', authorizationType: 'NONE' })), 'NotFoundException', 404, 'Invalid Resource identifier specified'],
      [() => apigw.send(new UpdateMethodCommand({ ...ids, patchOperations: [{ op: 'replace', path: '/operationName', value: 'x' }, { op: 'add', path: '/apiKeyRequired', value: 'true' }] })), 'BadRequestException', 400, 'Invalid patch operation specified. Must be one of: [replace]'],
      [() => apigw.send(new UpdateMethodCommand({ ...ids, patchOperations: [{ op: 'replace', path: '/httpMethod', value: 'POST' }] })), 'BadRequestException', 400, 'Invalid patch path /httpMethod'],
      [() => apigw.send(new UpdateMethodCommand({ ...ids, httpMethod: 'POST', patchOperations: [] })), 'NotFoundException', 404, 'Invalid Method identifier specified'],
    ];
    for (const [call, name, status, message] of refusals) await expectAwsError(call, { name, status, message });
    expect(body(await apigw.send(new GetMethodCommand(ids)))).toEqual(before);
    await expectAwsError(apigw.send(new GetMethodCommand({ ...ids, httpMethod: 'POST' })), { name: 'NotFoundException', status: 404, message: 'Invalid Method identifier specified' });
  });

  it('puts, updates and deletes method responses; GetMethod embeds them', async () => {
    const apigw = client(k);
    const ids = await apiWithMethod(apigw);
    const put = await apigw.send(new PutMethodResponseCommand({ ...ids, statusCode: '200', responseModels: { 'application/json': 'Empty' } }));
    expect(put.$metadata.httpStatusCode).toBe(201);
    expect(body(put)).toEqual({ statusCode: '200', responseModels: { 'application/json': 'Empty' } });
    const updated = await apigw.send(
      new UpdateMethodResponseCommand({ ...ids, statusCode: '200', patchOperations: [{ op: 'add', path: '/responseParameters/method.response.header.my-header', value: 'false' }] }),
    );
    expect(updated.$metadata.httpStatusCode).toBe(201);
    expect(body(updated)).toEqual({ statusCode: '200', responseModels: { 'application/json': 'Empty' }, responseParameters: { 'method.response.header.my-header': false } });
    expect((await apigw.send(new GetMethodCommand(ids))).methodResponses).toEqual({ '200': body(updated) });
    expect(body(await apigw.send(new GetMethodResponseCommand({ ...ids, statusCode: '200' })))).toEqual(body(updated));
    await expectAwsError(
      apigw.send(new UpdateMethodResponseCommand({ ...ids, statusCode: '200', patchOperations: [{ op: 'remove', path: '/responseParameters/method.response.header.nope' }] })),
      { name: 'NotFoundException', status: 404, message: 'Invalid parameter name specified' },
    );
    await expectAwsError(apigw.send(new GetMethodResponseCommand({ ...ids, statusCode: '404' })), { name: 'NotFoundException', status: 404, message: 'Invalid Response status code specified' });
    // [AWS-recorded] update-method-response-invalid-statuscode: the URI label is named bare.
    await expectAwsError(apigw.send(new GetMethodResponseCommand({ ...ids, statusCode: 'wrong' })), {
      name: 'ValidationException',
      status: 400,
      message: "1 validation error detected: Value 'wrong' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d",
    });
    expect((await apigw.send(new DeleteMethodResponseCommand({ ...ids, statusCode: '200' }))).$metadata.httpStatusCode).toBe(204);
    expect('methodResponses' in (await apigw.send(new GetMethodCommand(ids)))).toBe(false);
  });
});

describe('integrations and integration responses', () => {
  const k = useKanaria();

  it.each([
    ['AWS_PROXY', { integrationHttpMethod: 'POST', uri: LAMBDA_URI('${stageVariables.fn}') }, { connectionType: 'INTERNET', httpMethod: 'POST' }],
    ['AWS', { integrationHttpMethod: 'POST', uri: LAMBDA_URI('hello') }, { connectionType: 'INTERNET', httpMethod: 'POST' }],
    ['HTTP', { integrationHttpMethod: 'GET', uri: 'https://example.com/pets' }, { connectionType: 'INTERNET', httpMethod: 'GET' }],
    ['HTTP_PROXY', { integrationHttpMethod: 'ANY', uri: 'http://${stageVariables.host}/{proxy}' }, { connectionType: 'INTERNET', httpMethod: 'ANY' }],
    ['MOCK', {}, {}],
  ] as const)('puts and gets a %s integration with AWS defaults and nothing it was not given', async (type, given, expected) => {
    const apigw = client(k);
    const ids = await apiWithMethod(apigw);
    const put = await apigw.send(new PutIntegrationCommand({ ...ids, type, ...given }));
    expect(put.$metadata.httpStatusCode).toBe(201);
    expect(body(put)).toEqual({
      type,
      ...('uri' in given ? { uri: given.uri } : {}),
      ...expected,
      passthroughBehavior: 'WHEN_NO_MATCH',
      timeoutInMillis: 29000,
      cacheNamespace: ids.resourceId,
      cacheKeyParameters: [],
    });
    expect(body(await apigw.send(new GetIntegrationCommand(ids)))).toEqual(body(put));
    expect((await apigw.send(new GetMethodCommand(ids))).methodIntegration).toEqual(body(put));
  });

  it('keeps request templates, parameters, timeout and passthrough behavior as given', async () => {
    const apigw = client(k);
    const ids = await apiWithMethod(apigw);
    const put = await apigw.send(
      new PutIntegrationCommand({
        ...ids,
        type: 'HTTP',
        integrationHttpMethod: 'POST',
        uri: 'https://example.com/x',
        requestTemplates: { 'application/json': '{"a": "$input.params(\'a\')"}' },
        requestParameters: { 'integration.request.header.x-stage': 'stageVariables.stage' },
        timeoutInMillis: 5000,
        passthroughBehavior: 'NEVER',
        contentHandling: 'CONVERT_TO_TEXT',
      }),
    );
    expect(put).toMatchObject({
      requestTemplates: { 'application/json': '{"a": "$input.params(\'a\')"}' },
      requestParameters: { 'integration.request.header.x-stage': 'stageVariables.stage' },
      timeoutInMillis: 5000,
      passthroughBehavior: 'NEVER',
      contentHandling: 'CONVERT_TO_TEXT',
    });
    const updated = await apigw.send(
      new UpdateIntegrationCommand({ ...ids, patchOperations: [{ op: 'remove', path: '/requestTemplates/application~1json' }, { op: 'replace', path: '/timeoutInMillis', value: '29000' }] }),
    );
    expect('requestTemplates' in updated).toBe(false);
    expect(updated.timeoutInMillis).toBe(29000);
    expect(body(await apigw.send(new GetIntegrationCommand(ids)))).toEqual(body(updated));
  });

  it('refuses bad integrations with AWS texts (reference section 3) and keeps the old one', async () => {
    const apigw = client(k);
    const ids = await apiWithMethod(apigw);
    await apigw.send(new PutIntegrationCommand({ ...ids, type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: LAMBDA_URI('ok') }));
    const before = body(await apigw.send(new GetIntegrationCommand(ids)));
    const proxy = (uri: string) => apigw.send(new PutIntegrationCommand({ ...ids, type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri }));
    const refusals: [() => Promise<unknown>, string, number, string][] = [
      [() => proxy('arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${stageVariables.lambda_function_name}/invocations'), 'BadRequestException', 400, 'Invalid lambda function'],
      [() => proxy('arn:aws:lambda:us-east-1:000000000000:function:f'), 'BadRequestException', 400, 'AWS ARN for integration must contain path or action'],
      [() => proxy('bad-arn:lambda:path/2015-03-31/functions/x/invocations'), 'BadRequestException', 400, 'Invalid ARN specified in the request'],
      [() => proxy('arn:aws:apigateway:us-east-1:firehose:path/2015-03-31/functions/x/invocations'), 'BadRequestException', 400, "Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations."],
      [() => apigw.send(new PutIntegrationCommand({ ...ids, type: 'AWS_PROXY', uri: LAMBDA_URI('f') })), 'BadRequestException', 400, 'Enumeration value for HttpMethod must be non-empty'],
      [() => apigw.send(new PutIntegrationCommand({ ...ids, type: 'HTTP', integrationHttpMethod: 'GET', uri: 'not-a-url' })), 'BadRequestException', 400, 'Invalid HTTP endpoint specified for URI'],
      [() => apigw.send(new PutIntegrationCommand({ ...ids, type: 'MOCK', timeoutInMillis: 29001 })), 'BadRequestException', 400, 'Timeout should be between 50 ms and 29000 ms'],
      [() => apigw.send(new PutIntegrationCommand({ ...ids, httpMethod: 'POST', type: 'MOCK' })), 'NotFoundException', 404, 'Invalid Method identifier specified'],
      [() => apigw.send(new UpdateIntegrationCommand({ ...ids, patchOperations: [{ op: 'replace', path: '/uri', value: 'nope' }] })), 'BadRequestException', 400, 'Invalid ARN specified in the request'],
      [() => apigw.send(new UpdateIntegrationCommand({ ...ids, patchOperations: [{ op: 'replace', path: '/type', value: 'MOCK' }] })), 'BadRequestException', 400, 'Invalid patch path /type'],
    ];
    for (const [call, name, status, message] of refusals) await expectAwsError(call, { name, status, message });
    expect(body(await apigw.send(new GetIntegrationCommand(ids)))).toEqual(before);
  });

  it('answers a missing integration with the AWS texts [AWS-recorded test_get_integration_non_existent]', async () => {
    const apigw = client(k);
    const ids = await apiWithMethod(apigw);
    await expectAwsError(apigw.send(new GetIntegrationCommand(ids)), { name: 'NotFoundException', status: 404, message: 'Invalid Integration identifier specified' });
    await expectAwsError(apigw.send(new GetIntegrationCommand({ ...ids, httpMethod: 'PUT' })), { name: 'NotFoundException', status: 404, message: 'Invalid Method identifier specified' });
    await expectAwsError(apigw.send(new GetIntegrationCommand({ ...ids, restApiId: 'nope' })), { name: 'NotFoundException', status: 404, message: 'Invalid Resource identifier specified' });
    await expectAwsError(apigw.send(new DeleteIntegrationCommand(ids)), { name: 'NotFoundException', status: 404, message: 'Invalid Integration identifier specified' });
  });

  it('runs the integration response lifecycle [AWS-recorded test_lifecycle_integration_response]', async () => {
    const apigw = client(k);
    const ids = await apiWithMethod(apigw);
    await expectAwsError(apigw.send(new PutIntegrationResponseCommand({ ...ids, statusCode: '200' })), { name: 'NotFoundException', status: 404, message: 'Invalid Integration identifier specified' });
    await apigw.send(new PutIntegrationCommand({ ...ids, type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }));
    const put = await apigw.send(new PutIntegrationResponseCommand({ ...ids, statusCode: '200', selectionPattern: '', responseTemplates: { 'application/json': '"created"' } }));
    expect(put.$metadata.httpStatusCode).toBe(201);
    expect(body(put)).toEqual({ responseTemplates: { 'application/json': '"created"' }, selectionPattern: '', statusCode: '200' });
    const updated = await apigw.send(new UpdateIntegrationResponseCommand({ ...ids, statusCode: '200', patchOperations: [{ op: 'replace', path: '/selectionPattern', value: 'updated-pattern' }] }));
    expect(body(updated)).toEqual({ responseTemplates: { 'application/json': '"created"' }, selectionPattern: 'updated-pattern', statusCode: '200' });
    expect(body(await apigw.send(new GetIntegrationResponseCommand({ ...ids, statusCode: '200' })))).toEqual(body(updated));
    expect((await apigw.send(new GetMethodCommand(ids))).methodIntegration?.integrationResponses).toEqual({ '200': body(updated) });
    await expectAwsError(apigw.send(new GetIntegrationResponseCommand({ ...ids, statusCode: '400' })), { name: 'NotFoundException', status: 404, message: 'Invalid Response status code specified' });
    await expectAwsError(apigw.send(new DeleteIntegrationResponseCommand({ ...ids, httpMethod: 'POST', statusCode: '200' })), {
      name: 'NotFoundException',
      status: 404,
      message: 'Invalid Integration identifier specified',
    });
    expect((await apigw.send(new DeleteIntegrationResponseCommand({ ...ids, statusCode: '200' }))).$metadata.httpStatusCode).toBe(204);
    expect('integrationResponses' in (await apigw.send(new GetIntegrationCommand(ids)))).toBe(false);
    expect((await apigw.send(new DeleteIntegrationCommand(ids))).$metadata.httpStatusCode).toBe(204);
    await expectAwsError(apigw.send(new GetIntegrationCommand(ids)), { name: 'NotFoundException', status: 404, message: 'Invalid Integration identifier specified' });
  });
});
