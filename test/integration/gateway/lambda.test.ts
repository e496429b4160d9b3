// Lambda integrations with real Node handlers: the proxy event a handler echoes back, malformed
// and failing proxy answers, the integration timeout, and AWS (non-proxy) Lambda integrations
// with mapping templates and integration responses selected by the function's errorMessage.
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { AddPermissionCommand, CreateAliasCommand, PublishVersionCommand, UpdateFunctionCodeCommand } from '@aws-sdk/client-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { useKanaria } from '../../helpers/kanaria.js';
import { apigateway, createApi, deploy, method, patchStage, rawRequest, stageUrl, type TestApi } from './api.js';
import { allowApi, lambdaClient, lambdaUri, nodeFunction, zip } from './functions.js';

const ECHO = `export const handler = async (event) => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });`;

// Answers chosen by the `shape` query parameter; sleeps for `sleep` ms first.
const SHAPES = `
export const handler = async (event) => {
  const q = event.queryStringParameters || {};
  if (q.sleep) await new Promise((r) => setTimeout(r, Number(q.sleep)));
  switch (q.shape) {
    case 'unknown-key': return { statusCode: 200, wrongValue: 'value' };
    case 'string': return 'justAString';
    case 'null': return null;
    case 'string-status': return { statusCode: '201', body: 'created' };
    case 'bad-status': return { statusCode: 'test' };
    case 'multi': return { statusCode: 200, headers: { 'X-Both': 'value-solo', flag: true }, multiValueHeaders: { 'X-Both': ['value-multi'] }, body: '' };
    case 'no-status': return { headers: { 'X-Only': 'header' } };
    case 'throw': throw new Error('handler exploded');
    case 'bad-header': return { statusCode: 200, headers: { 'X-Bad': 'line1\\nline2' }, body: 'x' };
    default: return { statusCode: 200, body: 'fine' };
  }
};`;

// A non-proxy function: fails with a message the integration responses select on.
const CLASSIFY = `
export const handler = async (event) => {
  if (event.kind === 'bad') throw new Error('Bad request: kind was bad');
  if (event.kind === 'boom') throw new Error('Internal failure');
  return { received: event, ok: true };
};`;

