// MOCK: no backend. The request template's output names the status (`{"statusCode": 200}`); the
// integration responses and their templates make the answer.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-mock-integration.html
import type { CompiledIntegration } from '../compile-method.js';
import { ApiConfigurationError, MESSAGES } from '../gateway-responses.js';
import type { Integration } from './integration.js';
import { mapIntegrationRequest } from './request-mapping.js';

const EMPTY: Buffer = Buffer.alloc(0);

/**
 * The last request body each MOCK integration parsed, and its status: a MOCK's template almost
 * always renders the same text, so equal bytes (one memcmp) skip decoding and JSON.parse.
 */
const lastParsed = new WeakMap<CompiledIntegration, { body: Buffer; status: number | undefined }>();

function statusCodeFor(integration: CompiledIntegration, body: Buffer): number | undefined {
  const last = lastParsed.get(integration);
  if (last && last.body.equals(body)) return last.status;
  const status = statusCodeOf(body);
  lastParsed.set(integration, { body: Buffer.from(body), status });
  return status;
}

function statusCodeOf(body: Buffer): number | undefined {
  try {
    const doc = JSON.parse(body.toString('utf8')) as { statusCode?: unknown };
    const s = doc?.statusCode;
    return typeof s === 'number' && Number.isInteger(s) ? s : undefined;
  } catch {
    return undefined;
  }
}

export const mock: Integration = {
  proxy: false,
  request(ctx, integration) {
    ctx.integrationRequest = mapIntegrationRequest(ctx, integration, '');
  },
  invoke(ctx, integration) {
    const statusCode = statusCodeFor(integration, ctx.integrationRequest!.body);
    if (statusCode === undefined) {
      throw new ApiConfigurationError(MESSAGES.internal, {
        logLines: ['Execution failed due to configuration error: Unable to parse statusCode. It should be an integer that is defined in the request template.'],
      });
    }
    ctx.integrationStatus = statusCode;
    ctx.endpointResponse = { statusCode, headers: {}, body: EMPTY };
  },
};
