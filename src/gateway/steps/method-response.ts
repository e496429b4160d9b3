// methodResponse: the answer must be one the method declares (non-proxy integrations: an
// undeclared status is a configuration error, AWS's "Output mapping refers to an invalid method
// response"); the Content-Type defaults to application/json.
import type { InvocationContext } from '../context.js';
import { ApiConfigurationError, MESSAGES } from '../gateway-responses.js';
import { headerKey } from '../header-names.js';
import { INTEGRATIONS } from '../integrations/table.js';

export function methodResponse(ctx: InvocationContext): void {
  const method = ctx.method!;
  const response = ctx.response!;
  if (!INTEGRATIONS[method.integration!.type].proxy && !method.methodResponses.has(String(response.statusCode))) {
    throw new ApiConfigurationError(MESSAGES.internal, {
      logLines: [`Execution failed due to configuration error: Output mapping refers to an invalid method response: ${response.statusCode}`],
    });
  }
  if (headerKey(response.headers, 'content-type') === undefined) response.headers['Content-Type'] = 'application/json';
  if (ctx.settings?.dataTrace) ctx.log('INFO', () => `Method response body after transformations: ${response.body.toString()}`);
  ctx.log('INFO', () => `Method response headers: ${JSON.stringify(response.headers)}`);
  ctx.log('INFO', 'Successfully completed execution');
}
