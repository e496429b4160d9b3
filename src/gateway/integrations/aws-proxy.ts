// AWS_PROXY (Lambda proxy): the request becomes a payload 1.0 event (proxy-event.ts); the
// function's answer is validated (proxy-response.ts) and sent as is. A function error or a
// malformed answer is a 502 with AWS's log lines (reference §4.3).
import { Default5xx, MESSAGES, ApiConfigurationError } from '../gateway-responses.js';
import { headerKey } from '../header-names.js';
import type { Integration } from './integration.js';
import { callLambda, functionErrorMessage } from './lambda-call.js';
import { buildProxyEvent, isBinaryMediaType, proxyEventText } from './proxy-event.js';
import { parseProxyResponse } from './proxy-response.js';

export const awsProxy: Integration = {
  proxy: true,
  request(ctx, integration) {
    if (integration.httpMethod !== 'POST') {
      // Lambda is only called with POST; AWS answers 500 otherwise (localstack
      // test_lambda_aws_proxy_integration_non_post_method, recorded: "Internal server error").
      throw new ApiConfigurationError(MESSAGES.internal, { logLines: ['Execution failed due to configuration error: Lambda proxy integrations must use the POST integration HTTP method'] });
    }
    ctx.proxyEvent = proxyEventText(buildProxyEvent(ctx));
  },
  async invoke(ctx, integration) {
    // The event is JSON.stringify's text: the invoker takes it as it is (no Buffer, no second parse).
    const result = await callLambda(ctx, integration, ctx.proxyEvent!);
    ctx.integrationStatus = result.statusCode;
    if (ctx.settings?.dataTrace) ctx.log('INFO', () => `Endpoint response body before transformations: ${result.payload.toString('utf8')}`);
    if (result.functionError) {
      ctx.integrationError = functionErrorMessage(result);
      throw new Default5xx(MESSAGES.internal, {
        status: 502,
        logLines: [`Lambda execution failed with status 200 due to customer function error: ${ctx.integrationError}. Lambda request id: ${result.requestId}`],
      });
    }
    const response = parseProxyResponse(result.payload);
    if (!response) {
      ctx.integrationError = 'Malformed Lambda proxy response';
      throw new Default5xx(MESSAGES.internal, { status: 502, logLines: ['Execution failed due to configuration error: Malformed Lambda proxy response'] });
    }
    const contentTypeKey = headerKey(response.headers, 'content-type');
    const contentType = contentTypeKey === undefined ? undefined : response.headers[contentTypeKey];
    const binaryTypes = ctx.stage!.binaryMediaTypes;
    // A base64 body is decoded only when its type (or what the client accepts) is binary for the API;
    // otherwise the base64 text goes out as it is (AWS-recorded, reference §4.2).
    const decode =
      response.isBase64Encoded &&
      (isBinaryMediaType(Array.isArray(contentType) ? contentType[0] : contentType, binaryTypes) || isBinaryMediaType(ctx.req.headers.accept, binaryTypes));
    ctx.endpointResponse = { statusCode: response.statusCode, headers: response.headers, body: Buffer.from(response.body, decode ? 'base64' : 'utf8') };
  },
};
