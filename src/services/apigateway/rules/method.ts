// What PutMethod/UpdateMethod and the method-response operations accept, and their patch paths
// [AWS-recorded] test_apigateway_api.snapshot.json (TestApiGatewayApiMethod, …MethodResponse). Pure.
import type { Method, MethodResponse, PatchOperation } from '../../../aws/generated/apigateway.js';
import { badRequest, MESSAGES, notFound } from '../errors.js';
import { applyPatch, PLAIN_STYLE, setMapEntry, type PatchRule } from './patch.js';

export const HTTP_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'ANY'];
export const AUTHORIZATION_TYPES = ['NONE', 'AWS_IAM', 'CUSTOM', 'COGNITO_USER_POOLS'];
/** The two models every API has; Kanaria implements no CreateModel, so these are all there is. */
export const DEFAULT_MODELS = ['Empty', 'Error'];

export function checkHttpMethod(httpMethod: string): void {
  if (!HTTP_METHODS.includes(httpMethod)) throw badRequest(MESSAGES.httpMethod);
}

/**
 * CUSTOM and COGNITO_USER_POOLS need an authorizer, and Kanaria implements no authorizers, so
 * they are refused as AWS refuses a missing one. Other unknown types: Kanaria's text.
 */
export function checkAuthorization(authorizationType: string, authorizerId?: string): void {
  if (authorizationType === 'CUSTOM' || authorizationType === 'COGNITO_USER_POOLS' || authorizerId) throw badRequest(MESSAGES.authorizer);
  if (!AUTHORIZATION_TYPES.includes(authorizationType)) {
    throw badRequest(`Invalid authorization type specified: ${authorizationType}. Valid values are ${AUTHORIZATION_TYPES.join(', ')}`);
  }
}

export function checkModels(models: Record<string, string> | undefined): void {
  for (const name of Object.values(models ?? {})) if (!DEFAULT_MODELS.includes(name)) throw badRequest(MESSAGES.model(name));
}

/** `method.request.{location}.{name}`: a name may appear in one location only. */
export function checkRequestParameters(parameters: Record<string, unknown> | undefined): void {
  const seen = new Set<string>();
  for (const key of Object.keys(parameters ?? {})) {
    const name = key.split('.').slice(3).join('.');
    if (seen.has(name)) throw badRequest(MESSAGES.uniqueParameters);
    seen.add(name);
  }
}

const isTrue = (op: PatchOperation) => (op.value ?? '').toLowerCase() === 'true';

export const METHOD_PATCH: PatchRule<Method>[] = [
  {
    path: '/authorizationType',
    ops: ['replace'],
    apply: (m, op) => {
      checkAuthorization(op.value ?? '');
      m.authorizationType = op.value;
    },
  },
  { path: '/authorizerId', ops: ['replace'], apply: () => checkAuthorization('CUSTOM', 'none') },
  // A value other than "true" reads as false [AWS-recorded] (`wrong-value-type`).
  { path: '/apiKeyRequired', ops: ['replace'], apply: (m, op) => void (m.apiKeyRequired = isTrue(op)) },
  {
    path: '/operationName',
    ops: ['replace'],
    apply: (m, op) => {
      if (op.value) m.operationName = op.value;
      else delete m.operationName;
    },
  },
  {
    path: '/requestValidatorId',
    ops: ['replace'],
    apply: (m, op) => {
      if (op.value) throw badRequest(MESSAGES.requestValidator);
      delete m.requestValidatorId;
    },
  },
  {
    path: '/requestParameters/*',
    ops: ['add', 'replace', 'remove'],
    apply: (m, op, [name]) => {
      setMapEntry(m, 'requestParameters', name, op.op === 'remove' ? undefined : isTrue(op));
      checkRequestParameters(m.requestParameters);
    },
  },
  {
    path: '/requestModels/*',
    ops: ['add', 'replace', 'remove'],
    apply: (m, op, [contentType]) => {
      if (op.op !== 'remove') checkModels({ [contentType]: op.value ?? '' });
      setMapEntry(m, 'requestModels', contentType, op.op === 'remove' ? undefined : op.value);
    },
  },
  {
    path: '/authorizationScopes/*',
    ops: ['add', 'remove'],
    apply: (m, op, [scope]) => {
      const scopes = (m.authorizationScopes ?? []).filter((s) => s !== scope);
      if (op.op === 'add') scopes.push(scope);
      if (scopes.length > 0) m.authorizationScopes = scopes;
      else delete m.authorizationScopes;
    },
  },
];

/** A map entry of a method response; changing or removing a missing one is a 404 [AWS-recorded]. */
const responseEntry = (member: 'responseParameters' | 'responseModels', missing: string): PatchRule<MethodResponse> => ({
  path: `/${member}/*`,
  ops: ['add', 'replace', 'remove'],
  apply: (response, op, [key]) => {
    if (op.op !== 'add' && (response[member] as Record<string, unknown> | undefined)?.[key] === undefined) throw notFound(missing);
    if (member === 'responseModels' && op.op !== 'remove') checkModels({ [key]: op.value ?? '' });
    setMapEntry(response, member, key, op.op === 'remove' ? undefined : member === 'responseParameters' ? isTrue(op) : op.value);
  },
});

export const METHOD_RESPONSE_PATCH: PatchRule<MethodResponse>[] = [
  responseEntry('responseParameters', MESSAGES.parameterName),
  responseEntry('responseModels', MESSAGES.contentType),
];

export const patchMethod = (method: Method, ops: PatchOperation[] | undefined) => applyPatch(method, ops, METHOD_PATCH, PLAIN_STYLE);
export const patchMethodResponse = (response: MethodResponse, ops: PatchOperation[] | undefined) =>
  applyPatch(response, ops, METHOD_RESPONSE_PATCH, PLAIN_STYLE);
