// A REST API's own settings: the endpoint configuration AWS fills in at CreateRestApi, and the
// UpdateRestApi patch paths [AWS-recorded] test_apigateway_api.snapshot.json. Pure.
import type { EndpointConfiguration, EndpointType, RestApi } from '../../../aws/generated/apigateway.js';
import { badRequest, MESSAGES } from '../errors.js';
import { parseBooleanValue, PLAIN_STYLE, applyPatch, type PatchRule } from './patch.js';

const ENDPOINT_TYPES: EndpointType[] = ['REGIONAL', 'EDGE', 'PRIVATE'];
export const MAX_COMPRESSION_SIZE = 10_485_760;

/** ipAddressType defaults to ipv4, dualstack for PRIVATE; types default to EDGE [AWS-recorded]. */
export function endpointConfiguration(given: EndpointConfiguration | undefined): EndpointConfiguration {
  const types = given?.types ?? ['EDGE'];
  if (given?.types && types.length === 0) throw badRequest(MESSAGES.noEndpointType);
  if (types.length > 1) throw badRequest(MESSAGES.manyEndpointTypes);
  const ipAddressType = given?.ipAddressType ?? (types[0] === 'PRIVATE' ? 'dualstack' : 'ipv4');
  if (types[0] === 'PRIVATE' && ipAddressType !== 'dualstack') throw badRequest(MESSAGES.privateIpv4);
  const out: EndpointConfiguration = { ipAddressType, types: [...types] };
  if (given?.vpcEndpointIds?.length) out.vpcEndpointIds = [...given.vpcEndpointIds];
  return out;
}

export function checkCompressionSize(size: number | undefined): void {
  if (size !== undefined && (!Number.isInteger(size) || size < 0 || size > MAX_COMPRESSION_SIZE)) throw badRequest(MESSAGES.compressionSize);
}

const replaceString = (member: 'name' | 'version' | 'policy'): PatchRule<RestApi> => ({
  path: `/${member}`,
  ops: ['replace'],
  apply: (api, op) => {
    if (op.value) api[member] = op.value;
    else if (member !== 'name') delete api[member];
  },
});

export const REST_API_PATCH: PatchRule<RestApi>[] = [
  replaceString('name'),
  replaceString('version'),
  replaceString('policy'),
  {
    path: '/description',
    ops: ['replace', 'remove'],
    apply: (api, op) => {
      if (op.op === 'remove' || !op.value) delete api.description;
      else api.description = op.value;
    },
  },
  {
    path: '/apiKeySource',
    ops: ['replace'],
    apply: (api, op) => {
      if (op.value !== 'HEADER' && op.value !== 'AUTHORIZER') throw badRequest(`Invalid API Key source specified: ${op.value ?? 'null'}`);
      api.apiKeySource = op.value;
    },
  },
  {
    path: '/minimumCompressionSize',
    ops: ['replace'],
    // An empty or absent value disables compression [AWS-recorded] (`disable-compression`).
    apply: (api, op) => {
      if (op.value === undefined || op.value === '') return void delete api.minimumCompressionSize;
      const size = /^-?\d+$/.test(op.value) ? Number(op.value) : Number.NaN;
      if (Number.isNaN(size)) throw badRequest(MESSAGES.compressionSize);
      checkCompressionSize(size);
      api.minimumCompressionSize = size;
    },
  },
  { path: '/disableExecuteApiEndpoint', ops: ['replace'], apply: (api, op) => void (api.disableExecuteApiEndpoint = parseBooleanValue(op)) },
  {
    // binaryMediaTypes is patched like an object keyed by media type [AWS-recorded].
    path: '/binaryMediaTypes/*',
    ops: ['add', 'remove', 'replace'],
    apply: (api, op, [type]) => {
      const types = (api.binaryMediaTypes ?? []).filter((t) => t !== type);
      if (op.op === 'add') types.push(type);
      if (op.op === 'replace' && op.value) types.push(op.value);
      if (types.length > 0) api.binaryMediaTypes = types;
      else delete api.binaryMediaTypes;
    },
  },
  {
    path: '/endpointConfiguration/types/*',
    ops: ['replace'],
    apply: (api, op) => {
      const type = ENDPOINT_TYPES.find((t) => t === op.value);
      if (!type) throw badRequest(MESSAGES.endpointType);
      const ipAddressType = type === 'PRIVATE' ? 'dualstack' : (api.endpointConfiguration?.ipAddressType ?? 'ipv4');
      api.endpointConfiguration = { ...api.endpointConfiguration, ipAddressType, types: [type] };
    },
  },
  {
    path: '/endpointConfiguration/ipAddressType',
    ops: ['replace'],
    apply: (api, op) => {
      if (op.value !== 'ipv4' && op.value !== 'dualstack') throw badRequest(MESSAGES.ipAddressType);
      if (api.endpointConfiguration?.types?.[0] === 'PRIVATE' && op.value !== 'dualstack') throw badRequest(MESSAGES.privateIpv4);
      api.endpointConfiguration = { ...api.endpointConfiguration, ipAddressType: op.value };
    },
  },
];

export const patchRestApi = <A extends RestApi>(api: A, ops: Parameters<typeof applyPatch>[1]) =>
  applyPatch(structuredClone(api), ops, REST_API_PATCH as PatchRule<A>[], PLAIN_STYLE);
