// `$context` of an invocation, in the three shapes AWS exposes it: the Lambda proxy event's
// `requestContext` (keys as recorded from AWS, reference §4.1), the `$context` of mapping
// templates, and the `$context.*` names of access log formats. Computed from the context only
// when something asks (no cost on a request that needs none of them).
import type { InvocationContext } from './context.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** CLF time as in `requestTime`: `09/Apr/2015:12:34:56 +0000`. */
export function clfTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** The last value of a header, by name in any case. */
export function headerValue(ctx: InvocationContext, name: string): string | undefined {
  const v = ctx.req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[v.length - 1] : v;
}

/** `requestContext.identity`: what API Gateway knows of an unauthenticated caller (keys in AWS's order). */
export interface Identity {
  accessKey: null;
  accountId: null;
  caller: null;
  cognitoAuthenticationProvider: null;
  cognitoAuthenticationType: null;
  cognitoIdentityId: null;
  cognitoIdentityPoolId: null;
  principalOrgId: null;
  sourceIp: string;
  user: null;
  userAgent: string | null;
  userArn: null;
}

/** The proxy event's `requestContext`, keys in AWS's order. */
export interface RequestContext {
  accountId: string;
  apiId: string;
  deploymentId: string;
  domainName: string;
  domainPrefix: string;
  extendedRequestId: string;
  httpMethod: string;
  identity: Identity;
  path: string;
  protocol: string;
  requestId: string;
  requestTime: string;
  requestTimeEpoch: number;
  resourceId: string;
  resourcePath: string;
  stage: string;
}

function identity(ctx: InvocationContext): Identity {
  return {
    accessKey: null,
    accountId: null,
    caller: null,
    cognitoAuthenticationProvider: null,
    cognitoAuthenticationType: null,
    cognitoIdentityId: null,
    cognitoIdentityPoolId: null,
    principalOrgId: null,
    sourceIp: ctx.request?.sourceIp ?? '',
    user: null,
    userAgent: headerValue(ctx, 'user-agent') ?? null,
    userArn: null,
  };
}

/** `path` with the stage prefix, as `requestContext.path` shows it (`/{stage}/…`). */
export function stagePath(ctx: InvocationContext): string {
  return `/${ctx.target.stageName}${ctx.target.path}`;
}

export function requestContext(ctx: InvocationContext): RequestContext {
  const host = ctx.request?.host ?? '';
  return {
    accountId: ctx.stage?.scope.accountId ?? '',
    apiId: ctx.target.apiId,
    deploymentId: ctx.deployment?.deploymentId ?? '',
    domainName: host,
    domainPrefix: host.split('.')[0].split(':')[0],
    extendedRequestId: ctx.extendedRequestId,
    httpMethod: ctx.request?.httpMethod ?? ctx.req.method ?? '',
    identity: identity(ctx),
    path: stagePath(ctx),
    protocol: `HTTP/${ctx.req.httpVersion}`,
    requestId: ctx.requestId,
    requestTime: clfTime(ctx.requestTimeEpoch),
    requestTimeEpoch: ctx.requestTimeEpoch,
    resourceId: ctx.method?.resourceId ?? '',
    resourcePath: ctx.method?.resourcePath ?? '',
    stage: ctx.target.stageName,
  };
}

/**
 * `$context` for a mapping template: the request context plus `isCanaryRequest` (rendered
 * `true`/`false`, AWS-recorded in the canary snapshot) and empty override slots the template
 * may fill (`$context.responseOverride.status`, `….header.X`, `$context.requestOverride.*`).
 */
export function templateContext(ctx: InvocationContext): Record<string, unknown> {
  return {
    ...requestContext(ctx),
    isCanaryRequest: ctx.variant === 'canary',
    error: errorVariables(ctx),
    requestOverride: { header: {}, querystring: {}, path: {} },
    responseOverride: { header: {}, status: undefined },
  };
}

function errorVariables(ctx: InvocationContext) {
  const message = ctx.error?.message;
  return {
    message: message ?? '',
    messageString: message === undefined ? '' : JSON.stringify(message),
    responseType: ctx.error?.type ?? '',
  };
}

/**
 * The value of an access log variable (`$context.status` → `status`), or undefined (rendered
 * `-`). Latencies are whole milliseconds; integrationLatency is -1 when no integration answered.
 */
export function accessLogVariable(ctx: InvocationContext, name: string): string | number | boolean | undefined {
  switch (name) {
    case 'requestId': return ctx.requestId;
    case 'extendedRequestId': return ctx.extendedRequestId;
    case 'apiId': return ctx.target.apiId;
    case 'stage': return ctx.target.stageName;
    case 'status': return ctx.response?.statusCode;
    case 'httpMethod': return ctx.request?.httpMethod ?? ctx.req.method;
    case 'resourcePath': return ctx.method?.resourcePath;
    case 'resourceId': return ctx.method?.resourceId;
    case 'path': return stagePath(ctx);
    case 'protocol': return `HTTP/${ctx.req.httpVersion}`;
    case 'requestTime': return clfTime(ctx.requestTimeEpoch);
    case 'requestTimeEpoch': return ctx.requestTimeEpoch;
    case 'accountId': return ctx.stage?.scope.accountId;
    case 'deploymentId': return ctx.deployment?.deploymentId;
    case 'domainName': return ctx.request?.host;
    case 'domainPrefix': return ctx.request?.host.split('.')[0].split(':')[0];
    case 'isCanaryRequest': return ctx.stage ? ctx.variant === 'canary' : undefined;
    case 'identity.sourceIp': return ctx.request?.sourceIp;
    case 'identity.userAgent': return headerValue(ctx, 'user-agent');
    case 'integrationLatency':
    case 'integration.latency': return ctx.method ? Math.round(ctx.integrationLatency) : undefined;
    case 'integrationStatus':
    case 'integration.status': return ctx.integrationStatus;
    case 'integration.integrationStatus': return ctx.integrationStatus;
    case 'integration.error': return ctx.integrationError;
    case 'responseLatency': return ctx.responseLatency < 0 ? undefined : Math.round(ctx.responseLatency);
    case 'responseLength': return ctx.response ? Buffer.byteLength(ctx.response.body) : undefined;
    case 'error.message': return ctx.error?.message;
    case 'error.messageString': return ctx.error ? JSON.stringify(ctx.error.message) : undefined;
    case 'error.responseType': return ctx.error?.type;
    default: return undefined;
  }
}
