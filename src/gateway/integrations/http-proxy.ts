// HTTP_PROXY: the request goes to the URI as it came (method, headers, query, body), path
// parameters such as a greedy `{proxy}` placed by `requestParameters`
// (`integration.request.path.proxy: method.request.path.proxy`); the answer comes back as is.
import { templateContext } from '../context-variables.js';
import { renderStageVariables } from '../stage-variables.js';
import { sendIntegrationRequest } from './http.js';
import type { Integration } from './integration.js';
import { mapRequestParameters, renderUriPath } from './parameters.js';

/** Hop-by-hop headers and those the client library recomputes are not forwarded either way. */
export const HOP_HEADERS = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host', 'content-length']);

export const httpProxy: Integration = {
  proxy: true,
  request(ctx, integration) {
    const request = ctx.request!;
    const headers: Record<string, string> = {};
    const lower: Record<string, string[]> = {};
    for (const [name, values] of Object.entries(request.multiValueHeaders)) {
      (lower[name.toLowerCase()] ??= []).push(...values);
      if (!HOP_HEADERS.has(name.toLowerCase())) headers[name] = values.join(', ');
    }
    const mapped = mapRequestParameters(integration.requestParameters, {
      path: { ...ctx.pathParameters },
      querystring: request.multiValueQuery,
      header: lower,
      body: '',
      stageVariables: ctx.stageVariables,
      context: integration.requestParameters && Object.values(integration.requestParameters).some((e) => e.startsWith('context.')) ? templateContext(ctx) : {},
    });
    Object.assign(headers, mapped.header);
    const uri = integration.uriHasStageVariables ? renderStageVariables(integration.uri, ctx.stageVariables) : integration.uri;
    ctx.integrationRequest = {
      uri: renderUriPath(uri, mapped.path),
      httpMethod: integration.httpMethod === 'ANY' ? request.httpMethod : integration.httpMethod,
      headers,
      query: { ...request.multiValueQuery, ...mapped.querystring },
      body: request.body,
    };
  },
  async invoke(ctx, integration) {
    await sendIntegrationRequest(ctx, integration.timeoutMs);
    const response = ctx.endpointResponse!;
    const headers: Record<string, string | string[]> = {};
    for (const [name, values] of Object.entries(response.headers)) if (!HOP_HEADERS.has(name)) headers[name] = values.length === 1 ? values[0] : values;
    response.headers = headers;
  },
};
