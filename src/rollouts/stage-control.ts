// How a rollout reads and changes a stage: API Gateway's own GetStage and UpdateStage handlers,
// called in-process. In-process rather than over HTTP because it is the very handler the wire
// layer calls (same rules, same store transaction, same change notifications to the data
// plane), it needs no port or credentials, and it lets a stage patch commit in one transaction
// with the rollout record, so a crash can never leave the stage at a step the record does not
// know. The patches are ordinary PatchOperations a user could send by hand.
import type { PatchOperation, Stage } from '../aws/generated/apigateway.js';
import { isAwsError } from '../aws/errors.js';
import type { OpContext, ServiceDefinition } from '../aws/service.js';

export interface StageRef {
  accountId: string;
  region: string;
  restApiId: string;
  stageName: string;
}

export interface StageControl {
  /** The stage as GetStage answers it, or undefined when the API or stage does not exist. */
  getStage(ref: StageRef): Stage | undefined;
  /** UpdateStage; throws the AwsError it answers. Synchronous, so it can join a store transaction. */
  updateStage(ref: StageRef, patchOperations: PatchOperation[]): Stage;
  /** Why a Lambda function cannot serve as a hook (GetFunction's error), or null when it can. */
  functionProblem(ref: StageRef, functionName: string): Promise<string | null>;
}

export interface StageControlDeps {
  apigateway: ServiceDefinition;
  lambda: ServiceDefinition;
  newId: () => string;
}

export function createStageControl(deps: StageControlDeps): StageControl {
  const ctx = (service: ServiceDefinition, operation: string, ref: StageRef): OpContext => ({
    service: service.name,
    operation,
    accountId: ref.accountId,
    region: ref.region,
    requestId: deps.newId(),
    sourceIp: '127.0.0.1',
  });

  function call<O>(service: ServiceDefinition, operation: string, ref: StageRef, input: object): O {
    const handler = service.operations[operation];
    if (!handler) throw new Error(`${service.name} has no ${operation} handler`);
    const out = handler(ctx(service, operation, ref), input);
    if (out instanceof Promise) throw new Error(`${operation} answered asynchronously; rollouts need it synchronous to commit with their record`);
    return out as O;
  }

  return {
    getStage(ref) {
      try {
        return call<Stage>(deps.apigateway, 'GetStage', ref, { restApiId: ref.restApiId, stageName: ref.stageName });
      } catch (err) {
        if (isAwsError(err) && err.code === 'NotFoundException') return undefined;
        throw err;
      }
    },
    updateStage: (ref, patchOperations) => call<Stage>(deps.apigateway, 'UpdateStage', ref, { restApiId: ref.restApiId, stageName: ref.stageName, patchOperations }),
    async functionProblem(ref, functionName) {
      const handler = deps.lambda.operations.GetFunction;
      if (!handler) return 'the Lambda service cannot look functions up';
      try {
        await handler(ctx(deps.lambda, 'GetFunction', ref), { FunctionName: functionName });
        return null;
      } catch (err) {
        if (isAwsError(err)) return `${err.code}: ${err.message}`;
        throw err;
      }
    },
  };
}
