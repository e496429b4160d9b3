// HTTP (non-proxy): the request template and parameter mapping shape what is sent to the URI
// (stage variables rendered per request); integration responses shape the answer.
import type { InvocationContext } from '../context.js';
import { IntegrationFailure, IntegrationTimeout, MESSAGES } from '../gateway-responses.js';
import { HttpClientError } from './http-client.js';
import type { Integration } from './integration.js';
import { mapIntegrationRequest, queryString } from './request-mapping.js';

/** Sends `ctx.integrationRequest` and records the endpoint response; network failures become gateway errors. */
export async function sendIntegrationRequest(ctx: InvocationContext, timeoutMs: number): Promise<void> {
  const r = ctx.integrationRequest!;
  const url = r.uri + queryString(r.query);
  ctx.log('INFO', `Endpoint request URI: ${url}`);
  ctx.log('INFO', () => `Endpoint request headers: ${JSON.stringify(r.headers)}`);
  if (ctx.settings?.dataTrace) ctx.log('INFO', () => `Endpoint request body after transformations: ${r.body.toString('utf8')}`);
  ctx.log('INFO', `Sending request to ${url}`);
  try {
    const response = await ctx.services.http.send({ method: r.httpMethod, url, headers: r.headers, body: r.body, timeoutMs });
    ctx.integrationStatus = response.status;
    ctx.endpointResponse = { statusCode: response.status, headers: response.headers, body: response.body };
  } catch (err) {
    if (!(err instanceof HttpClientError)) throw err;
    ctx.integrationError = err.message;
    if (err.reason === 'timeout') throw new IntegrationTimeout(MESSAGES.timeout, { logLines: ['Execution failed due to a timeout error'] });
    throw new IntegrationFailure(MESSAGES.internal, { logLines: [`Execution failed due to configuration error: ${err.message}`] });
  }
}

export const httpIntegration: Integration = {
  proxy: false,
  request(ctx, integration) {
    ctx.integrationRequest = mapIntegrationRequest(ctx, integration, integration.uri);
  },
  invoke: (ctx, integration) => sendIntegrationRequest(ctx, integration.timeoutMs),
};
