// An integration as PutIntegration stores it (AWS's defaults filled in) and the UpdateIntegration
// / UpdateIntegrationResponse patch paths. Pure; the uri rules are in integration-uri.ts.
import type { ContentHandlingStrategy, Integration, IntegrationResponse, PatchOperation, PutIntegrationRequest } from '../../../aws/generated/apigateway.js';
import { badRequest } from '../errors.js';
import { checkIntegration } from './integration-uri.js';
import { applyPatch, parseBooleanValue, parseNumberValue, PLAIN_STYLE, setMapEntry, type PatchRule } from './patch.js';

export const DEFAULT_TIMEOUT_MS = 29_000;
const CONTENT_HANDLING: ContentHandlingStrategy[] = ['CONVERT_TO_BINARY', 'CONVERT_TO_TEXT'];

/**
 * The integration PutIntegration answers: passthroughBehavior WHEN_NO_MATCH, timeoutInMillis
 * 29000, cacheNamespace = the resource id, cacheKeyParameters [] [AWS-recorded]
 * test_apigateway_api.snapshot.json (get-method, put-integration-vpc-link); connectionType
 * INTERNET for every type but MOCK (AWS CLI put-integration example in the developer guide; the
 * recorded MOCK integration has none). requestParameters/requestTemplates only when sent.
 */
export function newIntegration(input: PutIntegrationRequest, resourceId: string): Integration {
  const integration: Integration = {
    type: input.type,
    httpMethod: input.integrationHttpMethod,
    uri: input.uri,
    connectionType: input.connectionType ?? (input.type === 'MOCK' ? undefined : 'INTERNET'),
    connectionId: input.connectionId,
    credentials: input.credentials,
    requestParameters: input.requestParameters,
    requestTemplates: input.requestTemplates,
    passthroughBehavior: input.passthroughBehavior ?? 'WHEN_NO_MATCH',
    contentHandling: input.contentHandling,
    timeoutInMillis: input.timeoutInMillis ?? DEFAULT_TIMEOUT_MS,
    cacheNamespace: input.cacheNamespace ?? resourceId,
    cacheKeyParameters: input.cacheKeyParameters ?? [],
    tlsConfig: input.tlsConfig,
    responseTransferMode: input.responseTransferMode,
  };
  checkIntegration({ ...integration, type: input.type });
  return integration;
}

const scalar = (member: 'uri' | 'httpMethod' | 'credentials' | 'connectionId' | 'cacheNamespace' | 'passthroughBehavior'): PatchRule<Integration> => ({
  path: `/${member}`,
  ops: ['replace'],
  apply: (i, op) => {
    if (op.value) i[member] = op.value;
    else delete i[member];
  },
});

const contentHandling: PatchRule<{ contentHandling?: ContentHandlingStrategy }> = {
  path: '/contentHandling',
  ops: ['replace', 'remove'],
  apply: (target, op) => {
    if (op.op === 'remove' || !op.value) return void delete target.contentHandling;
    const value = CONTENT_HANDLING.find((c) => c === op.value);
    if (!value) throw badRequest(`Invalid content handling specified: ${op.value}. Valid values are ${CONTENT_HANDLING.join(', ')}`);
    target.contentHandling = value;
  },
};

/** `add` without a value is a passthrough template: AWS stores it as null (CLI update-integration example). */
const mapEntry = <T extends object>(member: string): PatchRule<T> => ({
  path: `/${member}/*`,
  ops: ['add', 'replace', 'remove'],
  apply: (target, op, [key]) => setMapEntry(target, member, key, op.op === 'remove' ? undefined : (op.value ?? null)),
});

export const INTEGRATION_PATCH: PatchRule<Integration>[] = [
  scalar('uri'),
  scalar('httpMethod'),
  scalar('credentials'),
  scalar('connectionId'),
  scalar('cacheNamespace'),
  scalar('passthroughBehavior'),
  contentHandling as PatchRule<Integration>,
  {
    path: '/connectionType',
    ops: ['replace'],
    apply: (i, op) => {
      if (op.value !== 'INTERNET' && op.value !== 'VPC_LINK') throw badRequest(`Invalid connection type specified: ${op.value ?? 'null'}`);
      i.connectionType = op.value;
    },
  },
  { path: '/timeoutInMillis', ops: ['replace'], apply: (i, op) => void (i.timeoutInMillis = parseNumberValue(op, true)) },
  { path: '/tlsConfig/insecureSkipVerification', ops: ['replace'], apply: (i, op) => void (i.tlsConfig = { insecureSkipVerification: parseBooleanValue(op) }) },
  mapEntry('requestParameters'),
  mapEntry('requestTemplates'),
  {
    path: '/cacheKeyParameters/*',
    ops: ['add', 'remove'],
    apply: (i, op, [name]) => {
      const keys = (i.cacheKeyParameters ?? []).filter((k) => k !== name);
      if (op.op === 'add') keys.push(name);
      i.cacheKeyParameters = keys;
    },
  },
];

export function patchIntegration(integration: Integration, ops: PatchOperation[] | undefined): Integration {
  const next = applyPatch(structuredClone(integration), ops, INTEGRATION_PATCH, PLAIN_STYLE);
  checkIntegration({ ...next, type: next.type! });
  return next;
}

export const INTEGRATION_RESPONSE_PATCH: PatchRule<IntegrationResponse>[] = [
  {
    path: '/selectionPattern',
    ops: ['replace'],
    apply: (r, op) => void (r.selectionPattern = op.value ?? ''),
  },
  contentHandling as PatchRule<IntegrationResponse>,
  mapEntry('responseTemplates'),
  mapEntry('responseParameters'),
];

export const patchIntegrationResponse = (response: IntegrationResponse, ops: PatchOperation[] | undefined) =>
  applyPatch(structuredClone(response), ops, INTEGRATION_RESPONSE_PATCH, PLAIN_STYLE);
