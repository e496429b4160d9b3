// The integration request of the non-proxy types (MOCK, HTTP, AWS): the request template chosen
// by Content-Type (or the passthrough behaviour when there is none), parameter mapping, the
// template's `$context.requestOverride`, and the URI with stage variables and path parameters.
import type { InvocationContext, IntegrationRequest } from '../context.js';
import { templateContext } from '../context-variables.js';
import type { CompiledIntegration } from '../compile-method.js';
import { ApiConfigurationError, MESSAGES, UnsupportedMediaType } from '../gateway-responses.js';
import { renderStageVariables } from '../stage-variables.js';
import { requestTemplateFor, TemplateError, type InputParams, type TemplateVariables } from '../templates/vtl.js';
import { mapRequestParameters, renderUriPath, type RequestSources } from './parameters.js';

const lastOf = (multi: Record<string, string[]>): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(multi)) out[k] = v[v.length - 1];
  return out;
};

/** `$input.params()` of the method request: path, querystring and header maps (last values). */
export function inputParams(ctx: InvocationContext): InputParams {
  const request = ctx.request!;
  return { path: { ...ctx.pathParameters }, querystring: lastOf(request.multiValueQuery), header: lastOf(request.multiValueHeaders) };
}

export function templateVariables(ctx: InvocationContext, body: string, context: Record<string, unknown> | undefined): TemplateVariables {
  let params: InputParams | undefined;
  return { body, params: () => (params ??= inputParams(ctx)), context, stageVariables: ctx.stageVariables };
}

/** Whether `map` has any key (without building a key array: this runs on every request). */
export function hasKeys(map: Readonly<Record<string, unknown>>): boolean {
  for (const _ in map) return true;
  return false;
}

/** Whether parameter mappings read `context.*` (decided per request from the compiled map; cheap). */
const readsContext = (mapping: Readonly<Record<string, string>>) => Object.values(mapping).some((e) => e.startsWith('context.'));

function lowerHeaders(multi: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(multi)) (out[k.toLowerCase()] ??= []).push(...v);
  return out;
}

export const transformFailed = () =>
  new ApiConfigurationError(MESSAGES.internal, { logLines: ['Execution failed due to configuration error: Unable to transform request'] });

/** Builds `ctx.integrationRequest` for a non-proxy integration whose (unrendered) URI is `uri`. */
export function mapIntegrationRequest(ctx: InvocationContext, integration: CompiledIntegration, uri: string): IntegrationRequest {
  const request = ctx.request!;
  const contentType = ctx.req.headers['content-type'];
  const chosen = requestTemplateFor(integration.requestTemplates, contentType);
  const hasParameters = hasKeys(integration.requestParameters);
  const context = chosen?.template.usesContext || (hasParameters && readsContext(integration.requestParameters)) ? templateContext(ctx) : undefined;
  let body: Buffer = request.body;
  if (chosen) {
    try {
      const { template } = chosen;
      body = Buffer.from(template.constant ?? template.render(templateVariables(ctx, request.body.toString('utf8'), context)), 'utf8');
    } catch (err) {
      if (err instanceof TemplateError) throw transformFailed();
      throw err;
    }
  } else if (integration.passthroughBehavior === 'NEVER' || (integration.passthroughBehavior === 'WHEN_NO_TEMPLATES' && integration.requestTemplates.size > 0)) {
    throw new UnsupportedMediaType(MESSAGES.unsupportedMediaType);
  }

  const mapped = hasParameters
    ? mapRequestParameters(integration.requestParameters, {
        path: { ...ctx.pathParameters },
        querystring: request.multiValueQuery,
        header: lowerHeaders(request.multiValueHeaders),
        body: request.body.toString('utf8'),
        stageVariables: ctx.stageVariables,
        context: context ?? {},
      })
    : { header: {}, querystring: {}, path: {} };
  if (context) {
    const override = context.requestOverride as { header: Record<string, unknown>; querystring: Record<string, unknown>; path: Record<string, unknown> };
    for (const [k, v] of Object.entries(override.header)) mapped.header[k] = String(v);
    for (const [k, v] of Object.entries(override.querystring)) mapped.querystring[k] = [String(v)];
    for (const [k, v] of Object.entries(override.path)) mapped.path[k] = String(v);
  }

  const withVariables = integration.uriHasStageVariables ? renderStageVariables(uri, ctx.stageVariables) : uri;
  const headers: Record<string, string> = chosen ? { 'Content-Type': chosen.mediaType } : contentType ? { 'Content-Type': contentType } : {};
  return {
    uri: withVariables.includes('{') ? renderUriPath(withVariables, mapped.path) : withVariables,
    httpMethod: integration.httpMethod === 'ANY' ? request.httpMethod : integration.httpMethod,
    headers: Object.assign(headers, mapped.header),
    query: mapped.querystring,
    body,
  };
}

/** `?a=1&a=2` from a multi-value map (values encoded as a form would). */
export function queryString(query: Record<string, string[]>): string {
  const parts: string[] = [];
  for (const [k, values] of Object.entries(query)) for (const v of values) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return parts.length ? `?${parts.join('&')}` : '';
}
