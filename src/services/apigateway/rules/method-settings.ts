// Stage method settings (`methodSettings`) as UpdateStage patches them:
// `/{resourcePath}/{httpMethod}/{group}/{setting}`, where `*/*` means every method. Pure.
import type { MethodSetting, PatchOperation, Stage } from '../../../aws/generated/apigateway.js';
import { badRequest } from '../errors.js';
import { parseBooleanValue, parseNumberValue } from './patch.js';

/**
 * The refusal for a stage path AWS does not know, character for character, quirks included:
 * missing separators after `burstLimit` and `rateLimit`, and no canary paths in the list
 * [AWS-recorded] LS-CANARY-SNAP and test_apigateway_api.snapshot.json.
 */
export function invalidStagePath(path: string) {
  return badRequest(
    `Invalid method setting path: ${path}. Must be one of: [/deploymentId, /description, /cacheClusterEnabled, /cacheClusterSize, /clientCertificateId, /accessLogSettings, /accessLogSettings/destinationArn, /accessLogSettings/format, /{resourcePath}/{httpMethod}/metrics/enabled, /{resourcePath}/{httpMethod}/logging/dataTrace, /{resourcePath}/{httpMethod}/logging/loglevel, /{resourcePath}/{httpMethod}/throttling/burstLimit/{resourcePath}/{httpMethod}/throttling/rateLimit/{resourcePath}/{httpMethod}/caching/ttlInSeconds, /{resourcePath}/{httpMethod}/caching/enabled, /{resourcePath}/{httpMethod}/caching/dataEncrypted, /{resourcePath}/{httpMethod}/caching/requireAuthorizationForCacheControl, /{resourcePath}/{httpMethod}/caching/unauthorizedCacheControlHeaderStrategy, /*/*/metrics/enabled, /*/*/logging/dataTrace, /*/*/logging/loglevel, /*/*/throttling/burstLimit /*/*/throttling/rateLimit /*/*/caching/ttlInSeconds, /*/*/caching/enabled, /*/*/caching/dataEncrypted, /*/*/caching/requireAuthorizationForCacheControl, /*/*/caching/unauthorizedCacheControlHeaderStrategy, /variables/{variable_name}, /tracingEnabled]`,
  );
}

/** A method-shaped path with an unknown setting: AWS's text quoted in aws/aws-sdk-java#1823. */
const unknownSetting = (setting: string) =>
  badRequest(
    `Invalid method setting path: ${setting}. Must be one of: [.../metrics/enabled, .../logging/dataTrace, .../logging/loglevel,.../throttling/burstLimit, .../throttling/rateLimit, .../caching/ttlInSeconds, .../caching/enabled, .../caching/dataEncrypted, .../caching/requireAuthorizationForCacheControl, .../caching/unauthorizedCacheControlHeaderStrategy]`,
  );

const oneOf = (allowed: readonly string[]) => (op: PatchOperation) => {
  if (op.value !== undefined && allowed.includes(op.value)) return op.value;
  throw badRequest(`Invalid value specified for ${op.path}: ${op.value ?? 'null'}. Must be one of: ${allowed.join(', ')}`);
};

const ttl = (op: PatchOperation) => {
  const n = parseNumberValue(op, true);
  if (n < 0 || n > 3600) throw badRequest(`Invalid value specified for ${op.path}: ${op.value}. Must be between 0 and 3600.`);
  return n;
};

