// integrationResponse: for proxy integrations the endpoint's answer as is; otherwise the
// integration response chosen by the status code (or a Lambda `errorMessage`) against the
// selection patterns, else the default one, with its header mappings and response template
// (chosen by Accept), and any `$context.responseOverride` the template wrote.
import type { CompiledIntegrationResponse } from '../compile-method.js';
import type { InvocationContext } from '../context.js';
import { templateContext } from '../context-variables.js';
import { ApiConfigurationError, MESSAGES } from '../gateway-responses.js';
import { headerKey } from '../header-names.js';
import { INTEGRATIONS } from '../integrations/table.js';
import { mapResponseParameters } from '../integrations/parameters.js';
import { hasKeys, templateVariables } from '../integrations/request-mapping.js';
import { responseTemplateFor, TemplateError } from '../templates/vtl.js';

export function selectIntegrationResponse(responses: readonly CompiledIntegrationResponse[], selectionValue: string): CompiledIntegrationResponse | undefined {
  for (const r of responses) if (r.pattern && r.pattern.test(selectionValue)) return r;
  return responses.find((r) => !r.pattern);
}

function lowerMulti(headers: Record<string, string | string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers)) (out[k.toLowerCase()] ??= []).push(...(Array.isArray(v) ? v : [v]));
  return out;
}

export function integrationResponse(ctx: InvocationContext): void {
  const integration = ctx.method!.integration!;
  const endpoint = ctx.endpointResponse!;
  if (INTEGRATIONS[integration.type].proxy) {
    ctx.response = { statusCode: endpoint.statusCode, headers: endpoint.headers, body: endpoint.body };
    return;
  }
  const selectionValue = endpoint.errorMessage ?? String(endpoint.statusCode);
  const chosen = selectIntegrationResponse(integration.integrationResponses, selectionValue);
  if (!chosen) {
    throw new ApiConfigurationError(MESSAGES.internal, {
      logLines: [`Execution failed due to configuration error: No match for output mapping and no default output mapping configured. Endpoint Response Status Code: ${endpoint.statusCode}`],
    });
  }
  const template = responseTemplateFor(chosen.responseTemplates, ctx.req.headers.accept);
  const hasParameters = hasKeys(chosen.responseParameters);
  const context = template?.template.usesContext || (hasParameters && Object.values(chosen.responseParameters).some((e) => e.startsWith('context.'))) ? templateContext(ctx) : undefined;
  const bodyText = (template && template.template.constant === undefined) || hasParameters ? endpoint.body.toString('utf8') : '';
  const headers: Record<string, string | string[]> = hasParameters
    ? mapResponseParameters(chosen.responseParameters, { header: lowerMulti(endpoint.headers), body: bodyText, stageVariables: ctx.stageVariables, context: context ?? {} })
    : {};
  let body: Buffer | string = endpoint.body;
  if (template) {
    try {
      body = template.template.constant ?? template.template.render(templateVariables(ctx, bodyText, context));
    } catch (err) {
      if (!(err instanceof TemplateError)) throw err;
      throw new ApiConfigurationError(MESSAGES.internal, { logLines: ['Execution failed due to configuration error: Unable to transform response'] });
    }
    if (headerKey(headers, 'content-type') === undefined) headers['Content-Type'] = template.mediaType;
  }
  let statusCode = Number(chosen.statusCode);
  if (context) {
    const override = context.responseOverride as { status?: unknown; header: Record<string, unknown> };
    const status = Number(override.status);
    // AWS ignores an override that is not a status code.
    if (override.status !== undefined && Number.isInteger(status) && status >= 100 && status <= 599) statusCode = status;
    for (const [k, v] of Object.entries(override.header)) headers[k] = String(v);
  }
  ctx.response = { statusCode, headers, body };
}
