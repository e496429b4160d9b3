// PublishVersion and ListVersionsByFunction. Publishing an unchanged $LATEST returns the version
// published last instead of a new one, as AWS does.
import { randomUUID } from 'node:crypto';
import type { Operations } from '../../../aws/generated/lambda.js';
import type { Handlers } from '../../../aws/service.js';
import { configurationOut, lambdaDate } from '../configuration.js';
import { LAMBDA_ERRORS } from '../errors.js';
import type { LambdaEnv } from '../lambda-env.js';
import { paginate } from '../paging.js';
import type { StoredFunction, StoredVersion } from '../records.js';
import { locate, requireFunction, updateFunction } from '../resolve.js';

/** Publishes $LATEST into `fn` (a new document); reuses the last version when nothing changed. */
export function publishInto(fn: StoredFunction, description: string | undefined, now: Date): { fn: StoredFunction; version: StoredVersion } {
  const last = fn.lastPublished;
  if (last && last.revision === fn.latest.revision && fn.versions[last.version]) return { fn, version: fn.versions[last.version] };
  const number = String(fn.nextVersion);
  const version: StoredVersion = {
    ...fn.latest,
    config: { ...fn.latest.config, Version: number, RevisionId: randomUUID(), LastModified: lambdaDate(now), Description: description ?? fn.latest.config.Description },
  };
  return {
    fn: { ...fn, versions: { ...fn.versions, [number]: version }, nextVersion: fn.nextVersion + 1, lastPublished: { revision: fn.latest.revision, version: number } },
    version,
  };
}

export function versionOperations(env: LambdaEnv): Handlers<Operations> {
  return {
    PublishVersion: (ctx, input) => {
      const at = locate(ctx, input.FunctionName);
      return updateFunction(env.records, at, (current) => {
        const latest = current.latest.config;
        if (input.RevisionId && input.RevisionId !== latest.RevisionId) throw LAMBDA_ERRORS.revisionMismatch();
        if (input.CodeSha256 && input.CodeSha256 !== latest.CodeSha256) {
          throw LAMBDA_ERRORS.invalidParameter(
            `CodeSHA256 (${input.CodeSha256}) is different from current CodeSHA256 in $LATEST (${latest.CodeSha256}). Please try again with the CodeSHA256 in $LATEST.`,
          );
        }
        const { fn, version } = publishInto(current, input.Description, env.now());
        return { next: fn === current ? undefined : fn, result: configurationOut(fn, version, version.config.Version) };
      });
    },

    ListVersionsByFunction: (ctx, input) => {
      const at = locate(ctx, input.FunctionName);
      const fn = requireFunction(env.records, at);
      const numbers = Object.keys(fn.versions).sort((a, b) => Number(a) - Number(b));
      const all = [configurationOut(fn, fn.latest, '$LATEST'), ...numbers.map((n) => configurationOut(fn, fn.versions[n], n))];
      const { page, next } = paginate(all, input.Marker, input.MaxItems);
      return { Versions: page, NextMarker: next };
    },
  };
}
