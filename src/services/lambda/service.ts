// Composes the Lambda service: records, code store, runtime host, the operation table and the
// invoker the API Gateway data plane uses. Operations not listed answer "not implemented".
import { randomUUID } from 'node:crypto';
import type { Operations } from '../../aws/generated/lambda.js';
import { loadModel } from '../../aws/model.js';
import type { Handlers, ServiceDefinition } from '../../aws/service.js';
import { WIRE_ERRORS } from '../../aws/wire-errors.js';
import type { Logger } from '../../log.js';
import type { PoolStats } from '../../runtime/pool.js';
import { createRuntimeHost, type RuntimeHostOptions } from '../../runtime/runtime-host.js';
import type { Store } from '../../store/store.js';
import type { LogSink } from '../../telemetry/log-sink.js';
import { withoutQualifier } from './arn.js';
import { createCodeServer } from './code/code-server.js';
import { CodeStore } from './code/code-store.js';
import { createInvocations } from './invocations.js';
import type { LambdaInvoker } from './invoker.js';
import { createSpecCache, type LambdaEnv } from './lambda-env.js';
import { aliasOperations } from './operations/aliases.js';
import { functionOperations } from './operations/functions.js';
import { invokeOperations } from './operations/invoke.js';
import { permissionOperations } from './operations/permissions.js';
import { settingOperations } from './operations/settings.js';
import { tagOperations } from './operations/tags.js';
import { versionOperations } from './operations/versions.js';
import { createFunctionRecords } from './records.js';

export interface LambdaDeps {
  store: Store;
  logs: LogSink;
  /** Folder for unpacked function code (inside the data directory, or a temporary one). */
  codeDir: string;
  log: Logger;
  /** Runtime tuning and the clock that retires idle workers (tests inject one). */
  runtime?: Omit<RuntimeHostOptions, 'sink'>;
  /** Alias routing draws (tests may seed it). */
  random?: () => number;
}

export interface Lambda {
  service: ServiceDefinition;
  invoker: LambdaInvoker;
  /** Worker pools by `account/region/function#version`: sizes, throttles, wait and run times. */
  runtimeStats(): Record<string, PoolStats>;
  dispose(): Promise<void>;
}

export function createLambda(deps: LambdaDeps): Lambda {
  const records = createFunctionRecords(deps.store);
  const code = new CodeStore(deps.codeDir);
  const host = createRuntimeHost({ sink: deps.logs, ...deps.runtime });
  const codeServer = createCodeServer(code);
  const timers = new Set<NodeJS.Timeout>();
  const env: LambdaEnv = {
    records,
    code,
    host,
    random: deps.random ?? Math.random,
    now: () => new Date(),
    log: deps.log,
    codeLocation: codeServer.url,
    specFor: createSpecCache(code),
    later(fn, ms) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        fn();
      }, ms);
      timer.unref();
      timers.add(timer);
    },
  };
  const invocations = createInvocations(env);
  const operations: Handlers<Operations> = {
    ...functionOperations(env),
    ...versionOperations(env),
    ...aliasOperations(env),
    ...permissionOperations(env),
    ...tagOperations(env),
    ...settingOperations(env),
    ...invokeOperations(env, invocations),
  };
  return {
    service: { name: 'lambda', model: loadModel('lambda'), operations, errors: WIRE_ERRORS.lambda, validationPathPrefix: false },
    invoker: {
      // The contract: a `qualifier` wins over one written in `functionName`.
      invoke: async (r) => {
        const functionName = r.qualifier ? withoutQualifier(r.functionName) : r.functionName;
        const { accountId, region, qualifier, payload, caller } = r;
        return invocations.run(invocations.prepare({ accountId, region, functionName, qualifier, payload, caller, requestId: randomUUID(), type: 'RequestResponse' }));
      },
    },
    runtimeStats: () => host.stats(),
    async dispose() {
      for (const timer of timers) clearTimeout(timer);
      await host.dispose();
      codeServer.close();
      records.dispose();
    },
  };
}
