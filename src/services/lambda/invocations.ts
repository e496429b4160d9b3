// The invocation path shared by the Invoke API and the LambdaInvoker that API Gateway uses:
// resolve function and qualifier (an alias draws its version by weight), check the caller
// against the resource policy, check the payload, run it on the runtime. Reads cached records only.
import type { InvokeRequest, InvokeResult } from './invoker.js';
import { PoolClosedError, ThrottledError } from '../../runtime/errors.js';
import type { Invocation } from '../../runtime/channels/channel.js';
import type { FunctionSpec } from '../../runtime/launch.js';
import { qualifierKind } from './arn.js';
import { LAMBDA_ERRORS } from './errors.js';
import type { LambdaEnv } from './lambda-env.js';
import { arnOf, locate, requireFunction } from './resolve.js';
import { pickVersion } from './rules/alias-routing.js';
import { allowsInvoke, type PolicyStatement, type ServiceCaller } from './rules/policy.js';

/** Synchronous and asynchronous payload limits of the Invoke API. */
export const MAX_SYNC_PAYLOAD = 6 * 1024 * 1024;
export const MAX_ASYNC_PAYLOAD = 256 * 1024;

const NO_STATEMENTS: PolicyStatement[] = [];

/** The invoker's request, plus what only the Invoke API carries. */
export interface InvocationRequest extends InvokeRequest {
  requestId: string;
  clientContext?: string;
  type: 'RequestResponse' | 'Event' | 'DryRun';
}

export interface PreparedInvocation {
  spec: FunctionSpec;
  inv: Invocation;
  executedVersion: string;
}

export interface Invocations {
  /** Resolves and checks everything an invocation needs, without running it. */
  prepare(req: InvocationRequest): PreparedInvocation;
  run(prepared: PreparedInvocation): Promise<InvokeResult>;
}

function checkPayload(payload: Buffer | string, type: InvocationRequest['type']): string {
  const limit = type === 'Event' ? MAX_ASYNC_PAYLOAD : MAX_SYNC_PAYLOAD;
  if (typeof payload === 'string') {
    // JSON.stringify's output (see InvokeRequest.payload): valid by construction.
    if (Buffer.byteLength(payload) > limit) throw LAMBDA_ERRORS.payloadTooLarge(limit);
    return payload;
  }
  if (payload.length > limit) throw LAMBDA_ERRORS.payloadTooLarge(limit);
  const text = payload.length === 0 ? '{}' : payload.toString('utf8');
  try {
    JSON.parse(text);
  } catch (err) {
    throw LAMBDA_ERRORS.invalidPayload((err as Error).message);
  }
  return text;
}

export function createInvocations(env: LambdaEnv): Invocations {
  // The policy's answer for a caller, remembered per statement list: a function's records are
  // replaced, never changed in place, when a permission is added or removed, so a list's answers
  // never go stale; API Gateway asks the same question on every request of a method.
  const decisions = new WeakMap<PolicyStatement[], Map<string, boolean>>();
  function allowed(statements: PolicyStatement[], caller: ServiceCaller): boolean {
    let known = decisions.get(statements);
    if (!known) decisions.set(statements, (known = new Map()));
    const key = `${caller.principal} ${caller.sourceArn}`;
    let answer = known.get(key);
    if (answer === undefined) {
      answer = allowsInvoke(statements, caller);
      // Bounded: a caller is a principal and a method ARN, so a list meets few of them.
      if (known.size >= 1000) known.clear();
      known.set(key, answer);
    }
    return answer;
  }

  return {
    prepare(req) {
      const at = locate(req, req.functionName, req.qualifier);
      const fn = requireFunction(env.records, at);
      let version = fn.latest;
      if (qualifierKind(at.qualifier) === 'version') version = fn.versions[at.qualifier!];
      else if (qualifierKind(at.qualifier) === 'alias') {
        const alias = fn.aliases[at.qualifier!];
        const chosen = alias && pickVersion(alias.FunctionVersion, alias.RoutingConfig, env.random);
        version = chosen === '$LATEST' ? fn.latest : fn.versions[chosen];
      }
      if (!version) throw LAMBDA_ERRORS.functionNotFound(arnOf(at));
      if (req.caller && !allowed(fn.policies[at.qualifier ?? '$LATEST'] ?? NO_STATEMENTS, req.caller)) {
        throw LAMBDA_ERRORS.accessDenied(req.caller.principal, arnOf(at));
      }
      const payload = checkPayload(req.payload, req.type);
      return {
        spec: env.specFor(fn, version),
        inv: { requestId: req.requestId, payload, invokedArn: arnOf(at), clientContext: req.clientContext },
        executedVersion: version.config.Version ?? '$LATEST',
      };
    },

    run({ spec, inv, executedVersion }) {
      return env.host.invoke(spec, inv).then(
        (outcome) => ({
          statusCode: 200,
          payload: outcome.payload,
          functionError: outcome.errorType ? 'Unhandled' : undefined,
          executedVersion,
          requestId: inv.requestId,
          logTail: outcome.logTail,
          durationMs: outcome.durationMs,
        }),
        (err) => {
          if (err instanceof ThrottledError) throw LAMBDA_ERRORS.throttled(err.reason);
          if (err instanceof PoolClosedError) throw LAMBDA_ERRORS.serviceError('The function runtime is shutting down.');
          throw err;
        },
      );
    },
  };
}
