// AWS_PROXY through the chain with a scripted invoker: the payload 1.0 event field by field
// (reference §4.1, AWS-recorded in localstack test_apigateway_lambda.snapshot.json), canary
// requests (canary deployment id, overridden variables), response validation (§4.2) and the
// failure answers with their execution log lines (§4.3).
import { describe, expect, it } from 'vitest';
import { AwsError } from '../../../src/aws/errors.js';
import { buildProxyEvent } from '../../../src/gateway/integrations/proxy-event.js';
import { harness, json, snapshot } from './harness.js';

const LAMBDA_URI = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${stageVariables.fn}/invocations';
const proxy = (uri = LAMBDA_URI) => snapshot([{ path: '/{proxy+}', httpMethod: 'ANY', integration: { type: 'AWS_PROXY', httpMethod: 'POST', uri } }]);

function echoHarness(extra: Parameters<typeof harness>[0] = {}) {
  const h = harness({ lambda: (_r, event) => ({ payload: { statusCode: 200, body: JSON.stringify(event) } }), ...extra });
  h.putDeployment('d1', proxy());
  return h;
}

describe('AWS_PROXY event', () => {
  it('has the recorded keys and values: path without the stage, requestContext.path with it', async () => {
    const h = echoHarness();
    h.setStage({ variables: { fn: 'echo' } });
    const ctx = await h.request('GET', '/test-path/?urlparam=test&multi=1&multi=2&enc=a%2Bb+c', { headers: { 'tEsT-HEADeR': 'aValUE', Authorization: 'random-value' } });
    expect(ctx.response!.statusCode).toBe(200);
    const event = json(ctx);
    expect(Object.keys(event)).toEqual([
      'resource', 'path', 'httpMethod', 'headers', 'multiValueHeaders', 'queryStringParameters', 'multiValueQueryStringParameters',
      'pathParameters', 'stageVariables', 'requestContext', 'body', 'isBase64Encoded',
    ]);
    expect(event).toMatchObject({
      resource: '/{proxy+}',
      path: '/test-path/',
      httpMethod: 'GET',
      queryStringParameters: { urlparam: 'test', multi: '2', enc: 'a+b c' },
      multiValueQueryStringParameters: { urlparam: ['test'], multi: ['1', '2'], enc: ['a+b c'] },
      pathParameters: { proxy: 'test-path' },
      stageVariables: { fn: 'echo' },
      body: null,
      isBase64Encoded: false,
    });
    expect(event.headers['tEsT-HEADeR']).toBe('aValUE');
    expect(event.multiValueHeaders['tEsT-HEADeR']).toEqual(['aValUE']);
    expect(event.headers.Authorization).toBe('random-value');
    expect(Object.keys(event.requestContext)).toEqual([
      'accountId', 'apiId', 'deploymentId', 'domainName', 'domainPrefix', 'extendedRequestId', 'httpMethod', 'identity', 'path',
      'protocol', 'requestId', 'requestTime', 'requestTimeEpoch', 'resourceId', 'resourcePath', 'stage',
    ]);
    expect(event.requestContext).toMatchObject({
      accountId: '123456789012',
      apiId: 'abc123defg',
      deploymentId: 'd1',
      domainName: 'abc123defg.execute-api.localhost:4566',
      domainPrefix: 'abc123defg',
      extendedRequestId: 'EXTENDEDID=',
      httpMethod: 'GET',
      path: '/test/test-path/',
      protocol: 'HTTP/1.1',
      requestId: '11111111-2222-3333-4444-555555555555',
      requestTime: '14/Nov/2023:22:13:20 +0000',
      requestTimeEpoch: 1_700_000_000_000,
      resourcePath: '/{proxy+}',
      stage: 'test',
    });
    expect(event.requestContext.identity).toEqual({
      accessKey: null, accountId: null, caller: null, cognitoAuthenticationProvider: null, cognitoAuthenticationType: null,
      cognitoIdentityId: null, cognitoIdentityPoolId: null, principalOrgId: null, sourceIp: '10.1.2.3', user: null, userAgent: 'unit/1.0', userArn: null,
    });
  });

  it('is sent as exactly the text JSON.stringify gives for the event (quotes, controls, unicode, numeric keys)', async () => {
    const h = echoHarness();
    h.setStage({ variables: { fn: 'echo', '7': 'seven', q: 'say "hi"\\' } });
    const requests = [
      h.request('GET', '/plain'),
      h.request('POST', '/a%22b/%F0%9F%98%80?2=two&1=one&x=%22%5C%0A%09%01&bad=%E0%A4%A&emoji=%F0%9F%98%80', {
        headers: { '123': 'n', 'X-Quote': 'a"b\\c', 'User-Agent': 'ü/1' },
        body: 'line\nwith "quotes" and \u2028 and \u0001',
      }),
    ];
    for (const ctx of await Promise.all(requests)) {
      expect(ctx.response!.statusCode).toBe(200);
      expect(ctx.proxyEvent).toBe(JSON.stringify(buildProxyEvent(ctx)));
    }
  });

  it('says null for absent query, variables; keeps the body as text, drops Content-Length', async () => {
    const h = harness({ lambda: (_r, event) => ({ payload: { statusCode: 200, body: JSON.stringify(event) } }) });
    h.putDeployment('d1', proxy(LAMBDA_URI.replace('${stageVariables.fn}', 'fixed')));
    h.setStage({});
    const event = json(await h.request('POST', '/x', { headers: { 'Content-Type': 'application/json' }, body: '{"message":"hello world"}' }));
    expect(event.queryStringParameters).toBeNull();
    expect(event.multiValueQueryStringParameters).toBeNull();
    expect(event.stageVariables).toBeNull();
    expect(event.body).toBe('{"message":"hello world"}');
    expect(event.isBase64Encoded).toBe(false);
    expect(Object.keys(event.headers).map((k) => k.toLowerCase())).not.toContain('content-length');
  });

  it('base64-encodes a body whose type is one of the API binary media types', async () => {
    const h = harness({ lambda: (_r, event) => ({ payload: { statusCode: 200, body: JSON.stringify(event) } }), binaryMediaTypes: ['application/octet-stream'] });
    h.putDeployment('d1', proxy(LAMBDA_URI.replace('${stageVariables.fn}', 'fixed')));
    h.setStage({});
    const event = json(await h.request('POST', '/bin', { headers: { 'Content-Type': 'application/octet-stream' }, body: 'raw' }));
    expect(event).toMatchObject({ body: Buffer.from('raw').toString('base64'), isBase64Encoded: true });
  });

  it('invokes the function the stage variable names, as apigateway.amazonaws.com with the method ARN', async () => {
    const h = echoHarness();
    h.setStage({ variables: { fn: 'version1_lambda' } });
    await h.request('GET', '/a');
    expect(h.invocations[0].request).toMatchObject({
      accountId: '123456789012',
      region: 'us-east-1',
      functionName: 'arn:aws:lambda:us-east-1:123456789012:function:version1_lambda',
      caller: { principal: 'apigateway.amazonaws.com', sourceArn: 'arn:aws:execute-api:us-east-1:123456789012:abc123defg/test/ANY/{proxy+}' },
    });
  });

  it('gives canary requests the canary deployment id and the overridden variables', async () => {
    const h = echoHarness();
    h.putDeployment('d2', proxy());
    h.setStage({ variables: { fn: 'v1', keep: 'k' }, canarySettings: { deploymentId: 'd2', percentTraffic: 10, stageVariableOverrides: { fn: 'v2', extra: 'e' } } });
    const canary = await h.request('GET', '/c', { headers: { 'x-kanaria-canary': 'always' } });
    expect(canary.variant).toBe('canary');
    expect(json(canary).requestContext.deploymentId).toBe('d2');
    expect(json(canary).stageVariables).toEqual({ fn: 'v2', keep: 'k', extra: 'e' });
    expect(h.invocations[0].request.functionName).toMatch(/:function:v2$/);
    const base = await h.request('GET', '/c', { headers: { 'x-kanaria-canary': 'never' } });
    expect(json(base).requestContext.deploymentId).toBe('d1');
    expect(json(base).stageVariables).toEqual({ fn: 'v1', keep: 'k' });
  });
});

