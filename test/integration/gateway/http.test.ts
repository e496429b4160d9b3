// HTTP_PROXY and HTTP integrations against a local HTTP server started by the test: the greedy
// path forwarded, stage variables in the URL, request/response templates and parameter mapping,
// integration responses chosen by the backend's status, and the timeout and failure answers.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useKanaria } from '../../helpers/kanaria.js';
import { apigateway, createApi, deploy, method, stageUrl, type TestApi } from './api.js';

describe('gateway: HTTP and HTTP_PROXY integrations', () => {
  const k = useKanaria();
  let backend: Server;
  let port = 0;
  let api: TestApi;

  beforeAll(async () => {
    backend = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if (req.url?.startsWith('/slow')) {
          setTimeout(() => res.writeHead(200).end('late'), 400);
          return;
        }
        const m = /^\/status\/(\d{3})/.exec(req.url ?? '');
        const status = m ? Number(m[1]) : 200;
        res.writeHead(status, { 'content-type': 'application/json', 'x-backend': 'yes', 'set-cookie': ['a=1', 'b=2'] });
        res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body }));
      });
    });
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
    port = (backend.address() as AddressInfo).port;

    api = await createApi(apigateway(k), 'http-api');
    await method(api, {
      path: '/proxy/{proxy+}',
      httpMethod: 'ANY',
      requestParameters: { 'method.request.path.proxy': true },
      integration: {
        type: 'HTTP_PROXY',
        integrationHttpMethod: 'ANY',
        uri: 'http://${stageVariables.backend}/base/{proxy}',
        requestParameters: { 'integration.request.path.proxy': 'method.request.path.proxy', 'integration.request.header.X-Stage': "'fixed'" },
      },
    });
    await method(api, {
      path: '/items/{id}',
      httpMethod: 'POST',
      requestParameters: { 'method.request.path.id': true },
      integration: {
        type: 'HTTP',
        integrationHttpMethod: 'PUT',
        uri: 'http://${stageVariables.backend}/status/{code}',
        requestParameters: { 'integration.request.path.code': 'method.request.querystring.code', 'integration.request.header.X-Item': 'method.request.path.id' },
        requestTemplates: { 'application/json': '{"item": "$input.params(\'id\')", "name": $input.json(\'$.name\'), "color": "$stageVariables.color"}' },
      },
      responses: [
        {
          statusCode: '200',
          responseTemplates: { 'application/json': '#set($b = $input.path(\'$\'))\n{"sent": $b.body, "via": "$b.method", "item": "$b.headers.x-item"}' },
          responseParameters: { 'method.response.header.X-From-Backend': 'integration.response.header.x-backend' },
          methodHeaders: ['X-From-Backend'],
        },
        { statusCode: '400', selectionPattern: '4\\d{2}', responseTemplates: { 'application/json': '{"failed": true}' } },
      ],
    });
    await method(api, {
      path: '/slow',
      httpMethod: 'GET',
      integration: { type: 'HTTP_PROXY', integrationHttpMethod: 'GET', uri: 'http://${stageVariables.backend}/slow', timeoutInMillis: 100 },
    });
    await method(api, {
      path: '/down',
      httpMethod: 'GET',
      integration: { type: 'HTTP_PROXY', integrationHttpMethod: 'GET', uri: 'http://127.0.0.1:9/nothing' },
    });
    await deploy(api, 'dev', { variables: { backend: `127.0.0.1:${port}`, color: 'red' } });
  });

  afterAll(() => new Promise<void>((resolve) => backend.close(() => resolve())));

  it('forwards method, greedy path, query, headers and body with HTTP_PROXY and returns the answer as is', async () => {
    const res = await fetch(stageUrl(k, api.apiId, 'dev', '/proxy/a/b%20c/d?x=1&x=2'), { method: 'PATCH', headers: { 'x-client': 'c1', 'content-type': 'text/plain' }, body: 'payload' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-backend')).toBe('yes');
    expect(res.headers.get('set-cookie')).toBe('a=1, b=2');
    const echoed = await res.json();
    expect(echoed.method).toBe('PATCH');
    expect(echoed.url).toBe('/base/a/b%20c/d?x=1&x=2');
    expect(echoed.body).toBe('payload');
    expect(echoed.headers).toMatchObject({ 'x-client': 'c1', 'x-stage': 'fixed', host: `127.0.0.1:${port}` });
  });

  it('passes the backend status through HTTP_PROXY', async () => {
    const res = await fetch(stageUrl(k, api.apiId, 'dev', '/proxy/status/404'));
    // The greedy value is placed under /base, so the backend sees /base/status/404: a 200.
    expect(res.status).toBe(200);
    expect((await res.json()).url).toBe('/base/status/404');
  });

  it('maps the request with HTTP templates and parameters, and the answer with integration responses', async () => {
    const res = await fetch(stageUrl(k, api.apiId, 'dev', '/items/7?code=200'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"lamp"}' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-from-backend')).toBe('yes');
    expect(await res.json()).toEqual({ sent: { item: '7', name: 'lamp', color: 'red' }, via: 'PUT', item: '7' });
  });

  it('selects the integration response by the backend status (regex 4\\d{2})', async () => {
    const res = await fetch(stageUrl(k, api.apiId, 'dev', '/items/7?code=404'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"lamp"}' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ failed: true });
  });

  it('answers 504 Endpoint request timed out when the backend is slower than timeoutInMillis', async () => {
    const res = await fetch(stageUrl(k, api.apiId, 'dev', '/slow'));
    expect(res.status).toBe(504);
    expect(res.headers.get('x-amzn-errortype')).toBe('InternalServerErrorException');
    expect(await res.text()).toBe('{"message": "Endpoint request timed out"}');
  });

  it('answers an unreachable backend with a 5XX gateway response, not a crash', async () => {
    const res = await fetch(stageUrl(k, api.apiId, 'dev', '/down'));
    expect(res.status).toBe(504);
    expect(await res.text()).toBe('{"message": "Internal server error"}');
  });
});
