// What a deployed method becomes in a route table: its integration analysed once (mapping
// templates parsed, selection patterns compiled, the Lambda function ARN located in the URI), so
// a request only renders and matches. Reads the snapshot shapes of the control plane; writes none.
import type { Integration, IntegrationResponse, Method, Resource } from '../aws/generated/apigateway.js';
import { hasStageVariables } from './stage-variables.js';
import { brokenTemplate, compileTemplate, TemplateError, type CompiledTemplate } from './templates/vtl.js';

export type IntegrationType = 'AWS' | 'AWS_PROXY' | 'HTTP' | 'HTTP_PROXY' | 'MOCK';

export interface CompiledIntegrationResponse {
  statusCode: string;
  /** Matched against the whole status code (or Lambda errorMessage); null for the default response. */
  pattern: RegExp | null;
  responseParameters: Readonly<Record<string, string>>;
  responseTemplates: ReadonlyMap<string, CompiledTemplate>;
  contentHandling: string | undefined;
}

export interface CompiledIntegration {
  type: IntegrationType;
  /** The integration's HTTP method (POST for Lambda); `ANY` forwards the request's method. */
  httpMethod: string;
  uri: string;
  /** The URI holds `${stageVariables.x}` and must be rendered per request. */
  uriHasStageVariables: boolean;
  /** For Lambda URIs (`…:lambda:path/2015-03-31/functions/{functionArn}/invocations`): the function ARN part. */
  lambdaFunctionArn: string | undefined;
  timeoutMs: number;
  passthroughBehavior: 'WHEN_NO_MATCH' | 'WHEN_NO_TEMPLATES' | 'NEVER';
  requestTemplates: ReadonlyMap<string, CompiledTemplate>;
  requestParameters: Readonly<Record<string, string>>;
  /** Responses with a selection pattern first (in configured order), then the default one. */
  integrationResponses: readonly CompiledIntegrationResponse[];
  contentHandling: string | undefined;
}

export interface CompiledMethod {
  /** As configured on the resource (`GET`, `ANY`, …). */
  httpMethod: string;
  resourceId: string;
  resourcePath: string;
  authorizationType: string;
  apiKeyRequired: boolean;
  /** The `methodSettings` key of this method, normalised (see stage-settings.ts). */
  settingsKey: string;
  integration: CompiledIntegration | null;
  /** Method responses by status code, with the headers they declare. */
  methodResponses: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Default and maximum integration timeout (api-gateway-execution-service-limits-table). */
export const DEFAULT_TIMEOUT_MS = 29_000;

const LAMBDA_URI = /^arn:[^:]+:apigateway:[^:]*:lambda:path\/[^/]+\/functions\/(.+)\/invocations$/;

export function lambdaFunctionArnOf(uri: string | undefined): string | undefined {
  return uri ? LAMBDA_URI.exec(uri)?.[1] : undefined;
}

/** Settings keys: `resource/path/METHOD` without leading slashes, `~1` read as `/` (API_PatchOperation). */
export function normalizeSettingsKey(key: string): string {
  return key.replace(/~1/g, '/').replace(/^\/+/, '');
}

function templates(map: Record<string, string> | undefined): Map<string, CompiledTemplate> {
  const out = new Map<string, CompiledTemplate>();
  for (const [mediaType, source] of Object.entries(map ?? {})) {
    if (typeof source !== 'string') continue;
    try {
      out.set(mediaType.toLowerCase(), compileTemplate(source));
    } catch (err) {
      out.set(mediaType.toLowerCase(), brokenTemplate(source, err as TemplateError));
    }
  }
  return out;
}

/** A selection pattern must match the whole value (Java `String.matches`); a bad regex matches nothing. */
function selectionPattern(source: string | undefined): RegExp | null {
  if (source === undefined || source === '') return null;
  try {
    return new RegExp(`^(?:${source})$`, 's');
  } catch {
    return /(?!)/;
  }
}

function integrationResponses(map: Record<string, IntegrationResponse> | undefined): CompiledIntegrationResponse[] {
  const compiled = Object.entries(map ?? {}).map(([status, r]) => ({
    statusCode: r.statusCode ?? status,
    pattern: selectionPattern(r.selectionPattern),
    responseParameters: { ...r.responseParameters },
    responseTemplates: templates(r.responseTemplates),
    contentHandling: r.contentHandling,
  }));
  return [...compiled.filter((r) => r.pattern), ...compiled.filter((r) => !r.pattern)];
}

export function compileIntegration(i: Integration): CompiledIntegration {
  const uri = i.uri ?? '';
  const timeout = i.timeoutInMillis;
  const passthrough = i.passthroughBehavior?.toUpperCase();
  return {
    type: (i.type ?? 'MOCK') as IntegrationType,
    httpMethod: (i.httpMethod ?? 'POST').toUpperCase(),
    uri,
    uriHasStageVariables: hasStageVariables(uri),
    lambdaFunctionArn: lambdaFunctionArnOf(uri),
    timeoutMs: typeof timeout === 'number' && timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS,
    passthroughBehavior: passthrough === 'NEVER' || passthrough === 'WHEN_NO_TEMPLATES' ? passthrough : 'WHEN_NO_MATCH',
    requestTemplates: templates(i.requestTemplates),
    requestParameters: { ...i.requestParameters },
    integrationResponses: integrationResponses(i.integrationResponses),
    contentHandling: i.contentHandling,
  };
}

export function compileMethod(resource: Resource, httpMethod: string, method: Method): CompiledMethod {
  const resourcePath = resource.path ?? '/';
  const methodResponses = new Map<string, Set<string>>();
  for (const [status, r] of Object.entries(method.methodResponses ?? {})) {
    const headers = new Set<string>();
    for (const key of Object.keys(r.responseParameters ?? {})) if (key.startsWith('method.response.header.')) headers.add(key.slice(23));
    methodResponses.set(r.statusCode ?? status, headers);
  }
  return {
    httpMethod: (method.httpMethod ?? httpMethod).toUpperCase(),
    resourceId: resource.id ?? '',
    resourcePath,
    authorizationType: method.authorizationType ?? 'NONE',
    apiKeyRequired: method.apiKeyRequired === true,
    settingsKey: normalizeSettingsKey(`${resourcePath}/${httpMethod.toUpperCase()}`),
    integration: method.methodIntegration ? compileIntegration(method.methodIntegration) : null,
    methodResponses,
  };
}