describe('AWS_PROXY response', () => {
  const answer = async (payload: unknown, extra: { functionError?: 'Unhandled' } = {}) => {
    const h = harness({ lambda: () => ({ payload, ...extra }) });
    h.putDeployment('d1', proxy(LAMBDA_URI.replace('${stageVariables.fn}', 'f')));
    h.setStage({ methodSettings: { '*/*': { loggingLevel: 'INFO' } } });
    const ctx = await h.request('GET', '/r');
    return { ctx, status: ctx.response!.statusCode, body: ctx.response!.body.toString(), headers: ctx.response!.headers, log: h.logs.flatMap((l) => l.events.map((e) => e.message)) };
  };

  it('accepts the recorded good shapes', async () => {
    expect((await answer({ statusCode: 200 })).status).toBe(200);
    expect((await answer({ statusCode: 200 })).headers['Content-Type']).toBe('application/json');
    expect((await answer({ headers: { a: 'b' } })).status).toBe(200);
    expect((await answer({ statusCode: '201' })).status).toBe(201);
    expect((await answer({ statusCode: 200, headers: null, body: 'x' })).body).toBe('x');
    const bool = await answer({ statusCode: 200, headers: { flag: true } });
    expect(bool.headers.flag).toBe('true');
    const both = await answer({ statusCode: 200, headers: { 'X-Both': 'value-solo' }, multiValueHeaders: { 'X-Both': ['value-multi'], 'X-Multi': ['a', 'b'] } });
    expect(both.headers['X-Both']).toBe('value-multi, value-solo');
    expect(both.headers['X-Multi']).toEqual(['a', 'b']);
    expect((await answer({ statusCode: 200, body: 'aGk=', isBase64Encoded: true })).body).toBe('aGk=');
  });

  for (const [name, payload] of [
    ['an unknown key', { statusCode: 200, wrongValue: 'value' }],
    ['null', null],
    ['a plain string', 'justAString'],
    ['a non-numeric statusCode', { statusCode: 'test' }],
    ['a multiValueHeaders value that is not a list', { statusCode: 200, multiValueHeaders: { a: 'b' } }],
    ['an object body', { statusCode: 200, body: { a: 1 } }],
  ] as const) {
    it(`answers ${name} with 502 and the Malformed Lambda proxy response log line`, async () => {
      const r = await answer(payload);
      expect(r.status).toBe(502);
      expect(r.body).toBe('{"message": "Internal server error"}');
      expect(r.headers['x-amzn-ErrorType']).toBe('InternalServerErrorException');
      expect(r.log).toContain('(11111111-2222-3333-4444-555555555555) Execution failed due to configuration error: Malformed Lambda proxy response');
      expect(r.log).toContain('(11111111-2222-3333-4444-555555555555) Method completed with status: 502');
    });
  }

  it('answers an empty result with 502', async () => {
    const h = harness({ lambda: () => ({ payload: Buffer.alloc(0) }) });
    h.putDeployment('d1', proxy(LAMBDA_URI.replace('${stageVariables.fn}', 'f')));
    h.setStage({});
    expect((await h.request('GET', '/e')).response!.statusCode).toBe(502);
  });

  it('answers a function error with 502 and the customer function error line', async () => {
    const r = await answer({ errorMessage: 'boom', errorType: 'Error' }, { functionError: 'Unhandled' });
    expect(r.status).toBe(502);
    expect(r.log).toContain('(11111111-2222-3333-4444-555555555555) Lambda execution failed with status 200 due to customer function error: boom. Lambda request id: lambda-request-id');
  });

  it('answers a missing permission or function with 500 and Invalid permissions on Lambda function', async () => {
    for (const code of ['AccessDeniedException', 'ResourceNotFoundException']) {
      const h = harness({ lambda: () => Promise.reject(new AwsError(code, 'denied', { status: 403 })) });
      h.putDeployment('d1', proxy(LAMBDA_URI.replace('${stageVariables.fn}', 'f')));
      h.setStage({ methodSettings: { '*/*': { loggingLevel: 'ERROR' } } });
      const ctx = await h.request('GET', '/p');
      expect(ctx.response!.statusCode).toBe(500);
      expect(ctx.response!.body).toBe('{"message": "Internal server error"}');
      const lines = h.logs.flatMap((l) => l.events.map((e) => e.message));
      expect(lines).toEqual([
        '(11111111-2222-3333-4444-555555555555) Execution failed due to configuration error: Invalid permissions on Lambda function',
        '(11111111-2222-3333-4444-555555555555) Method completed with status: 500',
      ]);
    }
  });

  it('answers 504 Endpoint request timed out after timeoutInMillis', async () => {
    const h = harness({ lambda: () => new Promise((resolve) => setTimeout(() => resolve({ payload: { statusCode: 200 } }), 500)) });
    h.putDeployment('d1', snapshot([{ path: '/slow', httpMethod: 'GET', integration: { type: 'AWS_PROXY', httpMethod: 'POST', uri: LAMBDA_URI, timeoutInMillis: 50 } }]));
    h.setStage({ variables: { fn: 'slow' } });
    const ctx = await h.request('GET', '/slow');
    expect(ctx.response!.statusCode).toBe(504);
    expect(ctx.response!.body).toBe('{"message": "Endpoint request timed out"}');
    expect(ctx.integrationLatency).toBe(-1);
  });

  it('refuses a non-POST integration method with 500 (recorded)', async () => {
    const h = harness({ lambda: () => ({ payload: { statusCode: 200 } }) });
    h.putDeployment('d1', snapshot([{ path: '/get', httpMethod: 'GET', integration: { type: 'AWS_PROXY', httpMethod: 'GET', uri: LAMBDA_URI } }]));
    h.setStage({ variables: { fn: 'f' } });
    const ctx = await h.request('GET', '/get');
    expect(ctx.response!.statusCode).toBe(500);
    expect(h.invocations).toHaveLength(0);
  });
});
