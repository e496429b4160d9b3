// A function version's configuration as AWS answers it (GetFunction, CreateFunction, …): the
// defaults AWS fills in, the `2024-01-01T00:00:00.000+0000` dates, and how updates apply.
import { createHash, randomUUID } from 'node:crypto';
import type { CreateFunctionRequest, FunctionConfiguration, UpdateFunctionConfigurationRequest } from '../../aws/generated/lambda.js';
import { functionArn } from './arn.js';
import type { StoredCode } from './code/code-store.js';
import type { StoredFunction, StoredVersion } from './records.js';

export const lambdaDate = (d: Date) => d.toISOString().replace('Z', '+0000');

/** AWS's configuration for a new function ($LATEST), Active at once: the code is unpacked before we answer. */
export function newConfiguration(input: CreateFunctionRequest, name: string, region: string, code: StoredCode, now: Date): FunctionConfiguration {
  const config: FunctionConfiguration = {
    FunctionName: name,
    Runtime: input.Runtime,
    Role: input.Role,
    Handler: input.Handler,
    CodeSize: code.size,
    Description: input.Description ?? '',
    Timeout: input.Timeout ?? 3,
    MemorySize: input.MemorySize ?? 128,
    LastModified: lambdaDate(now),
    CodeSha256: code.sha256,
    Version: '$LATEST',
    TracingConfig: { Mode: input.TracingConfig?.Mode ?? 'PassThrough' },
    RevisionId: randomUUID(),
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: 'Zip',
    Architectures: input.Architectures ?? ['x86_64'],
    EphemeralStorage: { Size: input.EphemeralStorage?.Size ?? 512 },
    SnapStart: { ApplyOn: input.SnapStart?.ApplyOn ?? 'None', OptimizationStatus: 'Off' },
    RuntimeVersionConfig: { RuntimeVersionArn: runtimeVersionArn(region, input.Runtime ?? '') },
    LoggingConfig: loggingConfig(input.LoggingConfig, name),
  };
  if (input.Environment?.Variables) config.Environment = { Variables: input.Environment.Variables };
  if (input.DeadLetterConfig?.TargetArn) config.DeadLetterConfig = input.DeadLetterConfig;
  if (input.KMSKeyArn) config.KMSKeyArn = input.KMSKeyArn;
  return config;
}

function loggingConfig(input: FunctionConfiguration['LoggingConfig'], name: string): FunctionConfiguration['LoggingConfig'] {
  const format = input?.LogFormat ?? 'Text';
  const out: NonNullable<FunctionConfiguration['LoggingConfig']> = { LogFormat: format, LogGroup: input?.LogGroup ?? `/aws/lambda/${name}` };
  if (format === 'JSON') {
    out.ApplicationLogLevel = input?.ApplicationLogLevel ?? 'INFO';
    out.SystemLogLevel = input?.SystemLogLevel ?? 'INFO';
  }
  return out;
}

/** A stable stand-in for the managed runtime version ARN (one per runtime). */
const runtimeVersionArn = (region: string, runtime: string) =>
  `arn:aws:lambda:${region}::runtime:${createHash('sha256').update(`kanaria:${runtime}`).digest('hex')}`;

/** UpdateFunctionConfiguration: only the members given change. */
export function updatedConfiguration(config: FunctionConfiguration, input: UpdateFunctionConfigurationRequest, region: string, now: Date): FunctionConfiguration {
  const next: FunctionConfiguration = { ...config, LastModified: lambdaDate(now), RevisionId: randomUUID(), LastUpdateStatus: 'Successful' };
  if (input.Role !== undefined) next.Role = input.Role;
  if (input.Handler !== undefined) next.Handler = input.Handler;
  if (input.Description !== undefined) next.Description = input.Description;
  if (input.Timeout !== undefined) next.Timeout = input.Timeout;
  if (input.MemorySize !== undefined) next.MemorySize = input.MemorySize;
  if (input.Runtime !== undefined) {
    next.Runtime = input.Runtime;
    next.RuntimeVersionConfig = { RuntimeVersionArn: runtimeVersionArn(region, input.Runtime) };
  }
  if (input.Environment !== undefined) next.Environment = { Variables: input.Environment.Variables ?? {} };
  if (input.TracingConfig?.Mode) next.TracingConfig = { Mode: input.TracingConfig.Mode };
  if (input.EphemeralStorage) next.EphemeralStorage = { Size: input.EphemeralStorage.Size };
  if (input.LoggingConfig) next.LoggingConfig = loggingConfig({ ...config.LoggingConfig, ...input.LoggingConfig }, config.FunctionName ?? '');
  if (input.SnapStart) next.SnapStart = { ApplyOn: input.SnapStart.ApplyOn ?? 'None', OptimizationStatus: 'Off' };
  if (input.DeadLetterConfig) next.DeadLetterConfig = input.DeadLetterConfig.TargetArn ? input.DeadLetterConfig : undefined;
  if (input.KMSKeyArn !== undefined) next.KMSKeyArn = input.KMSKeyArn || undefined;
  return next;
}

/** The configuration as an answer; FunctionArn carries `arnQualifier` (a version, alias or `$LATEST`) when given. */
export function configurationOut(fn: StoredFunction, v: StoredVersion, arnQualifier?: string): FunctionConfiguration {
  return { FunctionName: fn.name, FunctionArn: functionArn(fn.region, fn.accountId, fn.name, arnQualifier), ...v.config };
}

/** A fresh internal revision: warm workers built for another one are retired. */
export const newRevision = () => randomUUID();
