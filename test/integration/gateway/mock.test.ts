// MOCK integrations end to end through the real control plane: the three invoke URL forms,
// request templates naming the status, integration responses chosen by status code and by
// regex, response templates with $input/$context/$stageVariables/$util, header mappings, and the
// errors AWS gives for unknown APIs, stages, paths and methods.
import { describe, expect, it, beforeAll } from 'vitest';
import { useKanaria } from '../../helpers/kanaria.js';
import { apigateway, createApi, deploy, method, mockMethod, rawRequest, stageUrl, type TestApi } from './api.js';

describe('gateway: MOCK integrations', () => {
  const k = useKanaria();
  let api: TestApi;

  beforeAll(async () => {
    api = await createApi(apigateway(k), 'mock-api');
    await mockMethod(api, '/', '{"root": true, "stage": "$context.stage", "v": "$stageVariables.color"}');
    // The status comes from the query string through the request template; responses by regex.
    await method(api, {
      path: '/status',
      httpMethod: 'GET',
      integration: {
        type: 'MOCK',
        requestTemplates: { 'application/json': '#set($code = $input.params("code"))\n{"statusCode": #if($code != "")$code#{else}200#end}' },
      },
      responses: [
        { statusCode: '200', responseTemplates: { 'application/json': '{"ok": true}' }, responseParameters: { 'method.response.header.X-Static': "'static-value'" }, methodHeaders: ['X-Static'] },
        { statusCode: '404', selectionPattern: '404', responseTemplates: { 'application/json': '{"error": "not here"}' } },
        { statusCode: '500', selectionPattern: '5\\d{2}', responseTemplates: { 'application/json': '{"error": "server", "id": "$context.requestId"}' } },
      ],
    });
    await method(api, {
      path: '/pets/{petId}',
      httpMethod: 'ANY',
      integration: { type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } },
      responses: [
        {
          statusCode: '200',
          responseTemplates: {
            'application/json':
              '#set($p = $input.params())\n{"petId": "$input.params(\'petId\')", "method": "$context.httpMethod", "resourcePath": "$context.resourcePath", "q": "$util.escapeJavaScript($input.params(\'q\'))", "n": $p.querystring.size()}',
          },
        },
      ],
    });
    await deploy(api, 'dev', { variables: { color: 'blue' } });
  });

  it('answers on the path-style URL with the response template rendered', async () => {
    const res = await fetch(stageUrl(k, api.apiId, 'dev', '/'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('x-amz-apigw-id')).toMatch(/^[A-Za-z0-9+/]{12}=$/);
    const text = await res.text();
    expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect(JSON.parse(text)).toEqual({ root: true, stage: 'dev', v: 'blue' });
  });

  it('answers on the host-style URL and the legacy _user_request_ URL', async () => {
    const host = await rawRequest(k, { path: '/dev/', headers: { host: `${api.apiId}.execute-api.localhost:${k.kanaria.port}` } });
    expect(host.status).toBe(200);
    expect(JSON.parse(host.text)).toEqual({ root: true, stage: 'dev', v: 'blue' });
    const legacy = await fetch(`${k.url}/restapis/${api.apiId}/dev/_user_request_/`);
    expect(legacy.status).toBe(200);
    expect(await legacy.json()).toEqual({ root: true, stage: 'dev', v: 'blue' });
  });

  it('selects integration responses by status code and by regex, with header mappings', async () => {
    const ok = await fetch(stageUrl(k, api.apiId, 'dev', '/status'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-static')).toBe('static-value');
    expect(await ok.json()).toEqual({ ok: true });

    const missing = await fetch(stageUrl(k, api.apiId, 'dev', '/status?code=404'));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'not here' });

    const failing = await fetch(stageUrl(k, api.apiId, 'dev', '/status?code=503'));
    expect(failing.status).toBe(500);
    const body = await failing.json();
    expect(body).toEqual({ error: 'server', id: failing.headers.get('x-amzn-requestid') });

    // 418 matches no pattern: the default response (no selectionPattern, 200) serves it.
    const teapot = await fetch(stageUrl(k, api.apiId, 'dev', '/status?code=418'));
    expect(teapot.status).toBe(200);
  });

  it('matches {param} resources for any method (ANY) and exposes $input.params and $util', async () => {
    // escapeJavaScript escapes `"` and `/` (valid JSON escapes) and `'` as `\'` (which is not).
    const res = await fetch(stageUrl(k, api.apiId, 'dev', '/pets/42?q=%22hi%22%2Fx'), { method: 'DELETE' });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('"q": "\\"hi\\"\\/x"');
    expect(JSON.parse(text)).toEqual({ petId: '42', method: 'DELETE', resourcePath: '/pets/{petId}', q: '"hi"/x', n: 1 });
    const quoted = await fetch(stageUrl(k, api.apiId, 'dev', "/pets/7?q=it's"));
    expect(await quoted.text()).toContain(`"q": "it\\'s"`);
  });

  it('answers an unknown path or an unset method with 403 Missing Authentication Token', async () => {
    for (const [verb, path] of [['GET', '/nope'], ['POST', '/status'], ['GET', '/pets']] as const) {
      const res = await fetch(stageUrl(k, api.apiId, 'dev', path), { method: verb });
      expect(res.status, `${verb} ${path}`).toBe(403);
      expect(res.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
      expect(await res.text()).toBe('{"message":"Missing Authentication Token"}');
    }
  });

  it('answers an unknown stage with 403 Forbidden and an unknown API with 404', async () => {
    const stage = await fetch(stageUrl(k, api.apiId, 'nostage', '/'));
    expect(stage.status).toBe(403);
    expect(stage.headers.get('x-amzn-errortype')).toBe('ForbiddenException');
    expect(await stage.text()).toBe('{"message":"Forbidden"}');

    const unknown = await fetch(stageUrl(k, 'abcdef1234', 'dev', '/'));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ message: "The API id 'abcdef1234' does not correspond to a deployed API Gateway API" });
  });

  it('leaves control-plane /restapis paths to the AWS dispatcher', async () => {
    const res = await fetch(`${k.url}/restapis/${api.apiId}/stages/dev`, {
      headers: { authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/apigateway/aws4_request, SignedHeaders=host, Signature=x' },
    });
    expect(res.status).toBe(200);
    expect((await res.json()).stageName).toBe('dev');
  });
});
