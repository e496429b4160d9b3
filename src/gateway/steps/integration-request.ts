// integrationRequest: the integration type's own request building (integrations/*.ts): the proxy
// event, or templates and parameter mapping; stage variables rendered into the URI.
import type { InvocationContext } from '../context.js';
import { ApiConfigurationError, MESSAGES } from '../gateway-responses.js';
import { INTEGRATIONS } from '../integrations/table.js';

export function integrationRequest(ctx: InvocationContext): void {
  const integration = ctx.method!.integration;
  if (!integration) throw new ApiConfigurationError(MESSAGES.internal, { logLines: ['Execution failed due to configuration error: No integration defined for method'] });
  INTEGRATIONS[integration.type].request(ctx, integration);
}
