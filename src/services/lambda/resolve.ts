// From what a caller wrote (a name, partial or full ARN, a Qualifier) to the stored function and
// version, with AWS's errors for each way that fails.
import { functionArn, parseFunctionName, qualifierKind } from './arn.js';
import { LAMBDA_ERRORS } from './errors.js';
import type { FunctionRecords, StoredAlias, StoredFunction, StoredVersion } from './records.js';

export interface Located {
  accountId: string;
  region: string;
  name: string;
  qualifier?: string;
}

export function locate(ctx: { accountId: string; region: string }, functionName: string, qualifier?: string): Located {
  const ref = parseFunctionName(functionName);
  if (!ref) throw LAMBDA_ERRORS.functionNotFound(functionArn(ctx.region, ctx.accountId, functionName));
  if (ref.region && ref.region !== ctx.region) throw LAMBDA_ERRORS.regionMismatch(ref.region, ctx.region);
  if (ref.qualifier && qualifier && ref.qualifier !== qualifier) throw LAMBDA_ERRORS.qualifierMismatch();
  return { accountId: ref.accountId ?? ctx.accountId, region: ctx.region, name: ref.name, qualifier: qualifier ?? ref.qualifier };
}

export const arnOf = (at: Located, qualified = true) => functionArn(at.region, at.accountId, at.name, qualified ? at.qualifier : undefined);

export function requireFunction(records: FunctionRecords, at: Located): StoredFunction {
  const fn = records.get(at.accountId, at.region, at.name);
  if (!fn) throw LAMBDA_ERRORS.functionNotFound(arnOf(at, false));
  return fn;
}

/** The version a qualifier names ($LATEST, a number, or an alias's main version). */
export function versionOf(fn: StoredFunction, qualifier: string | undefined): { version: StoredVersion; alias?: StoredAlias } | undefined {
  switch (qualifierKind(qualifier)) {
    case 'latest':
      return { version: fn.latest };
    case 'version': {
      const version = fn.versions[qualifier!];
      return version && { version };
    }
    case 'alias': {
      const alias = fn.aliases[qualifier!];
      if (!alias) return undefined;
      const version = alias.FunctionVersion === '$LATEST' ? fn.latest : fn.versions[alias.FunctionVersion];
      return version && { version, alias };
    }
  }
}

export function requireVersion(fn: StoredFunction, at: Located): { version: StoredVersion; alias?: StoredAlias } {
  const found = versionOf(fn, at.qualifier);
  if (!found) throw LAMBDA_ERRORS.functionNotFound(arnOf(at));
  return found;
}

/** Read-modify-write of an existing function; ResourceNotFoundException when it is gone. */
export function updateFunction<R>(records: FunctionRecords, at: Located, change: (fn: StoredFunction) => { next?: StoredFunction | null; result: R }): R {
  return records.update(at.accountId, at.region, at.name, (current) => {
    if (!current) throw LAMBDA_ERRORS.functionNotFound(arnOf(at, false));
    return change(current);
  });
}