describe('gateway: Lambda integrations with Node handlers', () => {
  const k = useKanaria({ allowCanaryHeader: true });
  let api: TestApi;
  let baseDeployment: string;
  let canaryDeployment: string;

  beforeAll(async () => {
    await nodeFunction(k, 'echo', ECHO);
    await nodeFunction(k, 'shapes', SHAPES, 1);
    await nodeFunction(k, 'classify', CLASSIFY);
    api = await createApi(apigateway(k), 'lambda-api');
    await method(api, { path: '/echo/{proxy+}', httpMethod: 'ANY', integration: { type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: lambdaUri('${stageVariables.echoFn}') } });
    await method(api, { path: '/shapes', httpMethod: 'GET', integration: { type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: lambdaUri('shapes') } });
    await method(api, { path: '/hurry', httpMethod: 'GET', integration: { type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: lambdaUri('shapes'), timeoutInMillis: 100 } });
    await method(api, {
      path: '/classify/{kind}',
      httpMethod: 'POST',
      integration: {
        type: 'AWS',
        integrationHttpMethod: 'POST',
        uri: lambdaUri('classify'),
        requestTemplates: { 'application/json': '{"kind": "$input.params(\'kind\')", "payload": $input.json(\'$\'), "stage": "$context.stage"}' },
      },
      responses: [
        {
          statusCode: '200',
          responseTemplates: {
            'application/json':
              '#set($r = $input.path(\'$\'))\n#if($r.ok){"echoedKind": "$r.received.kind", "size": $r.received.payload.size(), "stage": "$r.received.stage"}#{else}{"passedThrough": "$r.errorMessage"}#end',
          },
        },
        { statusCode: '400', selectionPattern: 'Bad request:.*', responseTemplates: { 'application/json': '{"error": "$input.path(\'$.errorMessage\')"}' } },
      ],
    });
    for (const fn of ['echo', 'shapes', 'classify']) await allowApi(k, fn, api.apiId);
    baseDeployment = await deploy(api, 'live', { variables: { echoFn: 'echo', who: 'base' } });
    canaryDeployment = await deploy(api, 'live', { canary: { percentTraffic: 0, stageVariableOverrides: { who: 'canary' } } });
    await patchStage(api, 'live', [{ op: 'replace', path: '/*/*/logging/loglevel', value: 'ERROR' }]);
  }, 60_000);

  it('gives a Node handler the proxy event AWS sends (reference §4.1)', async () => {
    const res = await rawRequest(k, {
      method: 'POST',
      path: '/live/echo/a/b/?x=1&x=2&y=%2B',
      headers: { host: `${api.apiId}.execute-api.localhost:${k.kanaria.port}`, 'content-type': 'application/json', 'tEsT-HEADeR': 'aValUE', 'user-agent': 'gateway-test' },
      body: '{"message":"hello world"}',
    });
    expect(res.status).toBe(200);
    const event = JSON.parse(res.text);
    expect(event).toMatchObject({
      resource: '/echo/{proxy+}',
      path: '/echo/a/b/',
      httpMethod: 'POST',
      queryStringParameters: { x: '2', y: '+' },
      multiValueQueryStringParameters: { x: ['1', '2'], y: ['+'] },
      pathParameters: { proxy: 'a/b' },
      stageVariables: { echoFn: 'echo', who: 'base' },
      body: '{"message":"hello world"}',
      isBase64Encoded: false,
    });
    expect(event.headers).toMatchObject({ 'tEsT-HEADeR': 'aValUE', 'User-Agent': 'gateway-test', 'content-type': 'application/json' });
    expect(event.multiValueHeaders['tEsT-HEADeR']).toEqual(['aValUE']);
    expect(event.requestContext).toMatchObject({
      accountId: '000000000000',
      apiId: api.apiId,
      deploymentId: baseDeployment,
      domainName: `${api.apiId}.execute-api.localhost:${k.kanaria.port}`,
      domainPrefix: api.apiId,
      httpMethod: 'POST',
      path: '/live/echo/a/b/',
      protocol: 'HTTP/1.1',
      resourcePath: '/echo/{proxy+}',
      stage: 'live',
      identity: { sourceIp: '127.0.0.1', userAgent: 'gateway-test', accessKey: null, user: null },
    });
    expect(event.requestContext.requestId).toBe(res.headers['x-amzn-requestid']);
    expect(typeof event.requestContext.requestTimeEpoch).toBe('number');
    expect(event.requestContext.requestTime).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
  });

  it('gives a canary request the canary deployment id and overridden variables', async () => {
    const res = await fetch(stageUrl(k, api.apiId, 'live', '/echo/x'), { headers: { 'x-kanaria-canary': 'always' } });
    const event = await res.json();
    expect(event.requestContext.deploymentId).toBe(canaryDeployment);
    expect(event.stageVariables).toEqual({ echoFn: 'echo', who: 'canary' });
    expect(event.queryStringParameters).toBeNull();
    expect(event.body).toBeNull();
  });

  const shape = async (name: string, extra = '') => {
    const res = await fetch(stageUrl(k, api.apiId, 'live', `/shapes?shape=${name}${extra}`));
    return { status: res.status, headers: res.headers, body: await res.text() };
  };

  it('accepts the well-formed answers AWS accepts', async () => {
    expect(await shape('fine')).toMatchObject({ status: 200, body: 'fine' });
    expect(await shape('string-status')).toMatchObject({ status: 201, body: 'created' });
    const multi = await shape('multi');
    expect(multi.headers.get('x-both')).toBe('value-multi, value-solo');
    expect(multi.headers.get('flag')).toBe('true');
    const noStatus = await shape('no-status');
    expect(noStatus.status).toBe(200);
    expect(noStatus.headers.get('x-only')).toBe('header');
  });

  it('answers malformed answers and handler errors with 502 Internal server error', async () => {
    for (const name of ['unknown-key', 'string', 'null', 'bad-status', 'throw', 'bad-header']) {
      const r = await shape(name);
      expect(r.status, name).toBe(502);
      expect(r.body, name).toBe('{"message": "Internal server error"}');
      expect(r.headers.get('x-amzn-errortype'), name).toBe('InternalServerErrorException');
    }
    // Kanaria survived all of it.
    expect((await shape('fine')).status).toBe(200);
  });

  it('answers a handler exceeding its own timeout with 502, and one exceeding timeoutInMillis with 504', async () => {
    expect((await shape('fine', '&sleep=1300')).status).toBe(502);
    const res = await fetch(stageUrl(k, api.apiId, 'live', '/hurry?sleep=600'));
    expect(res.status).toBe(504);
    expect(await res.text()).toBe('{"message": "Endpoint request timed out"}');
  });

  it('logs the malformed answer and the function error lines to the execution log group', async () => {
    const logs = new CloudWatchLogsClient(k.clientConfig);
    let messages: string[] = [];
    for (let i = 0; i < 40 && !messages.some((m) => m.includes('customer function error')); i++) {
      await new Promise((r) => setTimeout(r, 50));
      const out = await logs.send(new FilterLogEventsCommand({ logGroupName: `API-Gateway-Execution-Logs_${api.apiId}/live` }));
      messages = (out.events ?? []).map((e) => e.message!);
    }
    expect(messages.some((m) => m.endsWith(' Execution failed due to configuration error: Malformed Lambda proxy response'))).toBe(true);
    expect(messages.some((m) => / Lambda execution failed with status 200 due to customer function error: handler exploded\. Lambda request id: \S+$/.test(m))).toBe(true);
    expect(messages.some((m) => m.endsWith(' Method completed with status: 502'))).toBe(true);
  });

  it('runs AWS (non-proxy) Lambda integrations with templates and errorMessage-selected responses', async () => {
    const call = (kind: string) =>
      fetch(stageUrl(k, api.apiId, 'live', `/classify/${kind}`), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1,"b":2}' });
    const ok = await call('good');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ echoedKind: 'good', size: 2, stage: 'live' });
    const bad = await call('bad');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'Bad request: kind was bad' });
    // No pattern matches "Internal failure": the default response serves the error document with 200.
    const boom = await call('boom');
    expect(boom.status).toBe(200);
    expect(await boom.json()).toEqual({ passedThrough: 'Internal failure' });
  });

  it('substitutes a stage variable naming the alias in the function ARN', async () => {
    const lambda = lambdaClient(k);
    await nodeFunction(k, 'versioned', `export const handler = async () => ({ statusCode: 200, body: 'one' });`);
    await lambda.send(new PublishVersionCommand({ FunctionName: 'versioned' }));
    await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'versioned', ZipFile: await zip({ 'index.mjs': `export const handler = async () => ({ statusCode: 200, body: 'two' });` }) }));
    await lambda.send(new PublishVersionCommand({ FunctionName: 'versioned' }));
    await lambda.send(new CreateAliasCommand({ FunctionName: 'versioned', Name: 'stable', FunctionVersion: '1' }));
    await lambda.send(new CreateAliasCommand({ FunctionName: 'versioned', Name: 'next', FunctionVersion: '2' }));
    for (const alias of ['stable', 'next']) {
      await lambda.send(
        new AddPermissionCommand({
          FunctionName: 'versioned',
          Qualifier: alias,
          StatementId: `api-${alias}`,
          Action: 'lambda:InvokeFunction',
          Principal: 'apigateway.amazonaws.com',
          SourceArn: `arn:aws:execute-api:us-east-1:000000000000:${api.apiId}/*`,
        }),
      );
    }
    await method(api, { path: '/aliased', httpMethod: 'GET', integration: { type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: lambdaUri('versioned:${stageVariables.alias}') } });
    await deploy(api, 'v1', { variables: { alias: 'stable' } });
    await deploy(api, 'v2', { variables: { alias: 'next' } });
    expect(await (await fetch(stageUrl(k, api.apiId, 'v1', '/aliased'))).text()).toBe('one');
    expect(await (await fetch(stageUrl(k, api.apiId, 'v2', '/aliased'))).text()).toBe('two');
  });
});
