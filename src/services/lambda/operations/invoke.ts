// Invoke: RequestResponse (200 with the handler's payload, X-Amz-Function-Error, X-Amz-Executed-
// Version, and X-Amz-Log-Result for LogType Tail), Event (202, runs in the background) and
// DryRun (204 after the checks).
import type { Operations } from '../../../aws/generated/lambda.js';
import type { Handlers } from '../../../aws/service.js';
import type { Invocations } from '../invocations.js';
import type { LambdaEnv } from '../lambda-env.js';

export function invokeOperations(env: LambdaEnv, invocations: Invocations): Handlers<Operations> {
  return {
    Invoke: async (ctx, input) => {
      const type = input.InvocationType ?? 'RequestResponse';
      const prepared = invocations.prepare({
        accountId: ctx.accountId,
        region: ctx.region,
        functionName: input.FunctionName,
        qualifier: input.Qualifier,
        // The wire layer hands a blob payload over as the request body's Buffer: no copy needed.
        payload: input.Payload ? (Buffer.isBuffer(input.Payload) ? input.Payload : Buffer.from(input.Payload)) : Buffer.alloc(0),
        requestId: ctx.requestId,
        clientContext: input.ClientContext,
        type,
      });
      if (type === 'DryRun') return { StatusCode: 204 };
      if (type === 'Event') {
        invocations.run(prepared).catch((err) => env.log.error(`lambda: asynchronous invocation ${ctx.requestId} failed: ${(err as Error).message}`));
        return { StatusCode: 202 };
      }
      const result = await invocations.run(prepared);
      return {
        StatusCode: result.statusCode,
        Payload: result.payload,
        FunctionError: result.functionError,
        ExecutedVersion: result.executedVersion,
        LogResult: input.LogType === 'Tail' ? Buffer.from(result.logTail, 'utf8').toString('base64') : undefined,
      };
    },
  };
}