/** Setting path → MethodSetting member and its value reader. */
export const METHOD_SETTINGS: Record<string, { member: keyof MethodSetting; read(op: PatchOperation): unknown }> = {
  'metrics/enabled': { member: 'metricsEnabled', read: parseBooleanValue },
  'logging/dataTrace': { member: 'dataTraceEnabled', read: parseBooleanValue },
  'logging/loglevel': { member: 'loggingLevel', read: oneOf(['OFF', 'ERROR', 'INFO']) },
  'throttling/burstLimit': { member: 'throttlingBurstLimit', read: (op) => parseNumberValue(op, true) },
  'throttling/rateLimit': { member: 'throttlingRateLimit', read: (op) => parseNumberValue(op, false) },
  'caching/ttlInSeconds': { member: 'cacheTtlInSeconds', read: ttl },
  'caching/enabled': { member: 'cachingEnabled', read: parseBooleanValue },
  'caching/dataEncrypted': { member: 'cacheDataEncrypted', read: parseBooleanValue },
  'caching/requireAuthorizationForCacheControl': { member: 'requireAuthorizationForCacheControl', read: parseBooleanValue },
  'caching/unauthorizedCacheControlHeaderStrategy': {
    member: 'unauthorizedCacheControlHeaderStrategy',
    read: oneOf(['FAIL_WITH_403', 'SUCCEED_WITH_RESPONSE_HEADER', 'SUCCEED_WITHOUT_RESPONSE_HEADER']),
  },
};

/**
 * What a new method setting holds before its first change (no `loggingLevel` until one is set),
 * from the AWS CLI's update-stage examples (awscli/examples/apigateway/update-stage.rst).
 */
export const DEFAULT_METHOD_SETTING: MethodSetting = {
  metricsEnabled: false,
  dataTraceEnabled: false,
  throttlingBurstLimit: 5000,
  throttlingRateLimit: 10000,
  cachingEnabled: false,
  cacheTtlInSeconds: 300,
  cacheDataEncrypted: false,
  requireAuthorizationForCacheControl: true,
  unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
};

const HTTP_METHODS = ['*', 'ANY', 'GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];

export interface MethodSettingPath {
  /** The methodSettings key: the raw path before the method and setting (`~1pets/GET`, `*\/*`). */
  key: string;
  /** `metrics/enabled` …; undefined when the path names the whole setting (`/*\/*`). */
  setting?: string;
}

/** Reads `/{resourcePath}/{httpMethod}[/{group}/{setting}]`; undefined when not method-shaped. */
export function parseMethodSettingPath(path: string): MethodSettingPath | undefined {
  const parts = path.split('/').slice(1);
  const whole = parts.length >= 2 && HTTP_METHODS.includes(parts[parts.length - 1]) && parts.slice(0, -1).every((p) => p !== '');
  if (whole) return { key: parts.join('/') };
  if (parts.length < 4 || !HTTP_METHODS.includes(parts[parts.length - 3])) return undefined;
  if (parts.slice(0, -2).some((p) => p === '')) return undefined;
  return { key: parts.slice(0, -2).join('/'), setting: parts.slice(-2).join('/') };
}

/** Applies one method-setting operation to `stage`; false when `op.path` is not method-shaped. */
export function patchMethodSetting(stage: Stage, op: PatchOperation): boolean {
  const parsed = parseMethodSettingPath(op.path ?? '');
  if (!parsed) return false;
  const settings = { ...(stage.methodSettings ?? {}) };
  if (parsed.setting === undefined) {
    // [AWS-recorded] (LocalStack's snapshot of `remove /*/*`): the message ends in a space.
    if (op.op !== 'remove' || !settings[parsed.key]) {
      throw badRequest(`Cannot ${op.op} method setting ${parsed.key} because there is no method setting for this method `);
    }
    delete settings[parsed.key];
  } else {
    const field = METHOD_SETTINGS[parsed.setting];
    if (!field) throw unknownSetting(parsed.setting);
    if (op.op !== 'replace' && op.op !== 'add' && op.op !== 'remove') throw badRequest(`Invalid ${op.op} operation with path: ${op.path}`);
    const current = { ...(settings[parsed.key] ?? DEFAULT_METHOD_SETTING) } as Record<string, unknown>;
    current[field.member] = op.op === 'remove' ? DEFAULT_METHOD_SETTING[field.member] : field.read(op);
    if (current[field.member] === undefined) delete current[field.member];
    settings[parsed.key] = current as MethodSetting;
  }
  stage.methodSettings = settings;
  return true;
}
