// The Lambda proxy event (payload format 1.0) of an AWS_PROXY integration, key for key as AWS
// sends it (reference §4.1, recorded in localstack's test_apigateway_lambda.snapshot.json):
// `path` without the stage, `requestContext.path` with it, null where there is nothing to report.
import type { InvocationContext } from '../context.js';
import { requestContext } from '../context-variables.js';

/** True when `contentType` is one of the API's `binaryMediaTypes` (`image/*` and `*\/*` wildcards allowed). */
export function isBinaryMediaType(contentType: string | undefined, binaryMediaTypes: readonly string[]): boolean {
  if (!contentType || binaryMediaTypes.length === 0) return false;
  const type = contentType.split(';')[0].trim().toLowerCase();
  const [major] = type.split('/');
  return binaryMediaTypes.some((b) => {
    const t = b.toLowerCase();
    return t === type || t === '*/*' || t === `${major}/*`;
  });
}

/** API Gateway's CloudFront front capitalises these two (localstack `_format_headers`); it drops hop headers. */
const CAPITALISED: Record<string, string> = { authorization: 'Authorization', 'user-agent': 'User-Agent' };
const DROPPED = new Set(['content-length', 'connection']);

/** `headers` (last value) and `multiValueHeaders` (all values), names as the client spelt them. */
export function eventHeaders(multiValueHeaders: Record<string, string[]>): { headers: Record<string, string> | null; multiValueHeaders: Record<string, string[]> | null } {
  const headers: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  let any = false;
  for (const [name, values] of Object.entries(multiValueHeaders)) {
    const lower = name.toLowerCase();
    if (DROPPED.has(lower)) continue;
    const key = CAPITALISED[lower] ?? name;
    headers[key] = values[values.length - 1];
    multi[key] = values;
    any = true;
  }
  return any ? { headers, multiValueHeaders: multi } : { headers: null, multiValueHeaders: null };
}

function lastValues(multi: Record<string, string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(multi)) out[k] = v[v.length - 1];
  return out;
}

export function buildProxyEvent(ctx: InvocationContext): Record<string, unknown> {
  const request = ctx.request!;
  const { headers, multiValueHeaders } = eventHeaders(request.multiValueHeaders);
  const hasQuery = Object.keys(request.multiValueQuery).length > 0;
  let body: string | null = null;
  let isBase64Encoded = false;
  if (request.body.length > 0) {
    const contentType = headers?.['Content-Type'] ?? headers?.['content-type'] ?? ctx.req.headers['content-type'];
    isBase64Encoded = isBinaryMediaType(contentType, ctx.stage!.binaryMediaTypes);
    body = request.body.toString(isBase64Encoded ? 'base64' : 'utf8');
  }
  return {
    resource: ctx.method!.resourcePath,
    path: request.path,
    httpMethod: request.httpMethod,
    headers,
    multiValueHeaders,
    queryStringParameters: hasQuery ? lastValues(request.multiValueQuery) : null,
    multiValueQueryStringParameters: hasQuery ? request.multiValueQuery : null,
    pathParameters: ctx.pathParameters,
    stageVariables: ctx.stageVariables,
    requestContext: requestContext(ctx),
    body,
    isBase64Encoded,
  };
}
