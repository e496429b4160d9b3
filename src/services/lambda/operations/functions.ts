// CreateFunction, GetFunction, GetFunctionConfiguration, ListFunctions, UpdateFunctionCode,
// UpdateFunctionConfiguration and DeleteFunction.
import { randomUUID } from 'node:crypto';
import type { Operations } from '../../../aws/generated/lambda.js';
import type { Handlers } from '../../../aws/service.js';
import { qualifierKind } from '../arn.js';
import { MAX_ZIPPED_BYTES } from '../code/zip-check.js';
import { configurationOut, newConfiguration, newRevision, updatedConfiguration, lambdaDate } from '../configuration.js';
import { LAMBDA_ERRORS } from '../errors.js';
import { afterCodeOrConfigChange, storeCode, type LambdaEnv } from '../lambda-env.js';
import { paginate } from '../paging.js';
import type { StoredFunction, StoredVersion } from '../records.js';
import { locate, requireFunction, requireVersion, updateFunction } from '../resolve.js';
import { environmentProblem, runtimeProblem } from '../rules/function-config.js';
import { publishInto } from './versions.js';

interface CodeSource {
  ZipFile?: Buffer | Uint8Array;
  S3Bucket?: string;
  ImageUri?: string;
}

/** The uploaded zip, or AWS's refusal: no S3 in Kanaria, no container images, 50 MB at most. */
function zipFrom(source: CodeSource | undefined, operation: string): Buffer {
  if (source?.ImageUri) throw LAMBDA_ERRORS.invalidParameter('Kanaria runs Zip functions only: ImageUri (container images) is not supported.');
  if (source?.S3Bucket) {
    throw LAMBDA_ERRORS.invalidParameter('Error occurred while GetObject. S3 Error Code: NoSuchBucket. S3 Error Message: The specified bucket does not exist');
  }
  if (!source?.ZipFile) throw LAMBDA_ERRORS.invalidParameter('Please provide the function code as a ZipFile.');
  if (source.ZipFile.length > MAX_ZIPPED_BYTES) throw LAMBDA_ERRORS.requestTooLarge(operation);
  return Buffer.from(source.ZipFile);
}

function check(problem: string | undefined): void {
  if (problem) throw LAMBDA_ERRORS.invalidParameter(problem);
}

