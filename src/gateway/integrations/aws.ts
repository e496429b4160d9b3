// AWS (non-proxy) integrations, for Lambda: the request template's output (or the body, `{}`
// when empty) is the function's payload; its result is the endpoint body, and a function error's
// `errorMessage` is what integration responses' selection patterns match (reference §4, LS
// test_lambda_selection_patterns). Other AWS services are not supported: a clear 500.
import { ApiConfigurationError, MESSAGES } from '../gateway-responses.js';
import type { Integration } from './integration.js';
import { callLambda, functionErrorMessage } from './lambda-call.js';
import { mapIntegrationRequest } from './request-mapping.js';

export const aws: Integration = {
  proxy: false,
  request(ctx, integration) {
    if (!integration.lambdaFunctionArn) {
      throw new ApiConfigurationError(MESSAGES.internal, {
        logLines: [`Execution failed due to configuration error: Kanaria runs AWS integrations with Lambda only, not ${integration.uri}`],
      });
    }
    ctx.integrationRequest = mapIntegrationRequest(ctx, integration, integration.uri);
  },
  async invoke(ctx, integration) {
    const body = ctx.integrationRequest!.body;
    const result = await callLambda(ctx, integration, body.length > 0 ? body : Buffer.from('{}'));
    ctx.integrationStatus = result.statusCode;
    if (ctx.settings?.dataTrace) ctx.log('INFO', () => `Endpoint response body before transformations: ${result.payload.toString('utf8')}`);
    ctx.endpointResponse = {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: result.payload,
      errorMessage: result.functionError ? functionErrorMessage(result) : undefined,
    };
    if (result.functionError) ctx.integrationError = ctx.endpointResponse.errorMessage;
  },
};
