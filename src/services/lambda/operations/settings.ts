// Reserved concurrency (honoured by the runtime) and the read calls Terraform and the console make
// about features Kanaria does not run: code signing, event-invoke configs, function URLs,
// provisioned concurrency, recursion, runtime management, account settings, mappings, layers.
import type { Operations } from '../../../aws/generated/lambda.js';
import type { Handlers } from '../../../aws/service.js';
import { functionArn } from '../arn.js';
import { LAMBDA_ERRORS } from '../errors.js';
import { afterCodeOrConfigChange, type LambdaEnv } from '../lambda-env.js';
import { arnOf, locate, requireFunction, requireVersion, updateFunction } from '../resolve.js';

const ACCOUNT_CONCURRENCY = 1000;
const MIN_UNRESERVED = 100;

export function settingOperations(env: LambdaEnv): Handlers<Operations> {
  const { records } = env;
  const reservedElsewhere = (accountId: string, region: string, except: string) =>
    records.list(accountId, region).reduce((n, fn) => n + (fn.name === except ? 0 : (fn.reservedConcurrency ?? 0)), 0);

  return {
    PutFunctionConcurrency: (ctx, input) => {
      const at = locate(ctx, input.FunctionName);
      if (at.qualifier) {
        throw LAMBDA_ERRORS.invalidParameter(
          'This operation is permitted on Lambda functions only. Aliases and versions do not support this operation. Please specify either a function name or an unqualified function ARN.',
        );
      }
      const unreserved = ACCOUNT_CONCURRENCY - reservedElsewhere(at.accountId, at.region, at.name) - input.ReservedConcurrentExecutions;
      if (unreserved < MIN_UNRESERVED) {
        throw LAMBDA_ERRORS.invalidParameter(
          `Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${MIN_UNRESERVED}].`,
        );
      }
      const fn = updateFunction(records, at, (current) => {
        const next = { ...current, reservedConcurrency: input.ReservedConcurrentExecutions };
        return { next, result: next };
      });
      afterCodeOrConfigChange(env, fn);
      return { ReservedConcurrentExecutions: input.ReservedConcurrentExecutions };
    },

    GetFunctionConcurrency: (ctx, input) => ({ ReservedConcurrentExecutions: requireFunction(records, locate(ctx, input.FunctionName)).reservedConcurrency }),

    DeleteFunctionConcurrency: (ctx, input) => {
      const fn = updateFunction(records, locate(ctx, input.FunctionName), (current) => {
        const { reservedConcurrency: _dropped, ...next } = current;
        return { next, result: next };
      });
      afterCodeOrConfigChange(env, fn);
      return undefined;
    },

    GetFunctionCodeSigningConfig: (ctx, input) => {
      const fn = requireFunction(records, locate(ctx, input.FunctionName));
      return { CodeSigningConfigArn: '', FunctionName: fn.name };
    },

    GetFunctionEventInvokeConfig: (ctx, input) => {
      const at = locate(ctx, input.FunctionName, input.Qualifier);
      requireFunction(records, at);
      throw LAMBDA_ERRORS.eventInvokeConfigNotFound(functionArn(at.region, at.accountId, at.name, at.qualifier ?? '$LATEST'));
    },

    ListFunctionEventInvokeConfigs: (ctx, input) => {
      requireFunction(records, locate(ctx, input.FunctionName));
      return { FunctionEventInvokeConfigs: [] };
    },

    GetFunctionUrlConfig: (ctx, input) => {
      requireFunction(records, locate(ctx, input.FunctionName, input.Qualifier));
      throw LAMBDA_ERRORS.resourceNotFound();
    },

    ListFunctionUrlConfigs: (ctx, input) => {
      requireFunction(records, locate(ctx, input.FunctionName));
      return { FunctionUrlConfigs: [] };
    },

    GetProvisionedConcurrencyConfig: (ctx, input) => {
      const at = locate(ctx, input.FunctionName, input.Qualifier);
      requireVersion(requireFunction(records, at), at);
      throw LAMBDA_ERRORS.provisionedConcurrencyNotFound();
    },

    ListProvisionedConcurrencyConfigs: (ctx, input) => {
      requireFunction(records, locate(ctx, input.FunctionName));
      return { ProvisionedConcurrencyConfigs: [] };
    },

    GetFunctionRecursionConfig: (ctx, input) => {
      requireFunction(records, locate(ctx, input.FunctionName));
      return { RecursiveLoop: 'Terminate' };
    },

    GetRuntimeManagementConfig: (ctx, input) => {
      const at = locate(ctx, input.FunctionName, input.Qualifier);
      requireVersion(requireFunction(records, at), at);
      return { UpdateRuntimeOn: 'Auto', FunctionArn: arnOf(at) };
    },

    GetAccountSettings: (ctx) => {
      const fns = records.list(ctx.accountId, ctx.region);
      const codeSize = fns.reduce((n, fn) => n + [fn.latest, ...Object.values(fn.versions)].reduce((m, v) => m + (v.config.CodeSize ?? 0), 0), 0);
      return {
        AccountLimit: {
          TotalCodeSize: 80_530_636_800,
          CodeSizeZipped: 52_428_800,
          CodeSizeUnzipped: 262_144_000,
          ConcurrentExecutions: ACCOUNT_CONCURRENCY,
          UnreservedConcurrentExecutions: ACCOUNT_CONCURRENCY - reservedElsewhere(ctx.accountId, ctx.region, ''),
        },
        AccountUsage: { TotalCodeSize: codeSize, FunctionCount: fns.length },
      };
    },

    ListEventSourceMappings: () => ({ EventSourceMappings: [] }),
    ListLayers: () => ({ Layers: [] }),
  };
}
