// What the Lambda operations share: function records, the code store, the runtime host, and
// injected randomness and time. Built once by ./service.ts; no operation reaches beyond it.
import type { Logger } from '../../log.js';
import type { RuntimeHost } from '../../runtime/runtime-host.js';
import { functionKey } from '../../runtime/runtime-host.js';
import type { FunctionSpec } from '../../runtime/launch.js';
import type { CodeStore, StoredCode } from './code/code-store.js';
import { ZipRejected } from './code/zip-check.js';
import { LAMBDA_ERRORS } from './errors.js';
import type { FunctionRecords, StoredFunction, StoredVersion } from './records.js';
import type { Located } from './resolve.js';

export interface LambdaEnv {
  records: FunctionRecords;
  code: CodeStore;
  host: RuntimeHost;
  /** Alias routing draws. */
  random(): number;
  now(): Date;
  log: Logger;
  /** A URL that serves a stored zip (GetFunction's Code.Location). */
  codeLocation(accountId: string, region: string, name: string, hex: string): Promise<string>;
  /** What the runtime needs for one version (cached per stored version). */
  specFor(fn: StoredFunction, v: StoredVersion): FunctionSpec;
  /** Runs `fn` after `ms` unless the service is disposed first (the timer never holds the process). */
  later(fn: () => void, ms: number): void;
}

/** Unpacks an upload; a package AWS would refuse becomes InvalidParameterValueException. */
export async function storeCode(env: LambdaEnv, at: Located, zip: Buffer): Promise<StoredCode> {
  try {
    return await env.code.put(at.accountId, at.region, at.name, zip);
  } catch (err) {
    if (err instanceof ZipRejected) throw LAMBDA_ERRORS.invalidParameter(err.message);
    throw err;
  }
}

/** Uploads younger than this are never pruned: they may belong to a create or update not committed yet. */
const FRESH_CODE_MS = 10_000;

/**
 * After a change (or a delete, `version` undefined): retire the warm workers of the old code or
 * configuration, then drop code folders no current version uses. Fresh uploads are kept and
 * looked at again later, so a create racing a delete of the same name never loses its code.
 */
export function afterCodeOrConfigChange(env: LambdaEnv, fn: StoredFunction, version?: string): void {
  const prune = async (): Promise<void> => {
    const current = env.records.get(fn.accountId, fn.region, fn.name);
    const keep = new Set(current ? [current.latest.codeHex, ...Object.values(current.versions).map((v) => v.codeHex)] : []);
    if ((await env.code.prune(fn.accountId, fn.region, fn.name, keep, FRESH_CODE_MS)) > 0) {
      env.later(() => void prune().catch(report), FRESH_CODE_MS);
    }
  };
  const report = (err: unknown) => env.log.error(`lambda: pruning the code of ${fn.name} failed: ${err}`);
  env.host
    .retire(functionKey({ accountId: fn.accountId, region: fn.region, functionName: fn.name }), version)
    .then(prune)
    .catch(report);
}

export function createSpecCache(code: CodeStore): (fn: StoredFunction, v: StoredVersion) => FunctionSpec {
  const cache = new WeakMap<StoredVersion, { reserved: number | undefined; spec: FunctionSpec }>();
  return (fn, v) => {
    const hit = cache.get(v);
    if (hit && hit.reserved === fn.reservedConcurrency) return hit.spec;
    const c = v.config;
    const spec: FunctionSpec = {
      accountId: fn.accountId,
      region: fn.region,
      functionName: fn.name,
      version: c.Version ?? '$LATEST',
      functionArn: `arn:aws:lambda:${fn.region}:${fn.accountId}:function:${fn.name}`,
      runtime: c.Runtime ?? '',
      handler: c.Handler ?? '',
      memoryMb: c.MemorySize ?? 128,
      timeoutSec: c.Timeout ?? 3,
      codePath: code.codePath(fn.accountId, fn.region, fn.name, v.codeHex),
      environment: c.Environment?.Variables ?? {},
      logGroup: c.LoggingConfig?.LogGroup ?? `/aws/lambda/${fn.name}`,
      revision: `${v.revision}/${fn.reservedConcurrency ?? '-'}`,
      reservedConcurrency: fn.reservedConcurrency,
    };
    cache.set(v, { reserved: fn.reservedConcurrency, spec });
    return spec;
  };
}