export function functionOperations(env: LambdaEnv): Handlers<Operations> {
  const { records } = env;
  return {
    CreateFunction: async (ctx, input) => {
      const at = locate(ctx, input.FunctionName);
      if ((input.PackageType ?? 'Zip') !== 'Zip') throw LAMBDA_ERRORS.invalidParameter('Kanaria runs Zip functions only: PackageType Image is not supported.');
      if (!input.Runtime || !input.Handler) {
        throw LAMBDA_ERRORS.invalidParameter('Runtime and Handler are mandatory parameters for functions created with deployment packages.');
      }
      check(runtimeProblem(input.Runtime));
      check(environmentProblem(input.Environment?.Variables));
      if (records.get(at.accountId, at.region, at.name)) throw LAMBDA_ERRORS.functionExists(at.name);
      const code = await storeCode(env, at, zipFrom(input.Code, 'CreateFunction'));
      const now = env.now();
      const latest: StoredVersion = { config: newConfiguration(input, at.name, at.region, code, now), codeHex: code.hex, revision: newRevision() };
      let fn: StoredFunction = {
        accountId: at.accountId,
        region: at.region,
        name: at.name,
        latest,
        versions: {},
        nextVersion: 1,
        aliases: {},
        policies: {},
        tags: input.Tags ?? {},
      };
      let answer = configurationOut(fn, latest);
      if (input.Publish) {
        const published = publishInto(fn, undefined, now);
        fn = published.fn;
        answer = configurationOut(fn, published.version, published.version.config.Version);
      }
      records.update(at.accountId, at.region, at.name, (current) => {
        if (current) throw LAMBDA_ERRORS.functionExists(at.name);
        return { next: fn, result: undefined };
      });
      return answer;
    },

    GetFunction: async (ctx, input) => {
      const at = locate(ctx, input.FunctionName, input.Qualifier);
      const fn = requireFunction(records, at);
      const { version } = requireVersion(fn, at);
      return {
        Configuration: configurationOut(fn, version, at.qualifier),
        Code: { RepositoryType: 'S3', Location: await env.codeLocation(fn.accountId, fn.region, fn.name, version.codeHex) },
        Tags: Object.keys(fn.tags).length > 0 ? fn.tags : undefined,
        Concurrency: fn.reservedConcurrency !== undefined ? { ReservedConcurrentExecutions: fn.reservedConcurrency } : undefined,
      };
    },

    GetFunctionConfiguration: (ctx, input) => {
      const at = locate(ctx, input.FunctionName, input.Qualifier);
      const fn = requireFunction(records, at);
      return configurationOut(fn, requireVersion(fn, at).version, at.qualifier);
    },

    ListFunctions: (ctx, input) => {
      const all = input.FunctionVersion === 'ALL';
      const configs = records.list(ctx.accountId, ctx.region).flatMap((fn) => [
        configurationOut(fn, fn.latest, all ? '$LATEST' : undefined),
        ...(all ? Object.values(fn.versions).map((v) => configurationOut(fn, v, v.config.Version)) : []),
      ]);
      const { page, next } = paginate(configs, input.Marker, input.MaxItems);
      return { Functions: page, NextMarker: next };
    },

    UpdateFunctionCode: async (ctx, input) => {
      const at = locate(ctx, input.FunctionName);
      const before = requireFunction(records, at);
      if (input.RevisionId && input.RevisionId !== before.latest.config.RevisionId) throw LAMBDA_ERRORS.revisionMismatch();
      const code = await storeCode(env, at, zipFrom(input, 'UpdateFunctionCode'));
      if (input.DryRun) return configurationOut(before, before.latest);
      const now = env.now();
      const { fn, answer } = updateFunction(records, at, (current) => {
        if (input.RevisionId && input.RevisionId !== current.latest.config.RevisionId) throw LAMBDA_ERRORS.revisionMismatch();
        const config = { ...current.latest.config, CodeSha256: code.sha256, CodeSize: code.size, LastModified: lambdaDate(now), RevisionId: randomUUID() };
        if (input.Architectures) config.Architectures = input.Architectures;
        let next: StoredFunction = { ...current, latest: { config, codeHex: code.hex, revision: newRevision() } };
        let answer = configurationOut(next, next.latest);
        if (input.Publish) {
          const published = publishInto(next, undefined, now);
          next = published.fn;
          answer = configurationOut(next, published.version, published.version.config.Version);
        }
        return { next, result: { fn: next, answer } };
      });
      afterCodeOrConfigChange(env, fn, '$LATEST');
      return answer;
    },

    UpdateFunctionConfiguration: (ctx, input) => {
      const at = locate(ctx, input.FunctionName);
      if (input.Runtime) check(runtimeProblem(input.Runtime));
      check(environmentProblem(input.Environment?.Variables));
      const { fn, answer } = updateFunction(records, at, (current) => {
        if (input.RevisionId && input.RevisionId !== current.latest.config.RevisionId) throw LAMBDA_ERRORS.revisionMismatch();
        const config = updatedConfiguration(current.latest.config, input, at.region, env.now());
        const next: StoredFunction = { ...current, latest: { ...current.latest, config, revision: newRevision() } };
        return { next, result: { fn: next, answer: configurationOut(next, next.latest) } };
      });
      afterCodeOrConfigChange(env, fn, '$LATEST');
      return answer;
    },

    DeleteFunction: async (ctx, input) => {
      const at = locate(ctx, input.FunctionName, input.Qualifier);
      const q = at.qualifier;
      if (q === '$LATEST') throw LAMBDA_ERRORS.invalidParameter('$LATEST version cannot be deleted without deleting the function.');
      if (q !== undefined && qualifierKind(q) === 'alias') throw LAMBDA_ERRORS.invalidParameter('Deletion of aliases is not currently supported.');
      const fn = updateFunction(records, at, (current) => {
        if (q === undefined) return { next: null, result: current };
        if (!current.versions[q]) return { result: current };
        const users = Object.values(current.aliases)
          .filter((a) => a.FunctionVersion === q || a.RoutingConfig?.AdditionalVersionWeights?.[q] !== undefined)
          .map((a) => a.Name)
          .sort();
        if (users.length > 0) throw LAMBDA_ERRORS.versionInUse(users);
        const { [q]: _gone, ...versions } = current.versions;
        const { [q]: _policy, ...policies } = current.policies;
        const next = { ...current, versions, policies };
        return { next, result: next };
      });
      afterCodeOrConfigChange(env, fn, q);
      return { StatusCode: 204 };
    },
  };
}
